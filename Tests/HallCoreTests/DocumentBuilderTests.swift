import XCTest
@testable import HallCore

final class DocumentBuilderTests: XCTestCase {
    let calendar = HallCalendar(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    let day = Date(timeIntervalSince1970: 1_772_413_200)   // 2026-03-02 09:00 +08:00

    func testDocumentNumbersFollowGBT9704() {
        XCTAssertEqual(DocumentNumber.format(abbreviation: "示范区政务", year: 2026, sequence: 1), "示范区政务〔2026〕1号")
        XCTAssertEqual(DocumentNumber.format(abbreviation: "示范区政务", year: 2026, sequence: 123), "示范区政务〔2026〕123号")
        let parsed = DocumentNumber.parse("示范区政务〔2026〕123号")
        XCTAssertEqual(parsed?.abbreviation, "示范区政务")
        XCTAssertEqual(parsed?.year, 2026)
        XCTAssertEqual(parsed?.sequence, 123)
        for bad in ["示范区政务〔2026〕第123号", "示范区政务〔2026〕0123号", "示范区政务[2026]123号", "〔2026〕1号", "示范区政务〔26〕1号"] {
            XCTAssertNil(DocumentNumber.parse(bad), bad)
        }
        XCTAssertEqual(DocumentNumber.defaultAbbreviation(hallName: "示范区政务服务中心"), "示范区政务")
        XCTAssertEqual(DocumentNumber.defaultAbbreviation(hallName: "测试大厅"), "测试政务")
        XCTAssertEqual(DocumentNumber.defaultAbbreviation(hallName: "青山镇便民服务中心"), "青山镇政务")
    }

    func testMissingLinesNameEverythingStillOwedAndNothingElse() {
        let checks = [
            MaterialCheck(matterCode: "A", materialName: "居民身份证", requiredOriginals: 1, requiredCopies: 1, isRequired: true,
                          isTolerable: false, electronicLicence: nil, state: .received(originals: 1, copies: 0)),
            MaterialCheck(matterCode: "A", materialName: "营业执照", requiredOriginals: 1, requiredCopies: 0, isRequired: true,
                          isTolerable: false, electronicLicence: "营业执照电子证照", state: .exemptElectronicLicence("营业执照电子证照")),
            MaterialCheck(matterCode: "B", materialName: "银行开户许可证", requiredOriginals: 0, requiredCopies: 1, isRequired: true,
                          isTolerable: false, electronicLicence: nil),
            MaterialCheck(matterCode: "B", materialName: "其他说明材料", requiredOriginals: 1, requiredCopies: 0, isRequired: false,
                          isTolerable: false, electronicLicence: nil),
        ]
        let lines = MaterialLines.missing(checks, matterNames: ["A": "个体工商户设立登记", "B": "税务信息确认"])
        XCTAssertEqual(lines, [
            MaterialLine(name: "居民身份证", originals: 0, copies: 1, matter: "个体工商户设立登记", note: "已收原件1份、复印件0份"),
            MaterialLine(name: "银行开户许可证", originals: 0, copies: 1, matter: "税务信息确认"),
        ])
        XCTAssertEqual(lines.map(\.form), ["复印件1份", "复印件1份"])
        XCTAssertEqual(MaterialLines.received(checks).map(\.name), ["居民身份证", "营业执照"])
    }

    func testCorrectionNoticeCarriesWhatTheLawAsks() {
        let c = NoticeContext(agency: "示范区政务服务中心", caseNumber: "YC202603020001",
                              applicant: NoticeApplicant(name: "某某商贸有限公司", creditCode: "91350100M000100Y43", legalRepresentative: "李四",
                                                         phone: "13800138000"),
                              matters: ["个体工商户设立登记"], matterLegalBases: ["《促进个体工商户发展条例》第八条"],
                              appliedAt: day, issuedAt: day, window: "4号综合窗口", clerk: "张伟（工号1003）", phone: "0000-1",
                              calendar: calendar)
        let doc = NoticeBuilder.oneTimeCorrection(c, missing: [MaterialLine(name: "经营场所使用证明", originals: 1, copies: 0)])
        XCTAssertEqual(doc.title, "一次性告知书")
        XCTAssertEqual(doc.subtitle, "（补正材料通知书）")
        XCTAssertNil(doc.number, "only the store numbers a document")
        XCTAssertEqual(doc.salutation, "某某商贸有限公司：")
        XCTAssertTrue(doc.fields.contains(DocumentField("统一社会信用代码", "91350100M000100Y43")), "credit codes are public")
        XCTAssertTrue(doc.fields.contains(DocumentField("联系电话", "138****8000")))
        XCTAssertEqual(doc.seal, SealArea(issuer: "示范区政务服务中心", date: "2026年3月2日"))
        XCTAssertEqual(doc.contacts.map(\.label), ["经办窗口", "经办人", "咨询电话"])
        XCTAssertEqual(doc.signatures, ["申请人（代理人）签收", "签收时间"])
        let text = doc.allText.joined()
        XCTAssertTrue(text.contains("经营场所使用证明"))
        XCTAssertTrue(text.contains("原件1份"))
        XCTAssertTrue(text.contains(NoticeBuilder.correctionBasis))
        XCTAssertTrue(text.contains("本机关不再要求提供其他材料"))
        // The model survives JSON as the store keeps it.
        let data = try! JSONEncoder().encode(doc)
        XCTAssertEqual(try JSONDecoder().decode(Document.self, from: data), doc)
    }
}
