import Foundation

/// The project's shipped data: the demo hall (and, in later issues, the matter catalog and the
/// working-day calendar built from the official data).
public enum HallResources {
    public static func url(_ name: String) -> URL? {
        let parts = name.split(separator: ".", maxSplits: 1)
        return Bundle.module.url(forResource: String(parts[0]), withExtension: parts.count > 1 ? String(parts[1]) : nil,
                                 subdirectory: "data")
    }

    public static func data(_ name: String) throws -> Data {
        guard let url = url(name) else {
            throw NSError(domain: "HallResources", code: 1, userInfo: [NSLocalizedDescriptionKey: "缺少资源文件 \(name)：安装不完整"])
        }
        return try Data(contentsOf: url)
    }
}
