import TerminalUI

/// Text from the store (names, reasons, report rows) made safe for a terminal: TerminalUI's
/// `sanitize` per line, so an escape sequence in a stored name shows as ␛ instead of acting on the
/// terminal, while line breaks (and a CSV's CRLF) stay line breaks.
func sanitizedForTerminal(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        let crlf = line.hasSuffix("\r")
        return sanitize(String(crlf ? line.dropLast() : line)) + (crlf ? "\r" : "")
    }.joined(separator: "\n")
}

/// `print` for text that carries stored values.
func printSafe(_ text: String) {
    print(sanitizedForTerminal(text))
}
