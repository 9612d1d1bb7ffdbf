import DeskCore
import DeskStore
import Foundation
import Hummingbird

/// `/api/v1/channels`: the official-channel registry (admins change it; security may read it). Every change is audited
/// and clears this node's registry snapshot; other nodes pick it up within ``ChannelRegistryCache/lifetime``.
struct ChannelsController {
    let dependencies: Dependencies

    func addRoutes(to routes: GuardedRoutes) {
        routes.get("channels", .readChannels, use: list)
        routes.get("channels/:channel", .readChannels, use: get)
        routes.post("channels", .manageChannels, use: add)
        routes.patch("channels/:channel", .manageChannels, use: update)
        routes.delete("channels/:channel", .manageChannels, use: remove)
    }

    @Sendable func list(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try .json(PageResource(items: try await dependencies.store.channels().map(ChannelResource.init), nextCursor: nil))
    }

    @Sendable func get(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let channel = try await dependencies.store.channel(try channelID(context))
        return try .json(ChannelResource(channel), headers: [.eTag: "\"\(channel.version)\""])
    }

    @Sendable func add(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let input = try await request.decodeJSON(as: ChannelInput.self, limit: 16 * 1024)
        guard let kind = input.kind else { throw DeskError.invalidField("kind", reason: .required) }
        guard let label = input.label else { throw DeskError.invalidField("label", reason: .required) }
        let use = input.use ?? .official
        var hours: String?
        input.hours.apply(to: &hours)
        let valid = try OfficialChannel.validated(kind: kind, value: input.value ?? "", use: use, label: label, hours: hours)
        let now = dependencies.now()
        let channel = try await dependencies.store.addChannel(
            OfficialChannel(kind: kind, value: valid.value, use: use, label: valid.label, hours: valid.hours, createdAt: now, updatedAt: now),
            by: context.actor
        )
        dependencies.channelCache.clear()
        return try .json(
            ChannelResource(channel), status: .created, headers: [.location: "/api/v1/channels/\(channel.id)", .eTag: "\"\(channel.version)\""]
        )
    }

    @Sendable func update(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try channelID(context)
        var request = request
        let input = try await request.decodeJSON(as: ChannelInput.self, limit: 16 * 1024)
        let expected = try request.expectedVersion(body: input.version)
        let channel = try await dependencies.store.updateChannel(id, expectedVersion: expected, by: context.actor, now: dependencies.now()) { channel in
            let kind = input.kind ?? channel.kind
            let use = input.use ?? channel.use
            var hours = channel.hours
            input.hours.apply(to: &hours)
            let valid = try OfficialChannel.validated(
                kind: kind, value: input.value ?? channel.value, use: use, label: input.label ?? channel.label, hours: hours
            )
            channel.kind = kind
            channel.use = use
            channel.value = valid.value
            channel.label = valid.label
            channel.hours = valid.hours
        }
        dependencies.channelCache.clear()
        return try .json(ChannelResource(channel), headers: [.eTag: "\"\(channel.version)\""])
    }

    @Sendable func remove(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try await dependencies.store.removeChannel(try channelID(context), by: context.actor, now: dependencies.now())
        dependencies.channelCache.clear()
        return Response(status: .noContent)
    }

    func channelID(_ context: AgentRequestContext) throws -> ChannelID {
        guard let raw = context.parameters.get("channel"), let id = ChannelID(raw) else { throw DeskError.notFound(entity: "channel") }
        return id
    }
}

struct ChannelInput: JSONBody {
    var kind: ChannelKind?
    var value: String?
    var use: ChannelUse?
    var label: String?
    var hours: Patch<String> = .unchanged
    var version: Int?

    init(json: JSONFields) throws(DeskError) {
        try json.rejectUnknownKeys(["kind", "value", "use", "label", "hours", "version"])
        kind = try json.value("kind")
        value = try json.string("value")
        use = try json.value("use")
        label = try json.string("label")
        hours = try json.patch("hours", json.string)
        version = try json.int("version")
    }
}

/// A registry entry as the API shows it.
struct ChannelResource: Codable, Sendable {
    var id: String
    var kind: ChannelKind
    var value: String
    var use: ChannelUse
    var label: String
    var hours: String?
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    init(_ channel: OfficialChannel) {
        id = channel.id.description
        kind = channel.kind
        value = channel.value
        use = channel.use
        label = channel.label
        hours = channel.hours
        createdAt = channel.createdAt
        updatedAt = channel.updatedAt
        version = channel.version
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(value, forKey: .value)
        try c.encode(use, forKey: .use)
        try c.encode(label, forKey: .label)
        try c.encode(hours, forKey: .hours)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(version, forKey: .version)
    }
}
