import Foundation
import HallCore
import HallStore
import TerminalUI
import XCTest
@testable import HallApp

/// Issue 14, must-deliver 5, in the matter picker: `juzhu` found nothing (only initials were
/// indexed), and the picker re-read and decoded the whole catalog on every store change while
/// its search index, built once per session, never saw a catalog imported after it.
final class MatterPickerPinyinTests: XCTestCase {
    func names(_ state: MatterPicker.State) -> [String] {
        state.entries.map { e in
            switch e {
            case .bundle(let b, _): "一件事:" + b.name
            case .matter(let m): m.name
            }
        }
    }

    func testFullPinyinFindsMattersAndBundlesAndTheIndexIsBuiltOncePerImport() throws {
        let f = try AppFixture(catalog: true)
        let clerk = try f.store.signIn(clerkNumber: "1001", pin: "1234", window: 1, terminal: "tty1")
        let by = Attribution(clerkId: clerk.id, clerkNumber: clerk.number, terminal: "tty1")
        let context = IntakeContext(store: f.store, clerk: clerk, windowNumber: 1, by: by, calendar: f.calendar, printDesk: f.printDesk)
        let picker = context.matterPicker(ticket: nil)
        let (r, _) = f.runner(picker, width: 80, height: 24)
        f.type(r, "juzhu")
        XCTAssertEqual(names(picker.state).first, "居住证申领", "\(names(picker.state))")
        XCTAssertTrue(f.frame(r, width: 80, height: 24).contains("居住证申领"))
        r.feed(.control("u"))
        f.type(r, "kaiban")
        XCTAssertEqual(names(picker.state).first, "一件事:开办企业", "a bundle by its full pinyin too")
        XCTAssertEqual(context.catalogBuilds, 1)

        // Cases opened elsewhere change the store: the picker reads the usage again, not the catalog.
        let m = try XCTUnwrap(f.store.matters().first { $0.name == "居住证申领" })
        for _ in 0..<3 {
            _ = try f.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: [m.caseMatter], checks: [], by: by)
            r.storeChanged()
        }
        XCTAssertEqual(context.catalogBuilds, 1, "no catalog change, no rebuild")
        r.feed(.control("u"))
        XCTAssertEqual(names(picker.state).dropFirst(5).first, "居住证申领", "after the bundles, the most used matter first: \(names(picker.state))")

        // An import adds 居住证登记: the next change rebuilds the index and finds it.
        var added = m
        added.name = "居住证登记"
        added.implementationCode = "11990105JZZDJ000000001"
        added.basicCode = "JZZDJ00001"
        _ = try f.store.importCatalog([added], bundles: [], source: "add.json", by: .system("test"))
        r.storeChanged()
        XCTAssertEqual(context.catalogBuilds, 2)
        f.type(r, "juzhuzhengdeng")
        XCTAssertEqual(names(picker.state).first, "居住证登记", "\(names(picker.state))")
    }
}
