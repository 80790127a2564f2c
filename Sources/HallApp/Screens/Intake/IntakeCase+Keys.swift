import Foundation
import HallCore
import TerminalUI

/// The case screen's one key table: it draws the key bar, writes the F1 help and dispatches the
/// screen's commands. Keys that only act inside a tab (typing on the form, arrows, the notice
/// keys) are the tab's own and are described in the help's tab lines.
extension IntakeCase {
    enum KeyAction: Sendable { case tab(Tab), decide, resume, complete, mark, fulfil, receipt, back }

    static let keys = KeyTable<State, KeyAction>([
        KeyCommand([.function(2)], "F2", "表单", help: "申请表：所选事项合并为一张表，同一栏目只填一次；离开一栏即保存", action: .tab(.form)),
        KeyCommand([.function(3)], "F3", "材料", help: "材料核验清单", action: .tab(.materials)),
        KeyCommand([.function(5)], "F5", "记录", help: "办件记录：谁、何时、改了哪一栏、原值→新值（个人信息打码）", action: .tab(.history)),
        KeyCommand([.function(8)], "F8", "文书", help: "本办件的告知书、通知书和凭证，及每份的打印结果", action: .tab(.notices)),
        KeyCommand([.function(7)], "F7", "继续受理", help: "群众补齐回来后，表单和已收材料不变，只勾所缺材料",
                   unavailable: { $0.c?.status == .awaitingCorrection ? nil : "只有待补正的办件可以继续受理" }, action: .resume),
        KeyCommand([.function(6)], "F6", "受理决定",
                   help: "行政许可事项依行政许可法第三十二条，其他事项依设定依据：受理（选结果送达方式：窗口领取、邮寄或电子送达；"
                       + "生成承诺办结日期，即办件当场办结；有容缺材料的同时出具告知承诺书）、"
                       + "一次性告知补正（所缺材料和申请表问题一次写明）、不予受理（写明理由、应向哪个机关申请和救济途径）、"
                       + "当场更正，或不需要取得行政许可（即时告知）",
                   unavailable: { s in
                       guard let c = s.c, !s.editable else { return nil }
                       return c.status == .awaitingCorrection ? "待补正的办件请先按 F7 继续受理" : "办件状态为“\(c.status.label)”，不能再作受理决定"
                   }, action: .decide),
        KeyCommand([.function(4)], "F4", "办结", help: "已受理的办件结果已送达或由申请人领取：办结，停止计算期限",
                   unavailable: { $0.c?.status == .accepted ? nil : "办件受理后才能办结" }, action: .complete),
        KeyCommand("012345".map { Key.character($0) }, "1-5", "核验",
                   help: "在材料页：1收齐 2缺 3容缺（须签承诺，限目录允许的） 4免提交（电子证照） 5改份数（如「1 2」） 0未核验",
                   unavailable: { s in
                       guard s.tab == .materials else { return "请先按 F3 到材料页再核验" }
                       guard !s.editable else { return nil }
                       return s.c?.status == .awaitingCorrection ? "群众补齐材料后，请先按 F7 继续受理" : "办件状态为“\(s.c?.status.label ?? "")”，材料不能再修改"
                   }, action: .mark),
        KeyCommand([.character("b"), .character("B")], "B", "补交",
                   help: "在材料页：已受理的办件，申请人交来容缺材料时，选中该行按 B 登记补交（逾期的行为红色）",
                   unavailable: { s in
                       guard let c = s.c, c.status == .accepted || c.status == .completed,
                             !CommitmentRules.outstanding(c.checks).isEmpty else { return "本办件没有待补交的容缺材料" }
                       return s.tab == .materials ? nil : "请先按 F3 到材料页，选中容缺材料再按 B 登记补交"
                   }, action: .fulfil),
        KeyCommand([.function(9)], "F9", "接收凭证", help: "在材料页或文书页：为已收材料出具材料接收凭证，预览后打印",
                   unavailable: { $0.tab == .materials || $0.tab == .notices ? nil : "请在材料页（F3）或文书页（F8）出具接收凭证" },
                   action: .receipt),
        KeyCommand([.escape, .function(10)], "Esc", "返回", help: "保存正在填写的一栏并返回", action: .back),
    ])

    // Each line fits 76 columns, so the help reads cleanly at 80×24.
    public static func help(_ s: State) -> [String] {
        keys.help + [
            "申请表：↑↓ 或回车换栏（有误的栏回车不离开，↓ 可先填下一栏）；身份证号可输全角数字和小写x；",
            "    选择项按数字；日期可写 2026-03-05、20260305 或 2026年3月5日",
            "材料页：↑↓ 移动，F4 或 F 只看缺件；容缺材料显示补交期限，逾期为红色",
            "记录页：↑↓ PgUp PgDn Home End 翻看；底行显示所选一条的全文",
            "受理时选结果送达方式：1窗口领取 2邮寄送达（再填邮寄地址） 3电子送达",
            "文书页：回车预览并打印，P 再打一份（补打），R 重试失败的打印",
        ]
    }
}
