/// Makes text safe to draw: nothing a user or a database typed can move the cursor, change
/// colours, retitle the window or clear the screen.
///
/// - ESC (U+001B) becomes "␛" so a pasted escape sequence shows up inert and visibly.
/// - Tab, CR, LF (a CRLF pair counts once), U+2028/U+2029 become a single space.
/// - Other C0 controls, DEL and C1 controls (U+0080–U+009F, e.g. the 8-bit CSI U+009B)
///   become "�", one column like the character they replace.
/// - Bidirectional overrides/isolates become "�" too: they reorder what the terminal shows
///   ("Trojan Source"), which matters for names and ID numbers on legal records.
/// Idempotent: sanitize(sanitize(s)) == sanitize(s).
public func sanitize(_ s: String) -> String {
    // Fast path: most strings are clean and need no copy.
    if !s.unicodeScalars.contains(where: needsReplacement) { return s }
    var out = String.UnicodeScalarView()
    var previousWasCR = false
    for scalar in s.unicodeScalars {
        let v = scalar.value
        defer { previousWasCR = (v == 0x0D) }
        switch v {
        case 0x0A where previousWasCR:
            continue                                  // CRLF -> one space (already emitted for CR)
        case 0x09, 0x0A, 0x0D, 0x2028, 0x2029:
            out.append(" ")
        case 0x1B:
            out.append("\u{241B}")                    // ␛ SYMBOL FOR ESCAPE
        default:
            out.append(needsReplacement(scalar) ? "\u{FFFD}" : scalar)
        }
    }
    return String(out)
}

private func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return true }
    if v == 0x2028 || v == 0x2029 { return true }
    if (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) { return true }
    return false
}
