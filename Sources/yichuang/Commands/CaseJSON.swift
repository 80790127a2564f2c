import Foundation
import HallCore
import HallStore

/// What `yichuang case … --json` prints: one case as integrators need it.
struct CaseJSON: Encodable {
    struct Material: Encodable {
        let index: Int                   // 1-based, as `case material` takes it
        let matter: String
        let name: String
        let required: Bool
        let tolerable: Bool
        let state: String                // pending | received | missing | tolerated | exempt
        let label: String
    }
    struct Problem: Encodable { let key: String; let label: String; let problem: String }
    struct Delivery: Encodable { let method: String; let label: String; let address: String? }

    let id: String
    let caseNumber: String
    let status: String
    let statusLabel: String
    let window: Int?
    let bundle: String?
    let matters: [String]
    let applicantName: String
    let form: [String: String]
    let formProblems: [Problem]
    let materials: [Material]
    let dueDate: String?
    let acceptedAt: Date?
    let delivery: Delivery?
    var history: [CaseHistoryEntry]?

    init(_ c: Case, problems: [FormProblem]) {
        id = c.id; caseNumber = c.caseNumber; status = c.status.rawValue; statusLabel = c.status.label
        window = c.windowNumber; bundle = c.bundleCode; matters = c.matters.map(\.name); applicantName = c.applicantName
        form = c.form; dueDate = c.dueDate; acceptedAt = c.acceptedAt
        formProblems = problems.map { Problem(key: $0.key, label: $0.label, problem: $0.message) }
        materials = c.checks.enumerated().map { i, m in
            Material(index: i + 1, matter: m.matterCode, name: m.materialName, required: m.isRequired, tolerable: m.isTolerable,
                     state: CaseMaterialWords.code(m.state), label: m.state.label)
        }
        delivery = c.delivery.map { Delivery(method: $0.method.rawValue, label: $0.label, address: $0.address) }
    }
}

/// The words `case material` takes for a line's state, and gives back in JSON.
enum CaseMaterialWords {
    static func code(_ s: MaterialState) -> String {
        switch s {
        case .pending: return "pending"
        case .received: return "received"
        case .missing: return "missing"
        case .toleratedWithCommitment: return "tolerated"
        case .exemptElectronicLicence: return "exempt"
        }
    }

    /// A received line defaults to the counts the catalog asks for; an exempt one to its licence.
    static func state(_ word: String, originals: Int?, copies: Int?, licence: String?, line: MaterialCheck) throws -> MaterialState {
        switch word.lowercased() {
        case "received", "已收": return .received(originals: originals ?? line.requiredOriginals, copies: copies ?? line.requiredCopies)
        case "missing", "缺": return .missing
        case "tolerated", "容缺": return .toleratedWithCommitment
        case "exempt", "免提交":
            guard let name = licence ?? line.electronicLicence else {
                throw StoreError.invalidInput("“\(line.materialName)”没有对应的电子证照，请用 --licence 写明证照名称")
            }
            return .exemptElectronicLicence(name)
        case "pending", "未核验": return .pending
        default:
            throw StoreError.invalidInput("材料状态“\(word)”无法识别：请用 received（已收）、missing（缺）、tolerated（容缺）、exempt（免提交）或 pending（未核验）")
        }
    }
}
