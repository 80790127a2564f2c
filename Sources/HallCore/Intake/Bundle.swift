import Foundation

/// 一件事: several matters for one life or business event, applied for with one form.
public struct MatterBundle: Codable, Sendable, Equatable, Hashable {
    public var code: String
    public var name: String
    public var description: String
    public var matterCodes: [String]
    public init(code: String, name: String, description: String, matterCodes: [String]) {
        self.code = code; self.name = name; self.description = description; self.matterCodes = matterCodes
    }
}

extension MatterBundle {
    /// The bundle's matters in the bundle's order; codes the catalog lacks are left out (the store
    /// refuses such bundles on import, so this only happens with a hand-built list).
    public func matters(in catalog: [Matter]) -> [Matter] {
        let byCode = Dictionary(catalog.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return matterCodes.compactMap { byCode[$0] }
    }
}
