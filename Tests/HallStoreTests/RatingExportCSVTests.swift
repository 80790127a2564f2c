import Foundation
import HallCore
import HallStore
import XCTest

/// Issue 17, point 5: the ratings export is the hall's one CSV form, checked by a reader that is
/// not ours: Python's `csv` module over `utf-8-sig`. The old export had no BOM (Excel on Chinese
/// Windows read it as GBK), LF line ends, and left a bare CR unquoted, which splits a record.
final class RatingExportCSVTests: XCTestCase {
    let rows: [[String]] = [
        ["YC20260302001", "09", "张三", "20260302T090200", "1", "满意", "2", "窗口\r\n服务很好，\"耐心\"", "110105"],
        ["", "09", "匿名", "20260302T091500", "1", "不满意", "4", "=HYPERLINK(\"x\"),等\r太久", "110105"],
    ]

    func testPythonReadsTheExportWithUTF8SigAndFindsEveryField() throws {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("python3 is not installed")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ratings-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        let data = Data(RatingExport.csv(rows).utf8)
        try data.write(to: file)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 byte-order mark")

        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", """
            import csv, json, sys
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                records = list(csv.reader(f, strict=True))
            with open(sys.argv[1], "rb") as f:
                raw = f.read()
            print(json.dumps({"records": records, "bareLF": raw.replace(b"\\r\\n", b"").count(b"\\n")}, ensure_ascii=False))
            """, file.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let said = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, "python's csv reader refused the export")
        let answer = try XCTUnwrap(JSONSerialization.jsonObject(with: said) as? [String: Any])
        var expected = [RatingExport.fields] + rows
        expected[2][7] = "'" + rows[1][7]   // a leading = is neutralised, never a formula
        XCTAssertEqual(answer["records"] as? [[String]], expected)
        // Every LF belongs to a CRLF: records end with CRLF, not LF.
        XCTAssertEqual(answer["bareLF"] as? Int, 0)
    }

    func testQueueReportAndRatingsShareTheForm() {
        XCTAssertEqual(RatingExport.csv([]), CSVWriter.byteOrderMark + CSVWriter.row(RatingExport.fields) + "\r\n")
        XCTAssertEqual(CSVWriter.row(["a\r\nb", "-1", "x"]), "\"a\r\nb\",'-1,x")
    }
}
