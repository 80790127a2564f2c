import Foundation
import HallCore
@testable import HallStore

/// A one-window hall in a temporary store with one catalogued matter, for the print flow tests.
final class StoreFixture {
    let dir: URL
    let store: HallStore
    let clerk: Attribution

    static let matter = Matter(
        name: "个体工商户设立登记", basicCode: "0001", implementationCode: "GTGSH01", type: .licensing,
        legalBasis: "《促进个体工商户发展条例》第八条", level: "县级", implementingBody: "区市场监督管理局",
        implementingBodyCreditCode: "11110000000000000X", statutoryLimit: TimeLimit(15), promisedLimit: TimeLimit(3),
        caseType: .promised, acceptanceConditions: "", procedure: "", fee: .init(charged: false), serviceObject: .person,
        place: "", hours: "", enquiryPhone: "0000-12345678", complaintPhone: "12345",
        materials: [MaterialRequirement(name: "经营者居民身份证", originals: 1, copies: 1),
                    MaterialRequirement(name: "经营场所使用证明", originals: 1),
                    MaterialRequirement(name: "银行开户许可证", originals: 0, copies: 1)],
        formFields: [])

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("yichuang-printflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        store = try HallStore(path: dir.appendingPathComponent("hall.sqlite").path,
                              clock: ManualClock(Date(timeIntervalSince1970: 1_772_413_200)))
        let setup = HallSetup(name: "示范区政务服务中心", kind: "hall", timeZone: "Asia/Shanghai", openingHour: 9,
                              services: [.init(code: "C", prefix: "C", name: "商事登记", targetWaitMinutes: 30, maxQueue: 50, warnQueue: 10)],
                              windows: [.init(number: 4, name: "4号综合窗口", services: ["C"])],
                              clerks: [.init(number: "1003", name: "张伟", role: .clerk, pin: "1234")],
                              appointments: [], pinRounds: 1000)
        try store.setUp(setup, by: .system("test"), pinRounds: 1000)
        try store.importCatalog([Self.matter], bundles: [], source: "test", by: .system("test"))
        let c = try store.signIn(clerkNumber: "1003", pin: "1234", window: 4, terminal: "tty4")
        clerk = Attribution(clerkId: c.id, clerkNumber: c.number, terminal: "tty4")
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// A case with the ID card half handed in and two materials missing, told in one notice.
    func correctionNotice() throws -> (caseNumber: String, notice: NoticeRecord) {
        let checks = Self.matter.materials.map {
            MaterialCheck(matterCode: "GTGSH01", materialName: $0.name, requiredOriginals: $0.originals, requiredCopies: $0.copies,
                          isRequired: true, isTolerable: false, electronicLicence: nil)
        }
        let c = try store.openCase(window: 4, ticketId: nil, bundleCode: nil, matters: [CaseMatter(code: "GTGSH01", version: 1, name: Self.matter.name, promisedWorkingDays: 3)], checks: checks, by: clerk)
        try store.saveField(caseId: c.id, key: "applicant.name", value: "张三丰", by: clerk)
        try store.setMaterial(caseId: c.id, index: 0, state: .received(originals: 1, copies: 0), by: clerk)
        for i in [1, 2] { try store.setMaterial(caseId: c.id, index: i, state: .missing, by: clerk) }
        let (_, notice) = try store.decide(caseId: c.id, .requestCorrection, dueDate: { _, _ in "2026-03-05" }, by: clerk)
        return (c.caseNumber, notice!)
    }
}
