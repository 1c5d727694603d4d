import XCTest
import GembaCore
@testable import GembaShell

final class ViewDisplayWidthTests: XCTestCase {
    func testASCII() {
        XCTAssertEqual(DisplayWidth.of("hello, world"), 12)
        XCTAssertEqual(DisplayWidth.of(""), 0)
    }

    func testEastAsianWideAndFullwidthCountTwo() {
        XCTAssertEqual(DisplayWidth.of("日本語"), 6)
        XCTAssertEqual(DisplayWidth.of("한국어"), 6)
        XCTAssertEqual(DisplayWidth.of("ＡＢ"), 4)
        XCTAssertEqual(DisplayWidth.of("ｱｲ"), 2) // halfwidth katakana
    }

    func testCombiningMarksCountZero() {
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
        XCTAssertEqual(DisplayWidth.of("a\u{300}\u{316}b"), 2)
        XCTAssertEqual(DisplayWidth.of(Unicode.Scalar(0x301)!), 0)
        XCTAssertEqual(DisplayWidth.of("a\u{200B}b"), 2)
    }

    func testEmojiCountTwo() {
        XCTAssertEqual(DisplayWidth.of("😀"), 2)
        XCTAssertEqual(DisplayWidth.of("👩‍👩‍👧"), 2)
        XCTAssertEqual(DisplayWidth.of("🇯🇵"), 2)
        XCTAssertEqual(DisplayWidth.of("👍🏽"), 2)
        XCTAssertEqual(DisplayWidth.of("❤️"), 2)
        XCTAssertEqual(DisplayWidth.of("❤"), 1)
    }

    func testValueTextGroupsAndEscapes() {
        XCTAssertEqual(ValueText.grouped(0), "0")
        XCTAssertEqual(ValueText.grouped(999), "999")
        XCTAssertEqual(ValueText.grouped(1000), "1,000")
        XCTAssertEqual(ValueText.grouped(1_234_567), "1,234,567")
        XCTAssertEqual(ValueText.grouped(-12345), "-12,345")
        XCTAssertEqual(ValueText.display(.null), "null")
        XCTAssertEqual(ValueText.display(.string("a\r\n\u{1B}")), "a\\r\\n\\u{1B}")
        XCTAssertEqual(ValueText.display(.datetime(500_000)), "1970-01-01T00:00:00.5Z")
    }
}
