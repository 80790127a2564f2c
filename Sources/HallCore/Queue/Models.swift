import Foundation

/// 业务类别: a queue category with its ticket prefix and limits.
public struct Service: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var code: String            // stable short code used by scripts, e.g. "A"
    public var prefix: String          // ticket prefix shown to people, e.g. "A"
    public var name: String
    public var targetWaitMinutes: Int  // service level counts calls within this wait
    public var maxQueue: Int           // refuse new tickets past this many waiting
    public var warnQueue: Int          // dashboard alert past this many waiting
    public var sortOrder: Int

    public init(id: String, code: String, prefix: String, name: String, targetWaitMinutes: Int,
                maxQueue: Int, warnQueue: Int, sortOrder: Int) {
        self.id = id; self.code = code; self.prefix = prefix; self.name = name
        self.targetWaitMinutes = targetWaitMinutes; self.maxQueue = maxQueue
        self.warnQueue = warnQueue; self.sortOrder = sortOrder
    }
}

/// 窗口: a counter with its own ordered list of services (its work profile).
public struct Window: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var number: Int
    public var name: String
    public var serviceIds: [String]    // in the order this window serves them
    /// How it chooses among its services (`CallRules`); nil is the strict service order.
    public var choice: WindowChoice?
    public init(id: String, number: Int, name: String, serviceIds: [String], choice: WindowChoice? = nil) {
        self.id = id; self.number = number; self.name = name; self.serviceIds = serviceIds; self.choice = choice
    }
}

/// 窗口叫号方式: after the green channel, appointments in their slot and transfers to the window.
public enum WindowChoice: Codable, Equatable, Sendable {
    case serviceOrder                  // 按业务顺序: the first service with anyone waiting
    case longestWait                   // 等候最久优先: across all its services
    case weighted([String: Double])    // 按权重: wait × the service's weight (service id → weight; 1 when absent)

    public var label: String {
        switch self {
        case .serviceOrder: return "按业务顺序"
        case .longestWait: return "等候最久优先"
        case .weighted: return "按业务权重"
        }
    }
}

public enum ClerkRole: String, Codable, Sendable, CaseIterable {
    case clerk, guide, supervisor, admin
    public var label: String {
        switch self {
        case .clerk: return "窗口人员"
        case .guide: return "导服"
        case .supervisor: return "大厅管理"
        case .admin: return "系统管理员"
        }
    }
    public var canSuperviseHall: Bool { self == .supervisor || self == .admin }
}

public struct Clerk: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var number: String          // 工号, what the clerk types to sign in
    public var name: String
    public var role: ClerkRole
    public init(id: String, number: String, name: String, role: ClerkRole) {
        self.id = id; self.number = number; self.name = name; self.role = role
    }
}

public enum TicketPriority: String, Codable, Sendable {
    case normal, greenChannel, appointment
    public var label: String {
        switch self {
        case .normal: return "普通"
        case .greenChannel: return "绿色通道"
        case .appointment: return "预约"
        }
    }
}

public enum TicketStatus: String, Codable, Sendable {
    case waiting, serving, held, finished, noShow, cancelled
    public var label: String {
        switch self {
        case .waiting: return "等候中"
        case .serving: return "办理中"
        case .held: return "挂起"
        case .finished: return "已办结"
        case .noShow: return "过号"
        case .cancelled: return "已取消"
        }
    }
}

/// 号票. `number` is what people see; `id` is a UUID.
public struct Ticket: Codable, Equatable, Sendable, Identifiable {
    public var id: String
    public var number: String
    public var serviceId: String
    public var serviceDay: String
    public var priority: TicketPriority
    public var status: TicketStatus
    public var issuedAt: Date
    public var enqueuedAt: Date         // the current wait started here (a transfer starts a new one)
    public var calledAt: Date?
    public var finishedAt: Date?
    public var windowNumber: Int?       // the window serving or holding it
    public var targetWindowNumber: Int? // transferred to a specific window
    public var recallCount: Int
    public var slotStart: Date?         // appointments
    public var isWalkUp: Bool
    public var note: String?
    /// Set while a 过号顺延 ticket waits for its turn (see `CallRules`); nil otherwise.
    public var deferral: Deferral?

    public init(id: String, number: String, serviceId: String, serviceDay: String, priority: TicketPriority,
                status: TicketStatus, issuedAt: Date, enqueuedAt: Date, calledAt: Date? = nil,
                finishedAt: Date? = nil, windowNumber: Int? = nil, targetWindowNumber: Int? = nil,
                recallCount: Int = 0, slotStart: Date? = nil, isWalkUp: Bool = false, note: String? = nil, deferral: Deferral? = nil) {
        self.id = id; self.number = number; self.serviceId = serviceId; self.serviceDay = serviceDay
        self.priority = priority; self.status = status; self.issuedAt = issuedAt; self.enqueuedAt = enqueuedAt
        self.calledAt = calledAt; self.finishedAt = finishedAt; self.windowNumber = windowNumber
        self.targetWindowNumber = targetWindowNumber; self.recallCount = recallCount
        self.slotStart = slotStart; self.isWalkUp = isWalkUp; self.note = note; self.deferral = deferral
    }
}

/// 过号顺延: how long a no-show ticket still waits before it may be called again.
public struct Deferral: Codable, Equatable, Sendable {
    /// Calls of other tickets still to be made by windows that serve this one.
    public var callsLeft: Int
    /// When nobody else is left to call before it, the earliest time it may be called.
    public var notBefore: Date
    public init(callsLeft: Int, notBefore: Date) { self.callsLeft = callsLeft; self.notBefore = notBefore }
}

public enum WindowStatus: String, Codable, Sendable {
    case signedOut, idle, serving, paused
    public var label: String {
        switch self {
        case .signedOut: return "未登录"
        case .idle: return "空闲"
        case .serving: return "办理中"
        case .paused: return "暂停"
        }
    }
}

/// 预约: booked online or by phone, checked in at the desk with its code.
public struct Appointment: Codable, Equatable, Sendable, Identifiable {
    public enum Status: String, Codable, Sendable { case booked, checkedIn, cancelled }
    public var id: String
    public var serviceId: String
    public var applicantName: String
    public var phone: String
    public var slotStart: Date
    public var slotEnd: Date
    public var checkInCode: String
    public var status: Status
    public var ticketId: String?
    public init(id: String, serviceId: String, applicantName: String, phone: String, slotStart: Date,
                slotEnd: Date, checkInCode: String, status: Status, ticketId: String? = nil) {
        self.id = id; self.serviceId = serviceId; self.applicantName = applicantName; self.phone = phone
        self.slotStart = slotStart; self.slotEnd = slotEnd; self.checkInCode = checkInCode
        self.status = status; self.ticketId = ticketId
    }
}
