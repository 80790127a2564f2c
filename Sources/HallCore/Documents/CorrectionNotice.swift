import Foundation

extension NoticeBuilder {
    /// 一次性告知书（补正材料通知书）: everything to correct in ONE notice (行政许可法 §32(1)(4)):
    /// every missing or invalid required answer of the application form, with what is wrong, and
    /// every missing material with its form and count; and a promise that nothing else will be
    /// asked for.
    public static func oneTimeCorrection(_ c: NoticeContext, missing: [MaterialLine], formProblems: [FormProblem] = [],
                                         basis procedural: String = correctionBasis) -> Document {
        let window = c.window ?? "本机关受理窗口"
        let what = formProblems.isEmpty ? "材料" : "内容"
        var body: [DocumentBlock] = [
            .paragraph("\(applicationPhrase(c))，经审查，申请材料不齐全或者不符合法定形式。根据\(procedural)的规定，现一次性告知你（单位）需要补正的全部\(what)如下："),
        ]
        if !formProblems.isEmpty {
            body.append(.heading("需补正的申请表内容（共\(formProblems.count)项）"))
            body.append(.table(DocumentTable(columns: [.init("序号", weight: 0.7), .init("申请表栏目", weight: 2.6), .init("需补正的问题", weight: 4.7)],
                                             rows: formProblems.enumerated().map { i, p in ["\(i + 1)", p.label, p.message] })))
        }
        if !missing.isEmpty || formProblems.isEmpty {
            body.append(.heading("需补正的材料（共\(missing.count)项）"))
            body.append(.table(materialsTable(missing, nameTitle: "材料名称")))
        }
        body.append(.paragraph("以上为需要补正的全部\(what)，本机关不再要求提供其他材料。请补正全部\(what)后，持本告知书到\(window)继续办理；补正的材料齐全、符合法定形式的，本机关将依法予以受理。"))
        body += basis(procedural, c)
        var doc = document(.oneTimeCorrection, c, body: body, signatures: receiptSignatures)
        doc.subtitle = "（补正材料通知书）"
        return doc
    }
}
