import XCTest
@testable import HallCore

final class CatalogTests: XCTestCase {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Resources/data").standardizedFileURL
    static let shipped: CatalogFile = try! CatalogImport.parse(Data(contentsOf: data.appendingPathComponent("catalog.json")),
                                                              format: .json, source: "catalog.json")
    static let pinyin = PinyinInitials(table: try! String(contentsOf: data.appendingPathComponent("pinyin-initials.txt"), encoding: .utf8))

    func matter(_ name: String) -> Matter { Self.shipped.matters.first { $0.name == name }! }

    // MARK: shipped catalog

    func testShippedCatalogIsValidAndItsBundlesResolve() throws {
        let c = Self.shipped
        XCTAssertGreaterThanOrEqual(c.matters.count, 30)
        XCTAssertGreaterThanOrEqual(c.bundles.count, 5)
        let codes = Set(c.matters.map(\.code))
        XCTAssertEqual(codes.count, c.matters.count)
        for b in c.bundles {
            XCTAssertFalse(b.matterCodes.isEmpty)
            for code in b.matterCodes { XCTAssertTrue(codes.contains(code), "\(b.name): \(code)") }
            XCTAssertEqual(b.matters(in: c.matters).count, b.matterCodes.count)
        }
        for name in ["开办企业", "新生儿出生", "退休", "二手房转移及水电气过户", "残疾人服务"] {
            XCTAssertTrue(c.bundles.contains { $0.name.hasPrefix(name.prefix(4)) }, name)
        }
        // Plain Codable reads the same file (the app decodes the resource this way too).
        let plain = try JSONDecoder().decode(CatalogFile.self, from: Data(contentsOf: Self.data.appendingPathComponent("catalog.json")))
        XCTAssertEqual(plain.matters, c.matters)
        let licence = matter("个体工商户设立登记")
        XCTAssertEqual(licence.type, .licensing)
        XCTAssertEqual(licence.caseType, .immediate)
        XCTAssertEqual(licence.materials.first { $0.name.contains("身份证") }?.electronicLicence, "居民身份证电子证照")
        XCTAssertTrue(c.matters.contains { $0.materials.contains(where: \.tolerable) })
        XCTAssertEqual(matter("不动产转移登记（存量房买卖）").statutoryLimit, TimeLimit(30))
        XCTAssertEqual(matter("不动产转移登记（存量房买卖）").promisedWorkingDays, 3)
        XCTAssertTrue(matter("不动产转移登记（存量房买卖）").fee.charged)
    }

    func testMergedFormAsksSharedFieldsOnce() {
        let bundle = Self.shipped.bundles.first { $0.name == "开办企业" }!
        let matters = bundle.matters(in: Self.shipped.matters)
        let form = mergedForm(for: matters)
        let keys = form.map(\.key)
        XCTAssertEqual(keys.count, Set(keys).count, "each key once")
        XCTAssertEqual(keys.filter { $0 == "business.name" }.count, 1)
        XCTAssertTrue(keys.contains("seal.types") && keys.contains("tax.invoiceType"))
        XCTAssertLessThan(form.count, matters.map(\.formFields.count).reduce(0, +))

        // The first label wins; required if any matter requires it.
        let a = Matter.sample(code: "A", fields: [FormField(key: "applicant.phone", label: "手机号", kind: .phone, required: false)])
        let b = Matter.sample(code: "B", fields: [FormField(key: "applicant.phone", label: "联系电话", kind: .phone, required: true),
                                                  FormField(key: "address", label: "地址", kind: .address)])
        let merged = mergedForm(for: [a, b])
        XCTAssertEqual(merged.map(\.key), ["applicant.phone", "address"])
        XCTAssertEqual(merged[0].label, "手机号")
        XCTAssertTrue(merged[0].required)
    }

    // MARK: search

    func testPinyinTableKeepsEveryReadingOfPolyphonicCharacters() {
        XCTAssertEqual(Set(Self.pinyin.initials("行")), ["h", "x"])
        XCTAssertEqual(Self.pinyin.initials("体").first, "t", "the common reading first")
        XCTAssertEqual(Self.pinyin.abbreviation("个体工商户"), "gtgsh")
    }

    func testSearchByChineseInitialsAndCode() {
        let s = CatalogSearch(matters: Self.shipped.matters, pinyin: Self.pinyin)
        XCTAssertEqual(s.search("工商户").first?.name, "个体工商户设立登记")
        XCTAssertEqual(s.search("gtgsh").first?.name, "个体工商户设立登记")
        XCTAssertEqual(s.search("ＧＴＧＳＨ").first?.name, "个体工商户设立登记", "full-width letters from an input method")
        // From the start of a later word: 设立登记.
        XCTAssertTrue(s.search("sldj", limit: 50).contains { $0.name == "个体工商户设立登记" })
        // Punctuation does not break a run of initials: 食品经营许可（新办）.
        XCTAssertEqual(s.search("spjyxkxb").first?.name, "食品经营许可（新办）")
        let code = matter("居住证申领").implementationCode
        XCTAssertEqual(s.search(String(code.prefix(14))).first?.name, "居住证申领")
        XCTAssertEqual(s.search(code).first?.name, "居住证申领")
        XCTAssertTrue(s.search("没有这个事项").isEmpty)
        XCTAssertTrue(s.search("  ").isEmpty)
    }

    func testSearchRanksByMatchThenByUsage() {
        let registrations = Self.shipped.matters.filter { $0.name.hasSuffix("登记") }
        let rare = matter("生育登记"), busy = matter("城乡居民基本医疗保险参保登记")
        var s = CatalogSearch(matters: Self.shipped.matters, usage: [busy.code: 40, rare.code: 1], pinyin: Self.pinyin)
        let hits = s.search("dj", limit: 100)
        XCTAssertGreaterThanOrEqual(hits.count, registrations.count)
        XCTAssertEqual(hits.first?.name, busy.name, "same match quality: the hall's most used first")
        s.setUsage([rare.code: 99])
        XCTAssertEqual(s.search("dj").first?.name, rare.name)
        // A name prefix beats usage.
        XCTAssertEqual(s.search("城乡").first?.name.hasPrefix("城乡"), true)
        let h = s.hits("生育")
        XCTAssertEqual(h.first?.match, .namePrefix)
    }

    // MARK: import

    static let header = "事项名称,基本编码,实施编码,事项类型,设定依据,实施主体,实施主体编码,法定办结时限,承诺办结时限,是否收费,收费依据,服务对象,表单字段,材料名称,原件份数,复印件份数,材料必要性,容缺,电子证照"
    static let body = "示范区市场监督管理局,11990105700100010X"

    func parseCSV(_ text: String) -> Result<CatalogFile, CatalogIssues> {
        Result { try CatalogImport.parse(Data(text.utf8), format: .csv, source: "t.csv") }.mapError { $0 as! CatalogIssues }
    }

    func testCleanCSVWithContinuationRows() throws {
        let csv = """
        \(Self.header)
        个体工商户设立登记,0100001001,990105000101000010010001,01,《市场主体登记管理条例》,\(Self.body),3,0,否,,自然人,applicant.name、applicant.phone,登记申请书,1,0,必要,否,
        ,,,,,,,,,,,,,经营者身份证,1,1,必要,否,居民身份证电子证照
        ,,990105000101000010010001,,,,,,,,,,,"经营场所证明，租赁合同",1,1,非必要,是,
        不动产转移登记,0700003001,990105001107000030010001,行政确认,"《不动产登记暂行条例》
        第二十条",示范区不动产登记中心,11990105700100010X,30,3,是,发改价格规〔2016〕2559号,"自然人、法人",,申请书,1,,,,
        """
        let file = try parseCSV(csv).get()
        XCTAssertEqual(file.matters.count, 2)
        let m = file.matters[0]
        XCTAssertEqual(m.materials.map(\.name), ["登记申请书", "经营者身份证", "经营场所证明，租赁合同"])
        XCTAssertEqual(m.materials[1].electronicLicence, "居民身份证电子证照")
        XCTAssertEqual(m.materials[2].tolerable, true)
        XCTAssertEqual(m.materials[2].required, false)
        XCTAssertEqual(m.caseType, .immediate)
        XCTAssertEqual(m.formFields.map(\.key), ["applicant.name", "applicant.phone"])
        XCTAssertEqual(file.matters[1].type, .confirmation)
        XCTAssertEqual(file.matters[1].caseType, .promised)
        XCTAssertEqual(file.matters[1].legalBasis, "《不动产登记暂行条例》\n第二十条")
        XCTAssertEqual(file.matters[1].serviceObject, .both)
    }

    func testEveryBrokenRowIsReportedWithLineAndField() {
        let huge = String(repeating: "依", count: 5 * 1_048_576 / 3 + 10)   // > 5 MB of UTF-8
        let csv = [
            Self.header,                                                                                                      // 1
            "个体工商户设立登记,0100001001,990105000101000010010001,01,依据,\(Self.body),3,0,否,,自然人,,申请书,1,0,必要,否,",   // 2 fine
            ",,,,,,,,,,,,,身份证,两,1,必要,否,",                                                                                 // 3 bad number
            "企业设立登记,0100001002,990105000101000010010001,01,依据,\(Self.body),3,1,否,,法人,,申请书,1,0,必要,否,",            // 4 duplicate code
            ",0100001003,990105000101000010030001,99,依据,\(Self.body),3,1,否,,法人,,申请书,1,0,必要,否,",                        // 5 no name, bad type
            "食品经营许可,0200002001,990105000102000020010001,01,\(huge),\(Self.body),10,5,否,,法人,,申请书,1,0,必要,否,",         // 6 5 MB field
            "居住证申领,0700007001,990105000207000070010001,07,依据,\(Self.body),15,20,否,,自然人,,\u{1B}[31m照片\u{1B}[0m,1,0,必要,否,", // 7 escape; promised > statutory
            "印章备案,1000013001,9.90105E+23,10,依据,\(Self.body),,0,是,,法人,unknown.key,申请表,1,0,也许,否,",                     // 8 Excel code, fee basis, unknown field, bad bool
        ].joined(separator: "\r\n")
        guard case .failure(let failure) = parseCSV(csv) else { return XCTFail("a broken file must not parse") }
        let got = Set(failure.issues.map { "\($0.line) \($0.field)" })
        let expected: Set<String> = ["3 原件份数", "4 实施编码", "5 事项名称", "5 事项类型", "6 设定依据", "7 材料名称",
                                     "7 承诺办结时限", "8 实施编码", "8 收费依据", "8 表单字段", "8 材料必要性"]
        XCTAssertEqual(got, expected, failure.issues.map(\.description).joined(separator: "\n"))
        func message(_ line: Int, _ field: String) -> String { failure.issues.first { $0.line == line && $0.field == field }!.message }
        XCTAssertTrue(message(4, "实施编码").contains("第2行"))
        XCTAssertTrue(message(6, "设定依据").contains("MB"))
        XCTAssertTrue(message(7, "材料名称").contains("ESC"))
        XCTAssertTrue(message(8, "实施编码").contains("科学计数法"))
        XCTAssertTrue(failure.localizedDescription.contains("未导入任何内容"))
    }

    func testGB18030FileIsNamedAsSuch() {
        let text = Self.header + "\n个体工商户设立登记,0100001001,990105000101000010010001,01,依据,\(Self.body),3,0,否,,自然人,,申请书,1,0,必要,否,\n"
        let gb = text.data(using: CatalogImport.gb18030)!
        XCTAssertNotEqual(gb, Data(text.utf8))
        guard case .failure(let f) = Result(catching: { try CatalogImport.parse(gb, format: .csv, source: "gb.csv") }) else { return XCTFail() }
        let issues = (f as! CatalogIssues).issues
        XCTAssertEqual(issues.count, 1)
        XCTAssertEqual(issues[0].line, 1)
        XCTAssertTrue(issues[0].message.hasPrefix("文件是 GB18030 编码，请另存为 UTF-8"), issues[0].message)
        // Excel's UTF-8 BOM is fine.
        XCTAssertNoThrow(try CatalogImport.parse(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8), format: .csv, source: "bom.csv"))
    }

    func testJSONIssuesNameTheMatterLineAndKey() throws {
        var doc = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.data.appendingPathComponent("catalog.json"))) as! [String: Any]
        var matters = doc["matters"] as! [[String: Any]]
        matters[1]["type"] = "99"
        matters[2]["promisedLimit"] = "三天"
        matters[3]["name"] = "粘贴\u{1B}[0m"
        doc["matters"] = matters
        var bundles = doc["bundles"] as! [[String: Any]]
        bundles[0]["matterCodes"] = ["NOSUCHCODE"]
        doc["bundles"] = bundles
        let data = try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted])
        let lines = CatalogJSONReader.elementLines(String(decoding: data, as: UTF8.self))
        XCTAssertEqual(lines["matters"]?.count, matters.count)
        XCTAssertThrowsError(try CatalogImport.parse(data, format: .json, source: "x.json")) { e in
            let issues = (e as! CatalogIssues).issues
            let got = issues.map { "\($0.line) \($0.field)" }
            // JSONSerialization may write "bundles" before "matters": compare as a set.
            XCTAssertEqual(Set(got), ["\(lines["matters"]![1]) type", "\(lines["matters"]![2]) promisedLimit",
                                 "\(lines["matters"]![3]) name", "\(lines["bundles"]![0]) bundles[0].matterCodes"],
                           issues.map(\.description).joined(separator: "\n"))
        }
        XCTAssertThrowsError(try CatalogImport.parse(Data("{\"matters\": [".utf8), format: .json, source: "x.json")) { e in
            XCTAssertTrue((e as! CatalogIssues).issues[0].message.hasPrefix("JSON 格式错误"))
        }
    }
}

extension Matter {
    static func sample(code: String, name: String = "测试事项", fields: [FormField] = []) -> Matter {
        Matter(name: name, basicCode: "0100001001", implementationCode: code, type: .licensing, legalBasis: "依据", level: "区级",
               implementingBody: "示范区市场监督管理局", implementingBodyCreditCode: "11990105700100010X", statutoryLimit: TimeLimit(20),
               promisedLimit: TimeLimit(5), caseType: .promised, acceptanceConditions: "", procedure: "", fee: .init(charged: false),
               serviceObject: .person, place: "", hours: "", enquiryPhone: "", complaintPhone: "12345",
               materials: [MaterialRequirement(name: "申请书")], formFields: fields)
    }
}
