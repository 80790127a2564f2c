import XCTest
@testable import HallCore

/// Issue 14 defect 4: a bundle does not ask for what its own earlier steps produce. The 开办企业
/// bundle asked a company that does not exist yet for its 统一社会信用代码 and its 营业执照.
final class BundleResultsTests: XCTestCase {
    func bundleMatters(_ name: String) -> [Matter] {
        CatalogTests.shipped.bundles.first { $0.name.hasPrefix(name) }!.matters(in: CatalogTests.shipped.matters)
    }

    func testOpeningABusinessAsksNeitherTheCreditCodeNorTheLicenceItProduces() {
        let matters = bundleMatters("开办企业")
        let keys = caseForm(for: matters).map(\.key)
        XCTAssertFalse(keys.contains("business.creditCode"), "\(keys)")
        XCTAssertTrue(keys.contains("business.name") && keys.contains("seal.types"), "\(keys)")
        let materials = mergedChecklist(for: matters).map(\.materialName)
        XCTAssertFalse(materials.contains("营业执照"), "\(materials)")
        XCTAssertTrue(materials.contains("公司章程") && materials.contains("印章刻制备案申请表"), "\(materials)")

        // The seal on its own (the company exists) still asks for both.
        let seal = CatalogTests.shipped.matters.first { $0.name == "公章刻制备案" }!
        XCTAssertTrue(caseForm(for: [seal]).contains { $0.key == "business.creditCode" })
        XCTAssertTrue(mergedChecklist(for: [seal]).contains { $0.materialName == "营业执照" })
    }

    /// Every shipped bundle: nothing an earlier step issues is asked by a later step.
    func testNoShippedBundleAsksForWhatItsEarlierStepsIssue() {
        for bundle in CatalogTests.shipped.bundles {
            let matters = bundle.matters(in: CatalogTests.shipped.matters)
            let settled = Set(matters.flatMap { $0.results?.fieldKeys ?? [] })
            for line in mergedChecklist(for: matters) {
                let producer = matters.firstIndex { ($0.results?.materials ?? []).contains(line.materialName) }
                let asker = matters.firstIndex { $0.code == line.matterCode }!
                XCTAssertTrue(producer == nil || producer! >= asker, "\(bundle.name)：\(line.materialName)")
            }
            for field in caseForm(for: matters) where settled.contains(field.key) {
                let producer = matters.firstIndex { ($0.results?.fieldKeys ?? []).contains(field.key) }!
                XCTAssertTrue(matters[...producer].contains { $0.formFields.contains { $0.key == field.key } },
                              "\(bundle.name)：\(field.key) asked after the step that settles it")
            }
        }
        XCTAssertEqual(bundleMatters("新生儿出生").count, 4)
        XCTAssertFalse(mergedChecklist(for: Array(bundleMatters("新生儿出生").dropFirst())).isEmpty)
        XCTAssertFalse(mergedChecklist(for: bundleMatters("新生儿出生")).contains { $0.materialName == "出生医学证明" })
        XCTAssertFalse(mergedChecklist(for: bundleMatters("二手房")).contains { $0.materialName == "完税凭证" })
    }

    func testCatalogFilesCarryResultsAndRefuseAMatterAskingForItsOwnResult() throws {
        let header = CatalogTests.header + ",办理结果,结果字段"
        let ok = """
        \(header)
        企业设立登记,0100001002,990105000101000010020001,01,《市场主体登记管理条例》,\(CatalogTests.body),3,1,否,,法人,business.name,公司章程,1,0,必要,否,,营业执照,business.creditCode
        """
        let file = try CatalogImport.parse(Data(ok.utf8), format: .csv, source: "t.csv")
        XCTAssertEqual(file.matters[0].results, MatterResults(materials: ["营业执照"], fieldKeys: ["business.creditCode"]))

        let selfish = """
        \(header)
        企业设立登记,0100001002,990105000101000010020001,01,《市场主体登记管理条例》,\(CatalogTests.body),3,1,否,,法人,business.creditCode,营业执照,1,0,必要,否,,营业执照,business.creditCode
        """
        XCTAssertThrowsError(try CatalogImport.parse(Data(selfish.utf8), format: .csv, source: "t.csv")) { error in
            let text = (error as? CatalogIssues)?.issues.map(\.message).joined(separator: "\n") ?? "\(error)"
            XCTAssertTrue(text.contains("“营业执照”是本事项的办理结果，不能同时列为本事项的申请材料"), text)
            XCTAssertTrue(text.contains("“business.creditCode”由本事项的办理结果产生，不能同时向申请人询问"), text)
        }
    }
}
