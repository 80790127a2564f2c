import Foundation
import TerminalUI

/// Text from the store (names, reasons, report rows) made safe for a terminal: TerminalUI's
/// `sanitize` per line, so an escape sequence in a stored name shows as ␛ instead of acting on the
/// terminal, while line breaks (and a CSV's CRLF) stay line breaks.
func sanitizedForTerminal(_ text: String) -> String {
    // By scalar, not Character: "\r\n" is one Character in Swift, and CSV lines end in it.
    text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        let crlf = line.last == "\r"
        return sanitize(String(String.UnicodeScalarView(crlf ? line.dropLast() : line))) + (crlf ? "\r" : "")
    }.joined(separator: "\n")
}

/// `print` for text that carries stored values.
func printSafe(_ text: String) {
    print(sanitizedForTerminal(text))
}
