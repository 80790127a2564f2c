import Foundation
import HallCore

/// The centre's all-halls dashboard (`yichuang dashboard --central URL`). Figures are counts, not
/// ratios, so the client decides how to show an empty day ("—" rather than 0 %).
extension SyncPaths {
    /// GET: every hall. GET `adminOverview + "/" + hallId`: one hall per window and per service.
    /// Both need an admin api token (`yichuang central-token --role admin`).
    public static let adminOverview = "/v1/admin/overview"
}

/// One hall's line on the overview. "Today" is the civil day in China (Asia/Shanghai), the same
/// service day the halls number their tickets by.
public struct HallOverview: Codable, Sendable, Equatable {
    public var hallId: String
    public var name: String
    /// Tickets of today still waiting to be called, as last pushed by the hall.
    public var waiting: Int
    /// Seconds since the longest-waiting ticket entered its queue, at `OverviewResponse.serverTime`.
    public var longestWaitSeconds: Double?
    /// Wait periods of today that ended in a call, and those called within the service's target
    /// wait: service level = within / calls (DOMAIN.md, queue metrics).
    public var callsToday: Int
    public var callsWithinTarget: Int
    public var finishedToday: Int
    /// Ratings of today and of the last 30 days (today included); satisfied = 非常满意 + 满意 + 基本满意.
    public var ratingsToday: Int
    public var satisfiedToday: Int
    public var ratings30Days: Int
    public var satisfied30Days: Int
    /// Accepted 承诺件 past their promised date and not finished; and those due today.
    public var overdueCases: Int
    public var casesDueToday: Int
    /// Bad-rating rectification tasks not yet closed or annulled; and those past their deadline.
    public var openRectifications: Int
    public var overdueRectifications: Int
    /// Seconds since any device of the hall last reached the centre; nil when none ever did.
    public var lastContactAgeSeconds: Double?
    /// The reform figures of the cases opened in the last 30 days (today included); nil from a
    /// centre older than them.
    public var reform30Days: ReformCounts?
    /// Audit-anchor alerts recorded for the hall: a node's audit chain found cut short, re-hashed
    /// or not proven against the head the centre anchored (any above 0 needs looking into); nil
    /// from a centre older than anchoring.
    public var auditAlerts: Int?

    public init(hallId: String, name: String, waiting: Int = 0, longestWaitSeconds: Double? = nil, callsToday: Int = 0,
                callsWithinTarget: Int = 0, finishedToday: Int = 0, ratingsToday: Int = 0, satisfiedToday: Int = 0,
                ratings30Days: Int = 0, satisfied30Days: Int = 0, overdueCases: Int = 0, casesDueToday: Int = 0,
                openRectifications: Int = 0, overdueRectifications: Int = 0, lastContactAgeSeconds: Double? = nil) {
        self.hallId = hallId; self.name = name; self.waiting = waiting; self.longestWaitSeconds = longestWaitSeconds
        self.callsToday = callsToday; self.callsWithinTarget = callsWithinTarget; self.finishedToday = finishedToday
        self.ratingsToday = ratingsToday; self.satisfiedToday = satisfiedToday
        self.ratings30Days = ratings30Days; self.satisfied30Days = satisfied30Days
        self.overdueCases = overdueCases; self.casesDueToday = casesDueToday
        self.openRectifications = openRectifications; self.overdueRectifications = overdueRectifications
        self.lastContactAgeSeconds = lastContactAgeSeconds
    }

    public var serviceLevel: Double? { callsToday == 0 ? nil : Double(callsWithinTarget) / Double(callsToday) }
    public var satisfactionToday: Double? { ratingsToday == 0 ? nil : Double(satisfiedToday) / Double(ratingsToday) }
    public var satisfaction30Days: Double? { ratings30Days == 0 ? nil : Double(satisfied30Days) / Double(ratings30Days) }
}

public struct OverviewResponse: Codable, Sendable, Equatable {
    /// The service day the figures are for (YYYY-MM-DD, China time).
    public var today: String
    public var serverTime: Double
    /// A hall silent for longer than this is flagged: a sync round runs every few seconds and
    /// backs off to at most five minutes, so twice that means the link or the node is down.
    public var staleAfterSeconds: Double
    public var halls: [HallOverview]
    public init(today: String, serverTime: Double, staleAfterSeconds: Double, halls: [HallOverview]) {
        self.today = today; self.serverTime = serverTime; self.staleAfterSeconds = staleAfterSeconds; self.halls = halls
    }
}

/// One queue category of a hall, keyed by the hall's service id.
public struct ServiceOverview: Codable, Sendable, Equatable {
    public var serviceId: String
    /// The service's name when the hall has reported it, else named by its ticket prefix ("A类业务").
    public var name: String
    public var waiting: Int
    public var longestWaitSeconds: Double?
    public var callsToday: Int
    public var callsWithinTarget: Int
    public var finishedToday: Int
    public var targetWaitMinutes: Int
    /// False when the hall has not reported the service's target and the centre's default is used.
    public var targetReported: Bool
    public init(serviceId: String, name: String, waiting: Int, longestWaitSeconds: Double?, callsToday: Int,
                callsWithinTarget: Int, finishedToday: Int, targetWaitMinutes: Int, targetReported: Bool) {
        self.serviceId = serviceId; self.name = name; self.waiting = waiting; self.longestWaitSeconds = longestWaitSeconds
        self.callsToday = callsToday; self.callsWithinTarget = callsWithinTarget; self.finishedToday = finishedToday
        self.targetWaitMinutes = targetWaitMinutes; self.targetReported = targetReported
    }
    public var serviceLevel: Double? { callsToday == 0 ? nil : Double(callsWithinTarget) / Double(callsToday) }
}

/// One window of a hall, derived from its queue events.
public struct WindowOverview: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case signedOut, idle, serving, paused }
    public var number: Int
    public var status: Status
    /// The ticket number being served ("A001"); never a person's data.
    public var currentTicket: String?
    public var callsToday: Int
    public var finishedToday: Int
    public var ratingsToday: Int
    public var satisfiedToday: Int
    /// Seconds since the window's last queue event.
    public var lastEventAgeSeconds: Double?
    public init(number: Int, status: Status, currentTicket: String?, callsToday: Int, finishedToday: Int,
                ratingsToday: Int, satisfiedToday: Int, lastEventAgeSeconds: Double?) {
        self.number = number; self.status = status; self.currentTicket = currentTicket; self.callsToday = callsToday
        self.finishedToday = finishedToday; self.ratingsToday = ratingsToday; self.satisfiedToday = satisfiedToday
        self.lastEventAgeSeconds = lastEventAgeSeconds
    }
}

public struct HallDetailResponse: Codable, Sendable, Equatable {
    public var today: String
    public var serverTime: Double
    public var staleAfterSeconds: Double
    public var hall: HallOverview
    public var services: [ServiceOverview]
    public var windows: [WindowOverview]
    /// The reform figures per matter of the cases opened in the last 30 days, most cases first;
    /// nil from a centre older than them.
    public var matters30Days: [MatterReform]?
    public init(today: String, serverTime: Double, staleAfterSeconds: Double, hall: HallOverview,
                services: [ServiceOverview], windows: [WindowOverview], matters30Days: [MatterReform]? = nil) {
        self.today = today; self.serverTime = serverTime; self.staleAfterSeconds = staleAfterSeconds
        self.hall = hall; self.services = services; self.windows = windows; self.matters30Days = matters30Days
    }
}
