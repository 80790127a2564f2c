import XCTest
@testable import HallCore

final class FieldValidationTests: XCTestCase {
    let today = HallCalendar().date(fromDayKey: "2026-03-02")!
    func check(_ kind: FormField.Kind, _ raw: String, label: String = "栏目") -> FieldValidation.Outcome {
        FieldValidation.check(FormField(key: "k", label: label, kind: kind), raw, today: today)
    }

    func testResidentIdAsClerksTypeIt() {
        XCTAssertEqual(check(.residentId, "１１０１０５１９４９１２３１００２x"), .valid("11010519491231002X"))
        XCTAssertEqual(check(.residentId, "110105 19491231 002x"), .valid("11010519491231002X"))
        XCTAssertEqual(check(.residentId, "11010519491231002", label: "母亲身份证号码"), .invalid("母亲身份证号码应为18位，现为17位"))
        XCTAssertEqual(check(.residentId, "110105194912310021", label: "申请人身份证号码"),
                       .invalid("申请人身份证号码校验位错误：第18位应为X，输入的是1，请核对"))
        XCTAssertEqual(check(.residentId, "110105194902300021", label: "身份证号码"), .invalid("身份证号码中的出生日期1949年02月30日不是有效日期"))
        XCTAssertEqual(check(.residentId, "   "), .empty)
    }

    func testCreditCode() {
        XCTAssertEqual(check(.creditCode, "91350100m000100y43", label: "统一社会信用代码"), .valid("91350100M000100Y43"))
        guard case .invalid(let why) = check(.creditCode, "91350100M000100Y4O", label: "统一社会信用代码") else { return XCTFail() }
        XCTAssertTrue(why.hasPrefix("统一社会信用代码第18位是字母O"), why)
    }

    func testPhoneDateNumberChoice() {
        XCTAssertEqual(check(.phone, "１３８ ０００１ ２３４５"), .valid("13800012345"))
        XCTAssertEqual(check(.phone, "+86 13800012345"), .valid("13800012345"))
        XCTAssertEqual(check(.phone, "0591-87654321"), .valid("0591-87654321"))
        XCTAssertEqual(check(.phone, "138000123456", label: "联系电话"), .invalid("联系电话：手机号应为11位，现为12位"))
        XCTAssertEqual(check(.phone, "12800012345", label: "联系电话"), .invalid("联系电话：手机号第二位应为3到9"))
        XCTAssertEqual(check(.phone, "138abc", label: "电话"), .invalid("电话只能含数字和“-”"))
        XCTAssertEqual(check(.date, "2026年3月5日"), .valid("2026-03-05"))
        XCTAssertEqual(check(.date, "20260305"), .valid("2026-03-05"))
        XCTAssertEqual(check(.date, "２０２６/３/５"), .valid("2026-03-05"))
        XCTAssertEqual(check(.date, "2026-02-29", label: "出生日期"), .invalid("出生日期：没有2026年2月29日这一天"))
        XCTAssertEqual(check(.date, "3月5日", label: "出生日期"), .invalid("出生日期：日期格式应为 2026-03-05"))
        XCTAssertEqual(check(.number, "１,２００.５"), .valid("1200.5"))
        XCTAssertEqual(check(.number, "50万", label: "注册资本"), .invalid("注册资本应为数字（不含单位）"))
        XCTAssertEqual(check(.number, "-3", label: "人数"), .invalid("人数应为数字（不含单位）"))
        XCTAssertEqual(check(.choice(["男", "女"]), "女"), .valid("女"))
        XCTAssertEqual(check(.choice(["男", "女"]), "男性", label: "性别"), .invalid("性别只能选：男、女"))
        XCTAssertEqual(check(.text, String(repeating: "长", count: 201), label: "名称"), .invalid("名称过长（最多200字）"))
        XCTAssertEqual(check(.address, "　示范路１号　"), .valid("示范路１号"))
    }

    func testFormProblemsInFormOrderWithAgentRule() {
        let fields = [FormField.standard["applicant.name"]!, FormField.standard["applicant.idNumber"]!,
                      FormField.standard["agent.name"]!, FormField.standard["agent.idNumber"]!]
        var form = ["applicant.idNumber": "11010519491231002X"]
        XCTAssertEqual(formProblems(fields, form, today: today).map(\.key), ["applicant.name"])
        form["applicant.name"] = "张三"
        XCTAssertTrue(formProblems(fields, form, today: today).isEmpty, "the agent lines are optional")
        form["agent.name"] = "李四"
        XCTAssertEqual(formProblems(fields, form, today: today).map(\.message), ["请填写代理人身份证号码"],
                       "once an agent is named, the agent's ID is needed")
        form["agent.idNumber"] = "11010519491231002"
        XCTAssertEqual(formProblems(fields, form, today: today).map(\.message), ["代理人身份证号码应为18位，现为17位"])
    }
}

final class ChecklistTests: XCTestCase {
    func matter(_ code: String, _ materials: [MaterialRequirement], days: Int = 5, fields: [String] = ["applicant.name"]) -> Matter {
        Matter(name: "事项\(code)", basicCode: code, implementationCode: code, type: .licensing, legalBasis: "依据", level: "县级",
               implementingBody: "示范局", implementingBodyCreditCode: "", statutoryLimit: TimeLimit(20), promisedLimit: TimeLimit(days),
               caseType: days == 0 ? .immediate : .promised, acceptanceConditions: "", procedure: "", fee: .init(charged: false),
               serviceObject: .person, place: "", hours: "", enquiryPhone: "", complaintPhone: "", materials: materials,
               version: 3, formFields: fields.map { FormField.standard[$0]! })
    }

    func testASharedMaterialIsAskedOnce() {
        let a = matter("A", [MaterialRequirement(name: "居民身份证", originals: 1, copies: 1, tolerable: true, electronicLicence: "身份证电子证照"),
                             MaterialRequirement(name: "申请表")])
        let b = matter("B", [MaterialRequirement(name: "居民身份证", originals: 1, copies: 2, tolerable: false, electronicLicence: "身份证电子证照"),
                             MaterialRequirement(name: "照片", required: false)], fields: ["applicant.name", "applicant.phone"])
        let list = mergedChecklist(for: [a, b])
        XCTAssertEqual(list.map(\.materialName), ["居民身份证", "申请表", "照片"])
        let id = list[0]
        XCTAssertEqual([id.requiredOriginals, id.requiredCopies], [1, 2])
        XCTAssertFalse(id.isTolerable, "tolerable only if every matter tolerates it")
        XCTAssertEqual(id.electronicLicence, "身份证电子证照")
        XCTAssertEqual(id.note, "共用：事项B")
        XCTAssertEqual(a.caseMatter, CaseMatter(code: "A", version: 3, name: "事项A", promisedWorkingDays: 5))
        XCTAssertNil(matter("C", [], days: 0).caseMatter.promisedWorkingDays)
        XCTAssertEqual(caseForm(for: [a, b]).map(\.key), ["applicant.name", "applicant.phone", "agent.name", "agent.idNumber"])
    }
}
