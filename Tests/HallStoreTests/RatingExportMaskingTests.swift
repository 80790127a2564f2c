import Foundation
import HallCore
import XCTest
@testable import HallStore

/// Issue 16 defect 6: an applicant who types a phone or ID number into the rating's free text must
/// not have it exported in full (GB/T 39046 export goes to the province).
final class RatingExportMaskingTests: XCTestCase {
    func testPhoneAndIdNumbersInFreeTextAreMaskedInTheExport() throws {
        let h = try TestHall()
        let inv = try h.finishedService()
        let typed = "请回电13800138000或010-62345678，身份证11010519491231002X，号码 139 1234 5678，A001号"
        try h.store.rate(window: 1, eventId: inv.id, level: .dissatisfied, reasons: ["办事效率"], text: typed, by: .system("pad-1"))
        let reader = try h.store.signIn(clerkNumber: "8001", pin: "8888", window: nil, terminal: "dashboard")
        let rows = RatingExport.rows(try h.store.ratings(fromDay: "2026-03-02", toDay: "2026-03-02", reader: reader),
                                     policy: try h.store.ratingPolicy(), timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let text = rows[0][7]
        XCTAssertEqual(text, "原因：办事效率；请回电138****8000或010-****5678，身份证110105********002X，号码 139 **** 5678，A001号")
        for full in ["13800138000", "62345678", "11010519491231002X", "1234"] {
            XCTAssertFalse(RatingExport.csv(rows).contains(full), full)
            XCTAssertFalse(RatingExport.json(rows).contains(full), full)
        }
    }

    func testShortNumbersAndFullwidthDigits() {
        XCTAssertEqual(maskNumbersInText("等了45分钟，排A012号"), "等了45分钟，排A012号")
        XCTAssertEqual(maskNumbersInText("电话１３８００１３８０００"), "电话１３８****８０００")
        XCTAssertEqual(maskNumbersInText("110105194912310"), "110105*****2310")
    }
}
