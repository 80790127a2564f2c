/// The paper a printer takes. A4 gets the PDF; the thermal rolls get ESC/POS.
public enum Paper: String, Codable, Sendable, CaseIterable {
    case a4
    case thermal58 = "58mm"
    case thermal80 = "80mm"

    /// Characters per line in the printer's standard font A (12×24 dots): 384 dots on 58 mm
    /// paper, 576 on 80 mm. A Chinese character takes two columns.
    public var columns: Int? {
        switch self {
        case .a4: return nil
        case .thermal58: return 32
        case .thermal80: return 48
        }
    }

    public var isThermal: Bool { self != .a4 }

    public var label: String {
        switch self {
        case .a4: return "A4"
        case .thermal58: return "58毫米热敏纸"
        case .thermal80: return "80毫米热敏纸"
        }
    }
}
