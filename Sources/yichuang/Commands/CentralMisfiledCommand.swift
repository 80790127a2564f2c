import ArgumentParser
import CentralServer
import Foundation
import HallStore

/// `yichuang central-misfiled`: run on the centre's machine by its administrator, to repair
/// operations a hall's node pushed under another hall's token before the centre refused that.
/// `list` shows each hall's devices; `move` files a device's operations under the right hall;
/// `withdraw` takes them out of the figures (kept whole). Both are audited (central_audit).
struct CentralMisfiledCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "central-misfiled",
        abstract: "核查并纠正误归入其他大厅的同步数据（列出、移至正确大厅、撤出统计；均记入中心审计）",
        discussion: "设备编号见大厅节点上的 `yichuang sync --identity`。",
        subcommands: [List.self, Move.self, Withdraw.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出各大厅名下每台设备的操作数，标出可疑者")
        @Option(help: "只列这个大厅") var hall: String?
        func run() throws {
            try runReportingErrors {
                let hall = self.hall
                try withCentral { central in
                    let filings = try await MisfiledOperations(central).list(hallId: hall)
                    if filings.isEmpty { print("没有任何同步数据"); return }
                    let f = DateFormatter()
                    f.dateFormat = "yyyy-MM-dd HH:mm"
                    f.timeZone = TimeZone(identifier: "Asia/Shanghai")
                    for x in filings {
                        var line = "大厅 \(x.hallId)  设备 \(x.deviceId)  操作 \(x.operations) 条  隔离 \(x.quarantined) 条"
                        if let a = x.firstReceived, let b = x.lastReceived { line += "  收到于 \(f.string(from: a)) 至 \(f.string(from: b))" }
                        if !x.otherHalls.isEmpty { line += "  【可疑：该设备也在大厅 \(x.otherHalls.joined(separator: "、")) 名下】" }
                        else if x.devicesInHall > 1 { line += "  【请核对：本大厅有 \(x.devicesInHall) 台设备】" }
                        print(line)
                    }
                }
            }
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "move", abstract: "把一台设备的全部操作从误归的大厅移到它所属的大厅")
        @Option(help: "误归的大厅编号") var hall: String
        @Option(help: "设备编号") var device: String
        @Option(help: "设备所属的大厅编号") var toHall: String
        @Option(help: "操作人（记入审计）") var by: String
        @Option(help: "原因（记入审计）") var reason: String
        func run() throws {
            try runReportingErrors {
                let (hall, device, toHall, by, reason) = (self.hall, self.device, self.toHall, self.by, self.reason)
                try withCentral { central in
                    let m = try await MisfiledOperations(central).move(deviceId: device, from: hall, to: toHall, actor: by, reason: reason)
                    print("已将设备 \(device) 的 \(m.moved) 条数据从大厅 \(hall) 移至大厅 \(toHall)（目标大厅已有相同的 \(m.alreadyThere) 条），审计编号 \(m.auditId)")
                }
            }
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "把一台设备的全部操作撤出误归的大厅（原样留存，不再计入统计）")
        @Option(help: "误归的大厅编号") var hall: String
        @Option(help: "设备编号") var device: String
        @Option(help: "操作人（记入审计）") var by: String
        @Option(help: "原因（记入审计）") var reason: String
        func run() throws {
            try runReportingErrors {
                let (hall, device, by, reason) = (self.hall, self.device, self.by, self.reason)
                try withCentral { central in
                    let w = try await MisfiledOperations(central).withdraw(deviceId: device, from: hall, actor: by, reason: reason)
                    print("已将设备 \(device) 的 \(w.rows) 条数据撤出大厅 \(hall)（原样留存），审计编号 \(w.auditId)")
                }
            }
        }
    }
}
