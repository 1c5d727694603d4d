/// Text made safe inside an XML or HTML element or attribute: `&`, `<`, `>`, `"` and `'` as entities
/// (`&#39;`, which both XML and HTML read), for the SVG charts and the notebooks' HTML tables.
func markupEscape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for ch in text.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}
