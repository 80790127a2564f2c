import Foundation

/// Failures before anything reaches a printer (rendering, encoding, configuration).
public enum PrintingError: Error, Equatable, LocalizedError {
    case encoding(String)
    case rendering(String)
    case badPrinterSpec(String)

    public var errorDescription: String? {
        switch self {
        case .encoding(let s), .rendering(let s): return s
        case .badPrinterSpec(let s): return "打印机配置有误：\(s)"
        }
    }
}
