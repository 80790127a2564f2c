import Foundation

/// The centre's whole HTTP API as an OpenAPI 3 document, served at `SyncPaths.openAPI` so an
/// integrator (the online booking system, the province's platform, monitoring) can generate a
/// client from it. Kept as a literal rather than a bundle resource: the binary carries it, so an
/// installed centre serves it with no file beside it. `OpenAPIDocumentTests` checks it against the
/// router's real route table, and the schemathesis fuzz reads it from the running centre.
public enum OpenAPIDocument {
    public static let json: String = ##"""
{
  "openapi": "3.0.3",
  "info": {
    "title": "一窗中心服务器 API（yichuang central）",
    "version": "1",
    "description": "大厅节点与中心之间的同步接口、网上预约系统的预约接口、中心看板与监控接口。除 /health 与 /openapi.json 外都需要 Authorization: Bearer 令牌：站点令牌（yichuang hall-register 签发）只用于 /v1/sync；admin 令牌用于 /v1/admin 与 /metrics；booking 令牌只用于 /v1/booking；metrics 令牌只读 /metrics。缺少、未知或已吊销的令牌得 401，他种令牌得 403。错误回答一律为 SyncError（code 给程序，message 给人看，简体中文）。请求体上限 16 MB（413），120 秒内未传完得 408。"
  },
  "servers": [{ "url": "http://127.0.0.1:8080", "description": "中心本机；对外请放在 nginx（TLS）之后" }],
  "tags": [
    { "name": "sync", "description": "大厅节点同步（站点令牌）" },
    { "name": "booking", "description": "网上预约系统（booking 令牌）" },
    { "name": "admin", "description": "中心看板（admin 令牌）" },
    { "name": "operations", "description": "运维：健康检查、监控、本文档" }
  ],
  "paths": {
    "/health": {
      "get": {
        "tags": ["operations"], "operationId": "health", "summary": "健康检查：数据库能应答才算健康", "security": [],
        "responses": {
          "200": { "description": "健康", "content": { "text/plain": { "schema": { "type": "string" } } } },
          "503": { "description": "数据库不可用", "content": { "text/plain": { "schema": { "type": "string" } } } }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "tags": ["operations"], "operationId": "openAPIDocument", "summary": "本文档", "security": [],
        "responses": {
          "200": { "description": "OpenAPI 3 文档", "content": { "application/json": { "schema": { "type": "object" } } } }
        }
      }
    },
    "/metrics": {
      "get": {
        "tags": ["operations"], "operationId": "metrics", "summary": "Prometheus 文本格式的计数与各大厅同步延迟、最后联系时间",
        "security": [{ "bearerAuth": [] }],
        "responses": {
          "200": { "description": "Prometheus 文本（0.0.4）", "content": { "text/plain": { "schema": { "type": "string" } } } },
          "401": { "$ref": "#/components/responses/Unauthorized" },
          "403": { "$ref": "#/components/responses/Forbidden" }
        }
      }
    },
    "/v1/sync/handshake": {
      "post": {
        "tags": ["sync"], "operationId": "handshake", "summary": "节点开场：报设备与大厅，中心答从哪一号续传",
        "security": [{ "bearerAuth": [] }],
        "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/HandshakeRequest" } } } },
        "responses": {
          "200": { "description": "中心已收到该设备第 ackedThroughSeq 号及以前的全部操作",
                   "content": { "application/json": { "schema": { "$ref": "#/components/schemas/HandshakeResponse" } } } },
          "400": { "$ref": "#/components/responses/BadRequest" },
          "401": { "$ref": "#/components/responses/Unauthorized" },
          "403": { "$ref": "#/components/responses/Forbidden" },
          "408": { "$ref": "#/components/responses/BodyTimeout" },
          "413": { "$ref": "#/components/responses/TooLarge" },
          "426": { "description": "节点程序过旧（数据版本过旧，或未报告 hallId 而设备从未登记在本令牌的大厅）：先升级", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SyncError" } } } }
        }
      }
    },
    "/v1/sync/push": {
      "post": {
        "tags": ["sync"], "operationId": "push", "summary": "上传一批同一设备的操作（一个事务）",
        "security": [{ "bearerAuth": [] }],
        "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/PushRequest" } } } },
        "responses": {
          "200": { "description": "每条操作的结果；只有 ackedThroughSeq 推进节点的游标",
                   "content": { "application/json": { "schema": { "$ref": "#/components/schemas/PushResponse" } } } },
          "400": { "$ref": "#/components/responses/BadRequest" },
          "401": { "$ref": "#/components/responses/Unauthorized" },
          "403": { "$ref": "#/components/responses/Forbidden" },
          "408": { "$ref": "#/components/responses/BodyTimeout" },
          "409": { "description": "序号不连续：从 resumeAfterSeq + 1 起重传", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SyncError" } } } },
          "413": { "$ref": "#/components/responses/TooLarge" },
          "426": { "description": "未报告 hallId 的旧节点，其设备从未登记在本令牌的大厅：先升级，未存入任何数据", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SyncError" } } } }
        }
      }
    },
    "/v1/sync/pull": {
      "get": {
        "tags": ["sync"], "operationId": "pull", "summary": "读取一个数据分组（catalog、calendar、hall:<大厅编号>）变更日志的一页",
        "security": [{ "bearerAuth": [] }],
        "parameters": [
          { "name": "bucket", "in": "query", "required": true, "schema": { "type": "string", "pattern": "^(catalog|calendar|hall:.+)$" }, "description": "catalog、calendar 或 hall:<本大厅编号>" },
          { "name": "cursor", "in": "query", "required": false, "schema": { "type": "integer", "format": "int64", "minimum": 0 }, "description": "上一页的 nextCursor；缺省为 0" },
          { "name": "limit", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 1, "maximum": 1000 }, "description": "每页最多条数，缺省 500" }
        ],
        "responses": {
          "200": { "description": "一页变更", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/PullPage" } } } },
          "400": { "$ref": "#/components/responses/BadRequest" },
          "401": { "$ref": "#/components/responses/Unauthorized" },
          "403": { "$ref": "#/components/responses/Forbidden" }
        }
      }
    },
    "/v1/admin/overview": {
      "get": {
        "tags": ["admin"], "operationId": "overview", "summary": "各大厅一览：排队、等候、服务水平、满意度、超期、最后联系",
        "security": [{ "bearerAuth": [] }],
        "responses": {
          "200": { "description": "各大厅", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/OverviewResponse" } } } },
          "401": { "$ref": "#/components/responses/Unauthorized" },
          "403": { "$ref": "#/components/responses/Forbidden" }
        }
      }
    },
    "/v1/admin/overview/{hallId}": {
      "get": {
        "tags": ["admin"], "operationId": "hallOverview", "summary": "一个大厅：按业务与窗口",
        "security": [{ "bearerAuth": [] }],
        "parameters": [ { "name": "hallId", "in": "path", "required": true, "schema": { "type": "string" } } ],
        "responses": {
          "200": { "description": "该大厅", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/HallDetailResponse" } } } },
          "401": { "$ref": "#/components/responses/Unauthorized" },
          "403": { "$ref": "#/components/responses/Forbidden" },
          "404": { "$ref": "#/components/responses/NotFound" }
        }
      }
    },
    "/v1/admin/report": {
      "get": {
        "tags": ["admin"], "operationId": "report", "summary": "中心报表：各大厅及各事项的改革指标（一次办结率、跑动次数、即办件占比、超期），并列等候、服务水平与满意度",
        "security": [{ "bearerAuth": [] }],
        "parameters": [
          { "name": "from", "in": "query", "required": true, "schema": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }, "description": "起始服务日（含），北京时间" },
          { "name": "to", "in": "query", "required": true, "schema": { "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }, "description": "截止服务日（含），不早于 from，最长 366 天" },
          { "name": "hall", "in": "query", "required": false, "schema": { "type": "string" }, "description": "只要这个大厅" }
        ],
        "responses": {
          "200": { "description": "各大厅", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ReportResponse" } } } },
          "400": { "$ref": "#/components/responses/BadRequest" },
          "401": { "$ref": "#/components/responses/Unauthorized" },
          "403": { "$ref": "#/components/responses/Forbidden" }
        }
      }
    },
    "/v1/booking/appointments": {
      "post": {
        "tags": ["booking"], "operationId": "book", "summary": "登记或改约一条网上预约；中心答 8 位签到码，大厅下次同步时收到",
        "security": [{ "bearerAuth": [] }],
        "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/BookingRequest" } } } },
        "responses": {
          "200": { "description": "已预约（同一预约号再提交得同一签到码）", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/BookingResponse" } } } },
          "400": { "$ref": "#/components/responses/BadRequest" },
          "401": { "$ref": "#/components/responses/Unauthorized" },
          "403": { "$ref": "#/components/responses/Forbidden" },
          "404": { "$ref": "#/components/responses/NotFound" },
          "408": { "$ref": "#/components/responses/BodyTimeout" },
          "409": { "description": "该预约已取消，不能再修改", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SyncError" } } } },
          "413": { "$ref": "#/components/responses/TooLarge" },
          "422": { "description": "时段不在工作日或办公时间内、业务不存在、电话或姓名无效等", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SyncError" } } } }
        }
      }
    },
    "/v1/booking/appointments/{hall}/{booking}": {
      "delete": {
        "tags": ["booking"], "operationId": "cancelBooking", "summary": "取消一条预约",
        "security": [{ "bearerAuth": [] }],
        "parameters": [
          { "name": "hall", "in": "path", "required": true, "schema": { "type": "string" }, "description": "大厅编号" },
          { "name": "booking", "in": "path", "required": true, "schema": { "type": "string" }, "description": "预约系统的预约号" }
        ],
        "responses": {
          "200": { "description": "已取消", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/BookingResponse" } } } },
          "401": { "$ref": "#/components/responses/Unauthorized" },
          "403": { "$ref": "#/components/responses/Forbidden" },
          "404": { "$ref": "#/components/responses/NotFound" }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearerAuth": { "type": "http", "scheme": "bearer", "description": "yc_ 开头的令牌；中心只存其 SHA-256" }
    },
    "responses": {
      "BadRequest": { "description": "请求格式错误（指出哪个字段）", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SyncError" } } } },
      "Unauthorized": { "description": "缺少、未知或已吊销的令牌", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SyncError" } } } },
      "Forbidden": { "description": "令牌有效但无权使用该接口，或节点、设备不属于令牌的大厅（wrong_hall）", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SyncError" } } } },
      "NotFound": { "description": "没有该大厅或该预约", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SyncError" } } } },
      "BodyTimeout": { "description": "请求内容 120 秒内未传完", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SyncError" } } } },
      "TooLarge": { "description": "请求内容超过 16 MB，或一批超过中心的 maxBatch 条", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SyncError" } } } }
    },
    "schemas": {
      "SyncError": {
        "type": "object", "required": ["code", "message"],
        "properties": {
          "code": { "type": "string", "enum": ["unauthorized", "forbidden", "sequence_gap", "bad_request", "wrong_hall", "upgrade_required", "internal", "not_found", "method_not_allowed"] },
          "message": { "type": "string", "description": "给人看的原因（简体中文）" },
          "resumeAfterSeq": { "type": "integer", "format": "int64", "description": "sequence_gap：中心已收到的最后一号" }
        }
      },
      "HandshakeRequest": {
        "type": "object", "required": ["deviceId", "schemaVersion", "clientTime"],
        "properties": {
          "deviceId": { "type": "string" },
          "schemaVersion": { "type": "integer" },
          "clientTime": { "type": "number", "description": "设备时钟（1970 年起的秒数），只记录，不据此拒绝" },
          "hallId": { "type": "string", "nullable": true, "description": "节点自己的大厅编号；与令牌的大厅不同则 403 wrong_hall；旧版节点不送：其设备此前已登记在令牌的大厅才接受，否则 426 upgrade_required" },
          "auditHead": { "allOf": [{ "$ref": "#/components/schemas/AuditHead" }], "nullable": true, "description": "节点审计日志末条（序号、哈希）；中心按设备锚定" },
          "auditProof": { "allOf": [{ "$ref": "#/components/schemas/AuditHead" }], "nullable": true, "description": "节点在中心上次锚定的序号处的那一条（hash 为 null：该条已不在节点上）" }
        }
      },
      "AuditHead": {
        "type": "object", "required": ["seq"],
        "properties": {
          "seq": { "type": "integer", "format": "int64" },
          "hash": { "type": "string", "nullable": true, "description": "该条的 SHA-256（小写十六进制）" }
        }
      },
      "HandshakeResponse": {
        "type": "object", "required": ["hallId", "deviceId", "ackedThroughSeq", "maxBatch", "serverTime"],
        "properties": {
          "hallId": { "type": "string" }, "deviceId": { "type": "string" },
          "ackedThroughSeq": { "type": "integer", "format": "int64" },
          "maxBatch": { "type": "integer" },
          "serverTime": { "type": "number" },
          "lastOpId": { "type": "string" },
          "auditAnchorSeq": { "type": "integer", "format": "int64", "description": "中心现在锚定的审计日志序号：下次握手在 auditProof 里出示这一条" },
          "auditAlert": { "type": "string", "description": "审计日志末条不能接续中心的锚定（被截断、被改写或无法核对）时的说明；数据照常接收" }
        }
      },
      "WireOperation": {
        "type": "object",
        "required": ["opId", "deviceId", "seq", "hlc", "wallTime", "schemaVersion", "kind", "payload", "sha256"],
        "properties": {
          "opId": { "type": "string" }, "deviceId": { "type": "string" },
          "seq": { "type": "integer", "format": "int64", "minimum": 1, "description": "每设备从 1 起连续" },
          "hlc": { "type": "string" }, "wallTime": { "type": "number" }, "schemaVersion": { "type": "integer" },
          "kind": { "type": "string" }, "entityId": { "type": "string", "nullable": true },
          "payload": { "type": "string", "description": "大厅写下的 JSON 原文" },
          "sha256": { "type": "string", "description": "payload 的 UTF-8 字节的 SHA-256（小写十六进制）" }
        }
      },
      "PushRequest": {
        "type": "object", "required": ["deviceId", "operations"],
        "properties": {
          "deviceId": { "type": "string" },
          "operations": { "type": "array", "items": { "$ref": "#/components/schemas/WireOperation" } },
          "hallId": { "type": "string", "nullable": true, "description": "整批操作所属的大厅（节点的大厅）；与令牌的大厅不同则整批 403 wrong_hall；缺省时设备须已登记在令牌的大厅，否则 426" }
        }
      },
      "OpResult": {
        "type": "object", "required": ["opId", "seq", "status"],
        "properties": {
          "opId": { "type": "string" }, "seq": { "type": "integer", "format": "int64" },
          "status": { "type": "string", "enum": ["applied", "duplicate", "quarantined", "conflict"] },
          "reason": { "type": "string" }
        }
      },
      "PushResponse": {
        "type": "object", "required": ["ackedThroughSeq", "results", "serverTime"],
        "properties": {
          "ackedThroughSeq": { "type": "integer", "format": "int64" },
          "results": { "type": "array", "items": { "$ref": "#/components/schemas/OpResult" } },
          "serverTime": { "type": "number" }
        }
      },
      "BucketChange": {
        "type": "object", "required": ["version", "entity", "entityId"],
        "properties": {
          "version": { "type": "integer", "format": "int64" }, "entity": { "type": "string" }, "entityId": { "type": "string" },
          "payload": { "type": "string", "description": "新状态的 JSON 原文；缺省表示已删除" }
        }
      },
      "PullPage": {
        "type": "object", "required": ["bucket", "changes", "nextCursor", "hasMore", "checksum", "reset", "serverTime"],
        "properties": {
          "bucket": { "type": "string" },
          "changes": { "type": "array", "items": { "$ref": "#/components/schemas/BucketChange" } },
          "nextCursor": { "type": "integer", "format": "int64" }, "hasMore": { "type": "boolean" },
          "checksum": { "type": "string" }, "reset": { "type": "boolean" }, "serverTime": { "type": "number" }
        }
      },
      "HallOverview": {
        "type": "object",
        "required": ["hallId", "name", "waiting", "callsToday", "callsWithinTarget", "finishedToday", "ratingsToday", "satisfiedToday",
                     "ratings30Days", "satisfied30Days", "overdueCases", "casesDueToday", "openRectifications", "overdueRectifications"],
        "properties": {
          "hallId": { "type": "string" }, "name": { "type": "string" }, "waiting": { "type": "integer" },
          "longestWaitSeconds": { "type": "number" }, "callsToday": { "type": "integer" }, "callsWithinTarget": { "type": "integer" },
          "finishedToday": { "type": "integer" }, "ratingsToday": { "type": "integer" }, "satisfiedToday": { "type": "integer" },
          "ratings30Days": { "type": "integer" }, "satisfied30Days": { "type": "integer" }, "overdueCases": { "type": "integer" },
          "casesDueToday": { "type": "integer" }, "openRectifications": { "type": "integer" }, "overdueRectifications": { "type": "integer" },
          "lastContactAgeSeconds": { "type": "number" },
          "reform30Days": { "$ref": "#/components/schemas/ReformCounts" },
          "auditAlerts": { "type": "integer", "description": "本大厅节点审计日志锚定告警条数（被截断、被改写或无法核对）" }
        }
      },
      "ReformCounts": {
        "type": "object", "description": "改革指标（件数）：跑动次数 = visits ÷ accepted，一次办结率 = oneVisit ÷ accepted，即办件占比 = immediate ÷ accepted",
        "required": ["cases", "accepted", "visits", "oneVisit", "immediate", "overdue"],
        "properties": {
          "cases": { "type": "integer" }, "accepted": { "type": "integer" }, "visits": { "type": "integer" },
          "oneVisit": { "type": "integer" }, "immediate": { "type": "integer" }, "overdue": { "type": "integer" }
        }
      },
      "MatterReform": {
        "type": "object", "required": ["matters", "figures"],
        "properties": { "matters": { "type": "string" }, "figures": { "$ref": "#/components/schemas/ReformCounts" } }
      },
      "HallReport": {
        "type": "object",
        "required": ["hallId", "name", "calls", "callsWithinTarget", "waitSeconds", "ratings", "satisfied", "reform", "matters"],
        "properties": {
          "hallId": { "type": "string" }, "name": { "type": "string" }, "calls": { "type": "integer" },
          "callsWithinTarget": { "type": "integer" }, "waitSeconds": { "type": "number" }, "ratings": { "type": "integer" },
          "satisfied": { "type": "integer" }, "reform": { "$ref": "#/components/schemas/ReformCounts" },
          "matters": { "type": "array", "items": { "$ref": "#/components/schemas/MatterReform" } }
        }
      },
      "ReportResponse": {
        "type": "object", "required": ["from", "to", "today", "halls"],
        "properties": {
          "from": { "type": "string" }, "to": { "type": "string" }, "today": { "type": "string" },
          "halls": { "type": "array", "items": { "$ref": "#/components/schemas/HallReport" } }
        }
      },
      "OverviewResponse": {
        "type": "object", "required": ["today", "serverTime", "staleAfterSeconds", "halls"],
        "properties": {
          "today": { "type": "string", "description": "YYYY-MM-DD（北京时间）" }, "serverTime": { "type": "number" },
          "staleAfterSeconds": { "type": "number" },
          "halls": { "type": "array", "items": { "$ref": "#/components/schemas/HallOverview" } }
        }
      },
      "ServiceOverview": {
        "type": "object",
        "required": ["serviceId", "name", "waiting", "callsToday", "callsWithinTarget", "finishedToday", "targetWaitMinutes", "targetReported"],
        "properties": {
          "serviceId": { "type": "string" }, "name": { "type": "string" }, "waiting": { "type": "integer" },
          "longestWaitSeconds": { "type": "number" }, "callsToday": { "type": "integer" }, "callsWithinTarget": { "type": "integer" },
          "finishedToday": { "type": "integer" }, "targetWaitMinutes": { "type": "integer" }, "targetReported": { "type": "boolean" }
        }
      },
      "WindowOverview": {
        "type": "object", "required": ["number", "status", "callsToday", "finishedToday", "ratingsToday", "satisfiedToday"],
        "properties": {
          "number": { "type": "integer" },
          "status": { "type": "string", "enum": ["signedOut", "idle", "serving", "paused"] },
          "currentTicket": { "type": "string" }, "callsToday": { "type": "integer" }, "finishedToday": { "type": "integer" },
          "ratingsToday": { "type": "integer" }, "satisfiedToday": { "type": "integer" }, "lastEventAgeSeconds": { "type": "number" }
        }
      },
      "HallDetailResponse": {
        "type": "object", "required": ["today", "serverTime", "staleAfterSeconds", "hall", "services", "windows"],
        "properties": {
          "today": { "type": "string" }, "serverTime": { "type": "number" }, "staleAfterSeconds": { "type": "number" },
          "hall": { "$ref": "#/components/schemas/HallOverview" },
          "services": { "type": "array", "items": { "$ref": "#/components/schemas/ServiceOverview" } },
          "windows": { "type": "array", "items": { "$ref": "#/components/schemas/WindowOverview" } },
          "matters30Days": { "type": "array", "items": { "$ref": "#/components/schemas/MatterReform" } }
        }
      },
      "BookingRequest": {
        "type": "object", "required": ["hallId", "bookingId", "service", "name", "phone", "slotStart"],
        "properties": {
          "hallId": { "type": "string" }, "bookingId": { "type": "string" },
          "service": { "type": "string", "description": "大厅的业务字母或名称（A、综合受理）" },
          "name": { "type": "string" }, "phone": { "type": "string" },
          "slotStart": { "type": "number", "description": "时段开始（1970 年起的秒数），须在工作日的办公时间内、今后一年之内" },
          "slotMinutes": { "type": "integer", "nullable": true, "default": 30 }
        }
      },
      "BookingResponse": {
        "type": "object", "required": ["hallId", "bookingId", "checkInCode", "status"],
        "properties": {
          "hallId": { "type": "string" }, "bookingId": { "type": "string" },
          "checkInCode": { "type": "string", "pattern": "^[0-9]{8}$" },
          "status": { "type": "string", "enum": ["booked", "cancelled"] }
        }
      }
    }
  }
}
"""##
}
