import Foundation
import HallCore
import HallStore

extension Interfaces {
    /// 后台管理 over the store, opened by F12 from the dashboard or a window console; every change
    /// is made as `clerk` from `terminal` (the store checks the role again).
    /// `printDesk`: this machine's printers, for the printers page.
    public static func adminMenu(store: HallStore, clerk: Clerk, terminal: String, printDesk: PrintDesk? = nil) -> ModelScreen<AdminMenu> {
        let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: terminal)
        return ModelScreen(AdminMenu.State(clerk: clerk), execute: { never in switch never {} }, open: { section in
            ModelScreen<AdminPage>(AdminPage.State(clerk: clerk, section: section), execute: AdminPage.execute(admin: store, by: by, printers: printDesk),
                                   open: { never in switch never {} })
        })
    }
}
