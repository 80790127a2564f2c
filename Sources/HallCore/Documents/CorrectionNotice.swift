import Foundation

extension NoticeBuilder {
    /// 一次性告知书（补正材料通知书）: every missing material with its form and count, in ONE notice,
    /// and a promise that nothing else will be asked for (行政许可法 §32(1)(4)).
    public static func oneTimeCorrection(_ c: NoticeContext, missing: [MaterialLine],
                                         basis procedural: String = correctionBasis) -> Document {
        let window = c.window ?? "本机关受理窗口"
        var body: [DocumentBlock] = [
            .paragraph("\(applicationPhrase(c))，经审查，申请材料不齐全或者不符合法定形式。根据\(procedural)的规定，现一次性告知你（单位）需要补正的全部材料如下："),
            .heading("需补正的材料（共\(missing.count)项）"),
            .table(materialsTable(missing, nameTitle: "材料名称")),
            .paragraph("以上为需要补正的全部材料，本机关不再要求提供其他材料。请补正全部材料后，持本告知书到\(window)继续办理；补正的材料齐全、符合法定形式的，本机关将依法予以受理。"),
        ]
        body += basis(procedural, c)
        var doc = document(.oneTimeCorrection, c, body: body, signatures: receiptSignatures)
        doc.subtitle = "（补正材料通知书）"
        return doc
    }
}
