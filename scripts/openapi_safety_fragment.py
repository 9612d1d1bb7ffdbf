#!/usr/bin/env python3
"""Writes Sources/DeskServer/API/OpenAPIDocument+Safety.swift from the dictionaries below (keeps the JSON valid)."""
import json, pathlib

AL = {"$ref": "#/components/parameters/AcceptLanguage"}
R = lambda name: {"$ref": f"#/components/responses/{name}"}
S = lambda name: {"$ref": f"#/components/schemas/{name}"}
def ok(desc, schema, code="200"):
    return {code: {"description": desc, "content": {"application/json": {"schema": S(schema)}}}}
# The public checks' per-address limit (PublicCheckLimiter).
LIMITED = {"429": {"description": "Too many public checks from this address (`too-many-requests`, 60 a minute by default); see `Retry-After`.",
                   "content": {"application/problem+json": {"schema": S("Problem")}},
                   "headers": {"Retry-After": {"schema": {"type": "integer"}}}}}
CHANNEL_PARAM = {"name": "channel", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
kinds = ["web", "email", "email_domain", "phone", "telegram", "x", "wechat", "weibo", "whatsapp", "app_store"]
reasons = ["punycode", "homoglyph", "extra_words", "other_suffix", "brand_in_subdomain", "userinfo_trick", "brand_in_username",
           "typo", "one_digit_off", "other_platform"]

paths = {
    "/api/v1/verify": {"get": {
        "operationId": "verifyChannel", "summary": "Is this website, address, number or account official?", "tags": ["Safety"],
        "security": [],
        "description": "Public, no sign-in. The value is normalised (URL variants, punycode, look-alike letters, phone formatting, "
                       "@handles) and compared with the official-channel registry. A value that holds a recovery phrase, key, "
                       "password or code is never echoed: outcome `secret`, kind and value null.",
        "parameters": [AL, {"name": "value", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 2048}}],
        "responses": {**ok("The verdict, localised.", "Verdict"), "400": R("BadRequest"), **LIMITED}}},
    "/api/v1/channels": {
        "get": {"operationId": "listChannels", "summary": "List the official-channel registry", "tags": ["Safety"],
                "parameters": [AL], "responses": {**ok("Every entry, official and never used.", "ChannelPage"),
                                                  "401": R("Unauthorized"), "403": R("Forbidden")}},
        "post": {"operationId": "addChannel", "summary": "Add an official channel or a channel never used", "tags": ["Safety"],
                 "parameters": [AL], "requestBody": {"required": True, "content": {"application/json": {"schema": S("ChannelInput")}}},
                 "responses": {"201": {"description": "The new entry.", "headers": {"Location": {"$ref": "#/components/headers/Location"},
                                                                                    "ETag": {"$ref": "#/components/headers/ETag"}},
                                       "content": {"application/json": {"schema": S("OfficialChannel")}}},
                               "400": R("BadRequest"), "401": R("Unauthorized"), "403": R("Forbidden"), "409": R("Conflict"),
                               "413": R("TooLarge"), "415": R("UnsupportedMediaType")}}},
    "/api/v1/channels/{channel}": {
        "parameters": [CHANNEL_PARAM],
        "get": {"operationId": "getChannel", "summary": "Read one registry entry", "tags": ["Safety"], "parameters": [AL],
                "responses": {**ok("The entry.", "OfficialChannel"), "401": R("Unauthorized"), "403": R("Forbidden"), "404": R("NotFound")}},
        "patch": {"operationId": "updateChannel", "summary": "Change a registry entry", "tags": ["Safety"],
                  "parameters": [AL, {"$ref": "#/components/parameters/IfMatch"}],
                  "requestBody": {"required": True, "content": {"application/json": {"schema": S("ChannelInput")}}},
                  "responses": {**ok("The changed entry.", "OfficialChannel"), "400": R("BadRequest"), "401": R("Unauthorized"),
                                "403": R("Forbidden"), "404": R("NotFound"), "409": R("Conflict"), "413": R("TooLarge"),
                                "415": R("UnsupportedMediaType")}},
        "delete": {"operationId": "removeChannel", "summary": "Remove a registry entry", "tags": ["Safety"], "parameters": [AL],
                   "responses": {"204": {"description": "Removed."}, "401": R("Unauthorized"), "403": R("Forbidden"), "404": R("NotFound")}}},
}
TICKET = {"$ref": "#/components/parameters/Ticket"}
CUSTOMER = {"$ref": "#/components/parameters/Customer"}
JSON_BODY = lambda name: {"required": True, "content": {"application/json": {"schema": S(name)}}}
paths.update({
    "/api/v1/verify/message": {"get": {
        "operationId": "verifyMessageCode", "summary": "Is this message verification code genuine?", "tags": ["Safety"], "security": [],
        "description": "Public. Every public agent message carries a code (`verification`); this answers whether a code belongs to a "
                       "genuine message and which agent sent it.",
        "parameters": [AL, {"name": "code", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 64}}],
        "responses": {**ok("Whether the code is genuine, localised.", "CodeCheck"), "400": R("BadRequest"), **LIMITED}}},
    "/api/v1/verify/call": {"post": {
        "operationId": "verifyCallCode", "summary": "Is the agent on the phone genuine?", "tags": ["Safety"], "security": [],
        "description": "Public. Checks the code the agent read out for a ticket. Codes last 10 minutes, work once, and five wrong "
                       "tries burn them. An unknown ticket answers like one without codes.",
        "parameters": [AL], "requestBody": JSON_BODY("CallCheckInput"),
        "responses": {**ok("Whether the code is genuine, localised.", "CodeCheck"), "400": R("BadRequest"), **LIMITED, "413": R("TooLarge"),
                      "415": R("UnsupportedMediaType")}}},
    "/api/v1/tickets/{ticket}/call-codes": {"parameters": [TICKET], "post": {
        "operationId": "createCallCodes", "summary": "Make one-time codes for a phone call", "tags": ["Safety"],
        "description": "The agent reads `agentCode` out; the customer's portal shows `customerCode`. A new pair replaces the old one.",
        "parameters": [AL], "responses": {**ok("The pair, shown once.", "CallCodes", "201"), "401": R("Unauthorized"),
                                          "403": R("Forbidden"), "404": R("NotFound")}}},
    "/api/v1/customers/{customer}/anti-phishing-phrase": {"parameters": [CUSTOMER],
        "get": {"operationId": "getAntiPhishingPhrase", "summary": "Whether the customer set an anti-phishing phrase (masked)",
                "tags": ["Safety"], "parameters": [AL],
                "responses": {**ok("Masked.", "AntiPhishingPhrase"), "401": R("Unauthorized"), "403": R("Forbidden"), "404": R("NotFound")}},
        "put": {"operationId": "setAntiPhishingPhrase", "summary": "Set the customer's anti-phishing phrase", "tags": ["Safety"],
                "description": "4-64 characters on one line; refused when it holds a secret. Shown in every genuine outbound message.",
                "parameters": [AL], "requestBody": JSON_BODY("AntiPhishingPhraseInput"),
                "responses": {**ok("Masked.", "AntiPhishingPhrase"), "400": R("BadRequest"), "401": R("Unauthorized"),
                              "403": R("Forbidden"), "404": R("NotFound"), "413": R("TooLarge"), "415": R("UnsupportedMediaType")}},
        "delete": {"operationId": "removeAntiPhishingPhrase", "summary": "Remove the customer's anti-phishing phrase", "tags": ["Safety"],
                   "parameters": [AL], "responses": {"204": {"description": "Removed."}, "401": R("Unauthorized"),
                                                     "403": R("Forbidden"), "404": R("NotFound")}}},
})
schemas = {
    "Message": {"required": ["verification"], "properties": {"verification": {"type": ["string", "null"],
        "description": "Public agent messages: the code customers check at /verify (GET /api/v1/verify/message)."}}},
    "CodeCheck": {"type": "object", "additionalProperties": False,
        "required": ["genuine", "agentName", "at", "title", "advice", "remainingAttempts"],
        "properties": {"genuine": {"type": "boolean"}, "agentName": {"type": ["string", "null"]},
                       "at": {"type": ["string", "null"], "format": "date-time"}, "title": {"type": "string"},
                       "advice": {"type": "string"}, "remainingAttempts": {"type": ["integer", "null"]}}},
    "CallCheckInput": {"type": "object", "additionalProperties": False, "required": ["ticket", "code"],
        "properties": {"ticket": {"type": "string"}, "code": {"type": "string"}}},
    "CallCodes": {"type": "object", "additionalProperties": False, "required": ["ticketId", "agentCode", "customerCode", "expiresAt"],
        "properties": {"ticketId": {"type": "string"}, "agentCode": {"type": "string", "pattern": "^[0-9]{6}$"},
                       "customerCode": {"type": "string", "pattern": "^[0-9]{6}$"}, "expiresAt": {"type": "string", "format": "date-time"}}},
    "AntiPhishingPhrase": {"type": "object", "additionalProperties": False, "required": ["customerId", "set", "masked"],
        "properties": {"customerId": {"type": "string", "format": "uuid"}, "set": {"type": "boolean"}, "masked": {"type": ["string", "null"]}}},
    "AntiPhishingPhraseInput": {"type": "object", "additionalProperties": False, "required": ["phrase"],
        "properties": {"phrase": {"type": "string", "minLength": 4, "maxLength": 64}}},
    "ChannelKind": {"type": "string", "enum": kinds},
    "ChannelUse": {"type": "string", "enum": ["official", "never_used"]},
    "OfficialChannel": {"type": "object", "additionalProperties": False,
        "required": ["id", "kind", "value", "use", "label", "hours", "createdAt", "updatedAt", "version"],
        "properties": {"id": {"type": "string", "format": "uuid"}, "kind": S("ChannelKind"),
                       "value": {"type": "string", "description": "Normal form; empty for a never-used entry covering a whole platform."},
                       "use": S("ChannelUse"), "label": {"type": "string"}, "hours": {"type": ["string", "null"]},
                       "createdAt": {"type": "string", "format": "date-time"}, "updatedAt": {"type": "string", "format": "date-time"},
                       "version": {"type": "integer"}}},
    "ChannelPage": {"type": "object", "additionalProperties": False, "required": ["items", "nextCursor"],
        "properties": {"items": {"type": "array", "items": S("OfficialChannel")}, "nextCursor": {"type": ["string", "null"]}}},
    "ChannelInput": {"type": "object", "additionalProperties": False,
        "description": "kind and label are required when adding; value too unless use is never_used.",
        "properties": {"kind": S("ChannelKind"), "value": {"type": "string", "maxLength": 2048}, "use": S("ChannelUse"),
                       "label": {"type": "string", "maxLength": 120}, "hours": {"type": ["string", "null"], "maxLength": 120},
                       "version": {"type": "integer"}}},
    "Verdict": {"type": "object", "additionalProperties": False,
        "required": ["outcome", "kind", "value", "title", "warning", "advice", "match", "imitates", "neverUsed"],
        "properties": {
            "outcome": {"type": "string", "enum": ["verified", "look_alike", "never_used", "unknown", "secret"]},
            "kind": {"oneOf": [S("ChannelKind"), {"type": "null"}]},
            "value": {"type": ["string", "null"], "description": "The value in normal form; null when it held a secret or could not be read."},
            "title": {"type": "string"}, "warning": {"type": ["string", "null"]}, "advice": {"type": "string"},
            "match": {"oneOf": [S("OfficialChannel"), {"type": "null"}]},
            "imitates": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                "required": ["reason", "explanation", "channel"],
                "properties": {"reason": {"type": "string", "enum": reasons}, "explanation": {"type": "string"},
                               "channel": S("OfficialChannel")}}},
            "neverUsed": {"oneOf": [S("OfficialChannel"), {"type": "null"}]}}},
}
fragment = {"paths": paths, "components": {"schemas": schemas},
            "tags": [{"name": "Safety", "description": "Official-channel registry and the public verify check."}]}
text = json.dumps(fragment, indent=2, ensure_ascii=False)
swift = ('/// OpenAPI paths and schemas of the crypto-safety area (official channels, verify). Generated by\n'
         '/// scripts/openapi_safety_fragment.py so the JSON stays valid; edit the script, not this string.\n'
         'extension OpenAPIDocument {\n    static let safety = #"""\n' + text + '\n"""#\n}\n')
pathlib.Path(__file__).resolve().parents[1].joinpath("Sources/DeskServer/API/OpenAPIDocument+Safety.swift").write_text(swift)
