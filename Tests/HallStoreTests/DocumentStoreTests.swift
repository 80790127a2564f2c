import XCTest
import GRDB
import HallCore
@_spi(StoreInternals) @testable import HallStore

final class DocumentStoreTests: XCTestCase {
    static let matter = Matter(
        name: "个体工商户设立登记", basicCode: "0001", implementationCode: "GTGSH01", type: .licensing,
        legalBasis: "《促进个体工商户发展条例》第八条", level: "县级", implementingBody: "区市场监督管理局",
        implementingBodyCreditCode: "11110000000000000X", statutoryLimit: TimeLimit(15), promisedLimit: TimeLimit(3),
        caseType: .promised, acceptanceConditions: "", procedure: "", fee: .init(charged: false), serviceObject: .person,
        place: "", hours: "", enquiryPhone: "0000-12345678", complaintPhone: "12345",
        materials: [MaterialRequirement(name: "经营者居民身份证", originals: 1, copies: 1),
                    MaterialRequirement(name: "经营场所使用证明", originals: 1, tolerable: true),
                    MaterialRequirement(name: "银行开户许可证", originals: 0, copies: 1)],
        formFields: [])

    let checks = DocumentStoreTests.matter.materials.map {
        MaterialCheck(matterCode: "GTGSH01", materialName: $0.name, requiredOriginals: $0.originals, requiredCopies: $0.copies,
                      isRequired: true, isTolerable: $0.tolerable, electronicLicence: nil)
    }
    func plusDays(_ day: String, _ n: Int) throws -> String { "2026-03-05" }

    /// A case opened at window 1 for 张三丰, with the ID card handed over and the rest missing.
    func correctionCase(_ h: TestHall, _ by: Attribution) throws -> (Case, NoticeRecord) {
        try h.store.importCatalog([Self.matter], bundles: [], source: "test", by: .system("test"))
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: [CaseMatter(code: "GTGSH01", version: 1, name: Self.matter.name, promisedWorkingDays: 3)], checks: checks, by: by)
        try h.store.saveField(caseId: c.id, key: "applicant.name", value: "张三丰", by: by)
        try h.store.saveField(caseId: c.id, key: "applicant.idNumber", value: "11010519491231002X", by: by)
        try h.store.saveField(caseId: c.id, key: "applicant.phone", value: "13800138000", by: by)
        try h.store.setMaterial(caseId: c.id, index: 0, state: .received(originals: 1, copies: 0), by: by)
        for i in [1, 2] { try h.store.setMaterial(caseId: c.id, index: i, state: .missing, by: by) }
        let (decided, notice) = try h.store.decide(caseId: c.id, .requestCorrection, dueDate: plusDays, by: by)
        return (decided, try XCTUnwrap(notice))
    }

    func testNumbersAreGapFreePerHallAndYearAndEveryIssueIsAudited() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let (c, notice) = try correctionCase(h, by)
        let doc = try h.store.issueDocument(noticeId: notice.id, by: by)
        XCTAssertEqual(doc.number, "测试政务〔2026〕1号")
        XCTAssertEqual(doc.kind, .oneTimeCorrection)
        XCTAssertEqual(doc.document.number, doc.number)
        XCTAssertEqual(doc.document.qrPayload, "YC1:D:测试政务〔2026〕1号:\(c.caseNumber):\(doc.id)")
        // The body names every missing material with form and count, and both legal bases.
        let text = doc.document.allText.joined(separator: "\n")
        for expected in ["经营场所使用证明", "原件1份", "银行开户许可证", "复印件1份", "经营者居民身份证", "已交部分，须补齐",
                         NoticeBuilder.correctionBasis, "《促进个体工商户发展条例》第八条", "1号窗口", "李敏（工号1001）",
                         "0000-12345678", "110105********002X", "138****8000", c.caseNumber, "2026年3月2日"] {
            XCTAssertTrue(text.contains(expected), "\(expected) missing from\n\(text)")
        }
        XCTAssertFalse(text.contains("11010519491231002X"))

        // Issuing the notice again gives the same document, not a new number.
        XCTAssertEqual(try h.store.issueDocument(noticeId: notice.id, by: by), doc)

        // A transaction that allocated a number and then failed leaves no gap.
        struct Abort: Error {}
        XCTAssertThrowsError(try h.store.perform(by) { tx, hall in
            _ = try HallStore.store(tx, hall: hall, settings: DocumentRows.settings(tx.db, hall: hall), doc.document, caseId: c.id, noticeId: nil)
            throw Abort()
        })
        // A receipt is no 文书 of the series (issue 14 defect 6): it is numbered by its case.
        let receipt = try h.store.issueMaterialsReceipt(caseId: c.id, by: by)
        XCTAssertEqual(receipt.number, "\(c.caseNumber)-凭1")
        XCTAssertEqual(try h.store.documents(caseId: c.id).map(\.number), ["测试政务〔2026〕1号", "\(c.caseNumber)-凭1"])
        let series = try h.store.perform(by) { tx, hall in
            try HallStore.store(tx, hall: hall, settings: DocumentRows.settings(tx.db, hall: hall), doc.document, caseId: c.id, noticeId: nil)
        }
        XCTAssertEqual(series.number, "测试政务〔2026〕2号", "the series goes on with no gap for the receipt")

        // A new year starts a new series; the administrator's abbreviation applies from then on.
        try h.store.setDocumentSettings(DocumentSettings(agencyName: "测试区政务服务中心", abbreviation: "测政服", phone: "0000-1"), by: .system("admin"))
        h.clock.set(Date(timeIntervalSince1970: 1_799_020_800))   // 2027-01-04 08:00 +08:00
        let next = try h.store.issueMaterialsReceipt(caseId: c.id, by: by)
        XCTAssertEqual(next.number, "\(c.caseNumber)-凭2")
        XCTAssertEqual(next.document.issuer, "测试区政务服务中心")
        XCTAssertTrue(next.document.contacts.contains(DocumentField("咨询电话", "0000-1")))
        let nextYear = try h.store.perform(by) { tx, hall in
            try HallStore.store(tx, hall: hall, settings: DocumentRows.settings(tx.db, hall: hall), doc.document, caseId: c.id, noticeId: nil)
        }
        XCTAssertEqual(nextYear.number, "测政服〔2027〕1号")

        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'document.issued'"), 5)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM outbox WHERE kind = 'document.issued'"), 5)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'document.settings'"), 1)
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'document.issued' AND detail LIKE '%张三丰%'"), 0,
                       "the audit log names documents, not applicants")
        XCTAssertThrowsError(try h.store.pool.write { try $0.execute(sql: "UPDATE printed_document SET body = '{}'") },
                             "an issued document is never changed")
        XCTAssertTrue(try h.store.verify().audit.isIntact)
    }

    func testPrintJobsFailRetryAndReprintAsBuDa() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let (_, notice) = try correctionCase(h, by)
        let doc = try h.store.issueDocument(noticeId: notice.id, by: by)

        let first = try h.store.startPrintJob(documentId: doc.id, printer: "cups:Office", by: by)
        XCTAssertEqual(first.job.status, .pending)
        XCTAssertFalse(first.job.isReprint)
        XCTAssertNil(first.document.copyMark)
        XCTAssertEqual(first.document, doc.document, "the original prints exactly the stored body")

        let failed = try h.store.recordPrintOutcome(jobId: first.job.id, status: .failed, reason: "打印机 Office 已停止（Out of paper）", by: by)
        XCTAssertEqual(failed.status, .failed)
        XCTAssertEqual(failed.attempts, 1)
        XCTAssertEqual(try h.store.openPrintJobs().map(\.id), [first.job.id], "a failed job stays to be retried")

        let retry = try h.store.retryPrintJob(jobId: first.job.id, printer: "spool:/tmp/out", by: by)
        XCTAssertEqual(retry.job.status, .pending)
        XCTAssertEqual(retry.job.printer, "spool:/tmp/out")
        XCTAssertFalse(retry.job.isReprint, "retrying a failed original is still the original")
        let printed = try h.store.recordPrintOutcome(jobId: first.job.id, status: .printed, by: by)
        XCTAssertEqual(printed.attempts, 2)
        XCTAssertTrue(try h.store.openPrintJobs().isEmpty)
        XCTAssertThrowsError(try h.store.retryPrintJob(jobId: first.job.id, by: by), "a printed job is not retried")

        h.clock.advance(seconds: 3600)
        let again = try h.store.startPrintJob(documentId: doc.id, printer: "cups:Office", by: by)
        XCTAssertTrue(again.job.isReprint)
        XCTAssertEqual(again.document.copyMark, "补打")
        XCTAssertEqual(again.document.number, doc.number, "a reprint keeps the number")
        XCTAssertTrue(again.document.footer.last?.contains("补打时间：2026年3月2日 10:00，经办人工号1001") == true,
                      "\(again.document.footer)")
        XCTAssertEqual(try h.store.printJobs(documentId: doc.id).map(\.isReprint), [false, true])

        let audit = try h.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT action, detail FROM audit_entry WHERE entity = 'print_job' ORDER BY seq")
                .map { "\($0["action"] as String) \($0["detail"] as String)" }
        }
        XCTAssertEqual(audit.count, 5)
        XCTAssertTrue(audit[1].hasPrefix("print.failed 一次性告知书 测试政务〔2026〕1号：打印失败，打印机 Office 已停止"), audit[1])
        XCTAssertTrue(audit[4].hasPrefix("document.reprint 补打一次性告知书 测试政务〔2026〕1号"), audit[4])
        XCTAssertEqual(try h.count("SELECT COUNT(*) FROM outbox WHERE kind = 'print.job'"), 5)
        XCTAssertTrue(try h.store.verify().audit.isIntact)
    }

    func testAcceptanceAndRefusalDocuments() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let (c, _) = try correctionCase(h, by)
        _ = try h.store.resumeCase(caseId: c.id, by: by)
        try h.store.setMaterial(caseId: c.id, index: 0, state: .received(originals: 1, copies: 1), by: by)
        try h.store.setMaterial(caseId: c.id, index: 1, state: .toleratedWithCommitment, by: by)
        try h.store.setMaterial(caseId: c.id, index: 2, state: .received(originals: 0, copies: 1), by: by)
        let (_, acceptance) = try h.store.decide(caseId: c.id, .accept, dueDate: plusDays, by: by)
        let accepted = try h.store.issueDocument(noticeId: try XCTUnwrap(acceptance).id, by: by)
        XCTAssertEqual(accepted.number, "测试政务〔2026〕1号")
        let text = accepted.document.allText.joined(separator: "\n")
        for expected in ["受理通知书", "2026年3月5日前", "3个工作日", "窗口领取", "经营者居民身份证", "原件1份、复印件1份",
                         "容缺受理，已签署承诺", NoticeBuilder.acceptanceBasis] {
            XCTAssertTrue(text.contains(expected), "\(expected) missing from\n\(text)")
        }

        let other = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil, matters: [CaseMatter(code: "GTGSH01", version: 1, name: Self.matter.name, promisedWorkingDays: 3)], checks: checks, by: by)
        let (_, refusal) = try h.store.decide(caseId: other.id, .refuse(reason: "申请事项不属于本机关职权范围", rightAgency: "区市场监督管理局"),
                                              dueDate: plusDays, by: by)
        let refused = try h.store.issueDocument(noticeId: try XCTUnwrap(refusal).id, by: by)
        XCTAssertEqual(refused.number, "测试政务〔2026〕2号", "the correction notice was never issued, so it took no number")
        let body = refused.document.allText.joined(separator: "\n")
        XCTAssertTrue(body.contains("申请事项不属于本机关职权范围"))
        XCTAssertTrue(body.contains("请向区市场监督管理局提出申请"))
        XCTAssertTrue(body.contains("六十日内依法申请行政复议"))
        XCTAssertTrue(body.contains("六个月内依法向人民法院提起行政诉讼"))
    }

    func testTicketDocumentCountsPeopleAheadAndMasksTheID() throws {
        let h = try TestHall()
        _ = try h.store.issueTicket(service: "A", by: h.desk)
        let issued = try h.store.issueTicket(service: "A", priority: .greenChannel, by: h.desk)
        let doc = try h.store.ticketDocument(issued, residentId: "11010519491231002X")
        let text = doc.allText.joined(separator: "\n")
        XCTAssertTrue(text.contains(issued.ticket.number))
        XCTAssertTrue(text.contains("社保医保（绿色通道）"))
        XCTAssertTrue(text.contains("您前面还有 \(issued.peopleAhead) 人等候"))
        XCTAssertTrue(text.contains("身份证 110105********002X"))
        XCTAssertFalse(text.contains("19491231"))
        XCTAssertEqual(doc.qrPayload, "YC1:T:2026-03-02:\(issued.ticket.number):\(issued.ticket.id)")
        XCTAssertEqual(try h.store.ticketDocument(ticketId: issued.ticket.id).body, try h.store.ticketDocument(issued).body)
    }
}

/// Issue 14 defect 5 in the store: each decision's notice cites the basis for its matter types.
final class DecisionBasisStoreTests: XCTestCase {
    func plusDays(_ day: String, _ n: Int) throws -> String { "2026-03-05" }

    func openCase(_ h: TestHall, _ by: Attribution, type: MatterType, basis: String) throws -> Case {
        var m = DocumentStoreTests.matter
        m.type = type
        m.legalBasis = basis
        m.materials = [MaterialRequirement(name: "申请书", originals: 1)]
        try h.store.importCatalog([m], bundles: [], source: "test", by: .system("test"))
        let version = try XCTUnwrap(h.store.matter(code: m.code)).version
        let check = MaterialCheck(matterCode: m.code, materialName: "申请书", requiredOriginals: 1, requiredCopies: 0,
                                  isRequired: true, isTolerable: false, electronicLicence: nil, state: .missing)
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil,
                                     matters: [CaseMatter(code: m.code, version: version, name: m.name, promisedWorkingDays: 3)],
                                     checks: [check], by: by)
        try h.store.saveField(caseId: c.id, key: "applicant.name", value: "张三丰", by: by)
        return c
    }

    func text(_ h: TestHall, _ notice: NoticeRecord?, by: Attribution) throws -> String {
        try h.store.issueDocument(noticeId: XCTUnwrap(notice).id, by: by).document.allText.joined(separator: "\n")
    }

    func testASubsistenceCaseNeverCitesTheLicensingLaw() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let c = try openCase(h, by, type: .payment, basis: "《社会救助暂行办法》第十一条")
        let (_, notice) = try h.store.decide(caseId: c.id, .requestCorrection, dueDate: plusDays, by: by)
        XCTAssertEqual(notice?.legalBasis, "《社会救助暂行办法》第十一条及政务服务一次性告知制度")
        let body = try text(h, notice, by: by)
        XCTAssertFalse(body.contains("行政许可法"), body)
        XCTAssertTrue(body.contains("根据《社会救助暂行办法》第十一条及政务服务一次性告知制度的规定"), body)
    }

    func testALicenceRefusalCitesItemTwoAndNoPermitCitesItemOne() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        let c = try openCase(h, by, type: .licensing, basis: "《促进个体工商户发展条例》第八条")
        XCTAssertThrowsError(try h.store.decide(caseId: c.id, .refuse(reason: "不属于本机关职权范围", rightAgency: nil), dueDate: plusDays, by: by))
        let (refused, notice) = try h.store.decide(caseId: c.id, .refuse(reason: "不属于本机关职权范围", rightAgency: "区税务局"),
                                                   dueDate: plusDays, by: by)
        XCTAssertEqual(refused.status, .refused)
        XCTAssertTrue(try text(h, notice, by: by).contains("根据《中华人民共和国行政许可法》第三十二条第一款第（二）项的规定，本机关决定不予受理"))

        let other = try openCase(h, by, type: .licensing, basis: "《促进个体工商户发展条例》第八条")
        let (told, noPermit) = try h.store.decide(caseId: other.id, .noPermitNeeded("属于告知备案事项"), dueDate: plusDays, by: by)
        XCTAssertEqual(told.status, .refused)
        XCTAssertEqual(noPermit?.kind, .refusal)
        let body = try text(h, noPermit, by: by)
        for expected in ["第三十二条第一款第（一）项", "申请事项依法不需要取得行政许可：属于告知备案事项"] {
            XCTAssertTrue(body.contains(expected), "\(expected) missing from\n\(body)")
        }
    }
}

/// Issue 14 defect 6 in the store: a 即办件 gets its 办结通知书; a receipt after acceptance says so.
final class CompletionAndReceiptStoreTests: XCTestCase {
    func testAnImmediateCaseIsRecordedAsDoneAndItsLaterReceiptNamesTheAcceptance() throws {
        let h = try TestHall()
        let by = try h.signIn(1)
        var m = DocumentStoreTests.matter
        m.caseType = .immediate
        m.promisedLimit = TimeLimit(0)
        m.materials = [MaterialRequirement(name: "经营者居民身份证", originals: 1)]
        try h.store.importCatalog([m], bundles: [], source: "test", by: .system("test"))
        let check = MaterialCheck(matterCode: m.code, materialName: "经营者居民身份证", requiredOriginals: 1, requiredCopies: 0,
                                  isRequired: true, isTolerable: false, electronicLicence: nil, state: .received(originals: 1, copies: 0))
        let c = try h.store.openCase(window: 1, ticketId: nil, bundleCode: nil,
                                     matters: [CaseMatter(code: m.code, version: 1, name: m.name, promisedWorkingDays: nil)],
                                     checks: [check], by: by)
        for (key, value) in [("applicant.name", "张三丰"), ("applicant.idNumber", "11010519491231002X"), ("applicant.phone", "13800138000")] {
            try h.store.saveField(caseId: c.id, key: key, value: value, by: by)
        }
        let (done, notice) = try h.store.decide(caseId: c.id, .accept, dueDate: { _, _ in "never" }, by: by)
        XCTAssertEqual(done.status, .completed)
        XCTAssertEqual(notice?.kind, .completion)
        let issued = try h.store.issueDocument(noticeId: XCTUnwrap(notice).id, by: by)
        XCTAssertEqual(issued.kind, .completion)
        XCTAssertEqual(issued.number, "测试政务〔2026〕1号")
        XCTAssertTrue(issued.document.allText.joined().contains("本机关已予受理，并当场办结"))

        let receipt = try h.store.issueMaterialsReceipt(caseId: c.id, by: by)
        XCTAssertEqual(receipt.number, "\(c.caseNumber)-凭1")
        let text = receipt.document.allText.joined()
        XCTAssertFalse(text.contains("不代表已受理"), text)
        XCTAssertTrue(text.contains("受理（测试政务〔2026〕1号）"), text)
    }
}
