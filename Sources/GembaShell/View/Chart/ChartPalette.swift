/// The colours of chart series: the Okabe–Ito palette, which people with the common colour-vision
/// deficiencies can tell apart, and in the terminal its nearest ANSI 256-colour codes, which read on
/// dark and light backgrounds.
enum ChartPalette {
    /// SVG colours, in series order (then repeating): the eight Okabe–Ito colours (grey for black, which
    /// would read as an axis), then the same eight halfway to white.
    static let svg = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#7F7F7F",
                      "#80B8D8", "#F2CF80", "#80CEB9", "#EAAE80", "#AAD9F4", "#E5BCD3", "#F7F1A0", "#BFBFBF"]
    /// ANSI 256-colour codes, the same colours in the same order.
    static let ansi = [32, 214, 35, 166, 74, 175, 178, 244]
    /// The colour of reference lines (x̄, percentiles).
    static let referenceSVG = "#555555"
    /// The colour of limits and signals (xmr).
    static let alertSVG = "#D55E00"

    /// The SVG colour of series `i`.
    static func svg(_ i: Int) -> String { svg[((i % svg.count) + svg.count) % svg.count] }
    /// The ANSI code of series `i`.
    static func ansi(_ i: Int) -> Int { ansi[((i % ansi.count) + ansi.count) % ansi.count] }
}
