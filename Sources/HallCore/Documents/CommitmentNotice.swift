import Foundation

extension NoticeBuilder {
    /// What a 告知承诺书 cites: 容缺受理 is the hall's own rule, not a clause of the licensing law.
    public static let commitmentBasis = "本机关容缺受理制度"

    /// 告知承诺书 of a case accepted under 容缺: each tolerated material with its form, count and
    /// the day by which it is owed, the applicant's promise in words, and room for the applicant's
    /// signature (the agency keeps the signed copy; the deadlines are tracked on the case).
    public static func commitment(_ c: NoticeContext, items: [CommitmentItem], basis procedural: String = commitmentBasis) -> Document {
        let window = c.window ?? "本机关受理窗口"
        let rows = items.enumerated().map { i, item in
            ["\(i + 1)", item.materialName, MaterialLine(name: item.materialName, originals: item.originals, copies: item.copies).form,
             "\(ChineseDate.dayFromKey(item.due))前"]
        }
        var body: [DocumentBlock] = [
            .paragraph("\(applicationPhrase(c))，下列申请材料暂未提交。经申请人承诺，本机关对该申请实行容缺受理，申请人应当在补交期限内将下列材料提交至\(window)："),
            .heading("容缺材料及补交期限（共\(items.count)项）"),
            .table(DocumentTable(columns: [.init("序号", weight: 0.7), .init("材料名称", weight: 3.4),
                                           .init("形式及份数", weight: 1.9), .init("补交期限", weight: 2.0)], rows: rows)),
            .heading("申请人承诺"),
            .paragraph("本人（单位）已知晓上列材料的要求，承诺已提交的申请材料真实、有效，并在补交期限内提交上列全部材料。"
                       + "逾期未补交或者补交的材料不符合要求的，本机关将依照容缺受理制度依法处理，由此产生的后果由本人（单位）承担。"),
            .paragraph("补交期限按工作日计算，法定节假日不计算在内。"),
        ]
        body += basis(procedural, c)
        return document(.commitment, c, body: body, signatures: ["申请人（代理人）签名", "签署时间"])
    }
}
