import Foundation
import HallCore
import HallResources
import HallStore

/// The embedded demo hall: created on the first run so `yichuang demo` shows a working hall at once.
public enum DemoHall {
    public static func setup() throws -> HallSetup {
        try JSONDecoder().decode(HallSetup.self, from: HallResources.data("demo-hall.json"))
    }

    /// Creates the hall and a morning's worth of waiting tickets (with one green-channel ticket).
    public static func create(in store: HallStore, terminal: String) throws {
        let by = Attribution.system("demo:" + terminal)
        try HallInstaller.install(try setup(), in: store, by: by)
        let plan: [(String, TicketPriority)] = [("A", .normal), ("A", .normal), ("B", .normal), ("A", .greenChannel), ("C", .normal),
                                                ("E", .normal), ("B", .normal), ("A", .normal), ("D", .normal), ("E", .normal),
                                                ("C", .normal), ("A", .normal)]
        for (service, priority) in plan {
            _ = try store.issueTicket(service: service, priority: priority, by: by)
        }
    }
}
