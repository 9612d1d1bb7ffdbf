import DeskCore
import Foundation
import Hummingbird
import Logging
import NIOCore
import PostgresNIO
import SQLiteNIO

/// An RFC 9457 problem details document.
struct Problem: Codable, Sendable {
    /// Stable and documented: `/problems/<code>`.
    var type: String
    var title: String
    var status: Int
    var detail: String
    var code: String
    var field: String?
    var instance: String?
}

/// Turns every thrown error into problem details, in the caller's language. The only place errors become HTTP.
///
/// Unexpected errors answer 500 with a generic message and are logged with the request id; their text never reaches
/// the client (it could carry SQL or customer data).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger
    /// The routes' methods, to tell "no such path" (404) from "not with this method" (405).
    var allowedMethods: AllowedMethods?
    /// A page for browsers that ask for an address with no route (see ``SiteEntrance/notFoundPage(for:)``); nil for
    /// the problem document.
    var pageNotFound: (@Sendable (Request) -> Response?)?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            // The router found no route for this method and path; handlers throw DeskError, never HTTPError 404.
            if let allowed = allowedMethods?.methods(for: request.uri.path), !allowed.isEmpty {
                var response = problemResponse(for: HTTPError(.methodNotAllowed), request: request)
                response.headers[.allow] = allowed.joined(separator: ", ")
                return response
            }
            if let page = pageNotFound?(request) { return page }
            return problemResponse(for: error, request: request)
        } catch {
            return problemResponse(for: error, request: request)
        }
    }

    func problemResponse(for error: any Error, request: Request) -> Response {
        let language = request.language
        let localizer = Localizer.shared
        let instance = request.uri.path
        switch error {
        case let error as DeskError:
            var response = Self.response(
                Problem(
                    type: "/problems/\(error.code)", title: localizer.text("title.\(error.code)", language), status: error.status,
                    detail: error.detail(in: language), code: error.code, field: error.field, instance: instance
                ),
                language: language
            )
            if case .tooManyAttempts(let seconds) = error { response.headers[.retryAfter] = String(max(1, seconds)) }
            if case .tooManyCodeRequests(let seconds) = error { response.headers[.retryAfter] = String(max(1, seconds)) }
            if case .tooManyRequests(let seconds) = error { response.headers[.retryAfter] = String(max(1, seconds)) }
            // Server-side faults the operator must fix (a node with the wrong secret key): say so in the log too.
            if error.status >= 500 { logger.error("request failed", metadata: ["path": "\(instance)", "code": "\(error.code)"]) }
            return response
        case let error as any HTTPResponseError:
            let status = Int(error.status.code)
            let code: String
            switch status {
            case 404: code = "not-found"
            case 405: code = "method-not-allowed"
            case 413: code = "body-too-large"
            case 415: code = "unsupported-media-type"
            case 400: code = "malformed-json"
            default: code = status >= 500 ? "internal" : "invalid-field"
            }
            let detail: String
            switch code {
            case "not-found": detail = DeskError.notFound(entity: "route").detail(in: language)
            case "malformed-json": detail = localizer.format("detail.malformed-json", language, "")
            case "body-too-large": detail = localizer.text("title.body-too-large", language)
            default: detail = localizer.text("detail.\(code)", language)
            }
            if status >= 500 { logger.error("request failed", metadata: ["path": "\(instance)", "error": "\(String(reflecting: error))"]) }
            return Self.response(
                Problem(type: "/problems/\(code)", title: localizer.text("title.\(code)", language), status: status, detail: detail, code: code, instance: instance),
                language: language
            )
        default:
            if Self.isDatabaseUnavailable(error) {
                logger.error("database unavailable", metadata: ["path": "\(instance)", "error": "\(Self.loggable(error))"])
                let e = DeskError.unavailable
                return Self.response(
                    Problem(type: "/problems/\(e.code)", title: localizer.text("title.\(e.code)", language), status: 503, detail: e.detail(in: language), code: e.code, instance: instance),
                    language: language
                )
            }
            logger.error("unexpected error", metadata: ["path": "\(instance)", "error": "\(Self.loggable(error))"])
            return Self.response(
                Problem(
                    type: "/problems/internal", title: localizer.text("title.internal", language), status: 500,
                    detail: localizer.text("detail.internal", language), code: "internal", instance: instance
                ),
                language: language
            )
        }
    }

    /// What may be logged about an unexpected error: its type and, for database errors, the SQLSTATE code. Full
    /// descriptions can quote row values (a customer's email in a constraint message), so they stay out of logs.
    static func loggable(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            return "PSQLError code=\(psql.code) sqlstate=\(psql.serverInfo?[.sqlState] ?? "-")"
        }
        if let sqlite = error as? SQLiteError {
            return "SQLiteError reason=\(sqlite.reason)"
        }
        return String(describing: type(of: error))
    }

    static func isDatabaseUnavailable(_ error: any Error) -> Bool {
        let text = String(reflecting: error)
        return text.contains("connectionClosed") || text.contains("connectionError") || text.contains("Connection refused")
            || text.contains("poolShutdown") || text.contains("timeoutError")
    }

    static func response(_ problem: Problem, language: Language) -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json", .contentLanguage: language.rawValue]
        if problem.status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"walletdesk\"" }
        let data = (try? JSON.encoder.encode(problem)) ?? Data()
        return Response(status: .init(code: problem.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
