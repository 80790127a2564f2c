import Foundation
import HallCore
import HallResources
import HallStore

/// Sets up a new hall with everything it needs on day one: its own description, plus the shipped
/// reference data (the official working-day calendar and the sample matter catalog), so intake
/// and deadlines work offline from the start.
public enum HallInstaller {
    /// Answers the one-time PIN drawn for each 工号 the file gives none (see `HallStore.setUp`).
    @discardableResult
    public static func install(_ setup: HallSetup, in store: HallStore, by: Attribution) throws -> [String: String] {
        let pins = try store.setUp(setup, by: by)
        try store.seedCalendarIfEmpty(WorkCalendar.fromResource(json: HallResources.data("work-calendar.json")), by: by)
        try store.seedCatalogIfEmpty(JSONDecoder().decode(CatalogFile.self, from: HallResources.data("catalog.json")), by: by)
        return pins
    }
}
