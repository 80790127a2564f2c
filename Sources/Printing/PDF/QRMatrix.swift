import CQREncode

/// A QR code as a square of dark/light modules, from libqrencode (error correction M, byte
/// mode, so any UTF-8 payload is kept exactly).
public struct QRMatrix: Equatable, Sendable {
    public let size: Int
    public let modules: [Bool]          // row-major, true = dark

    public init(_ payload: String) throws {
        guard let code = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw PrintingError.rendering("二维码内容过长，无法生成二维码")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = code.pointee.data!
        size = width
        // Bit 0 of each byte is the module's colour; the other bits describe its role.
        modules = (0..<(width * width)).map { data[$0] & 1 == 1 }
    }

    public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }
}
