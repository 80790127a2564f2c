import Foundation
import HallApp

/// `yichuang config --paths`: which settings files are read, in which order, which exist, and
/// where the data folder and the store come from (issue 17: an IT officer must not have to guess).
enum ConfigPaths {
    static func describe(_ c: AppConfig) -> String {
        var lines = ["配置文件（依次读取，后读的文件覆盖先读的同名设置）："]
        for (i, s) in c.sources.enumerated() {
            let state: String
            switch s.state {
            case .read: state = "已读取"
            case .missing: state = "不存在"
            case .unreadable(let why): state = "未读取：\(why)"
            }
            lines.append("  \(i + 1). \(s.path)    \(s.role)，\(state)")
        }
        lines.append("环境变量（最后生效）：YICHUANG_STORE、YICHUANG_TERMINAL、YICHUANG_VOICE；--store 优先于一切")
        lines.append("数据目录：\(c.home.path)    来自 \(c.homeOrigin)")
        lines.append("  （顺序：$YICHUANG_HOME，systemd 服务的 $STATE_DIRECTORY，$XDG_DATA_HOME/yichuang，~/.local/share/yichuang）")
        lines.append("数据库：\(c.storePath)    来自 \(c.storeOrigin)")
        return lines.joined(separator: "\n")
    }
}
