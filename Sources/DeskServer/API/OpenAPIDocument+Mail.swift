extension OpenAPIDocument {
    /// Mail: the outbox of outgoing email as admins see it.
    static let mail = #"""
    {
      "tags": [
        {
          "name": "Mail",
          "description": "Outgoing email: lock notices, new-device alerts and customers' sign-in codes, delivered over SMTP from the outbox."
        }
      ],
      "paths": {
        "/api/v1/outbox": {
          "get": {
            "operationId": "listOutbox",
            "summary": "Outgoing mail: queued, sending, sent and failed",
            "tags": ["Mail"],
            "description": "Newest first. Recipients are masked and subjects and bodies are never shown (a customer's one-time code is in them). Needs `outbox.read` (admins).",
            "parameters": [
              {
                "name": "state",
                "in": "query",
                "required": false,
                "schema": {"type": "string", "enum": ["queued", "sending", "sent", "failed"]},
                "description": "Only rows in this state."
              },
              {"$ref": "#/components/parameters/Cursor"},
              {
                "name": "limit",
                "in": "query",
                "required": false,
                "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
                "description": "Page size."
              },
              {"$ref": "#/components/parameters/AcceptLanguage"}
            ],
            "responses": {
              "200": {
                "description": "A page of outbox rows.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": ["items", "nextCursor"],
                      "properties": {
                        "items": {"type": "array", "items": {"$ref": "#/components/schemas/OutboxMessage"}},
                        "nextCursor": {"type": ["string", "null"]}
                      }
                    }
                  }
                }
              },
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"}
            }
          }
        }
      },
      "components": {
        "schemas": {
          "OutboxMessage": {
            "type": "object",
            "required": ["id", "createdAt", "channel", "recipient", "language", "kind", "state", "attempts", "nextAttemptAt", "lastError", "sentAt", "failedAt"],
            "properties": {
              "id": {"type": "string"},
              "createdAt": {"type": "string", "format": "date-time"},
              "channel": {"type": "string", "enum": ["email"]},
              "recipient": {"type": "string", "description": "Masked: `a***@example.com`."},
              "language": {"type": "string", "enum": ["zh-CN", "zh-TW", "en"]},
              "kind": {"type": "string", "description": "`account-locked`, `new-device`, `customer-sign-in-code`…"},
              "state": {"type": "string", "enum": ["queued", "sending", "sent", "failed"]},
              "attempts": {"type": "integer", "minimum": 0},
              "nextAttemptAt": {"type": ["string", "null"], "format": "date-time", "description": "When a queued row that failed before is tried again."},
              "lastError": {"type": ["string", "null"], "description": "Why the last attempt failed, with addresses masked and digit runs removed."},
              "sentAt": {"type": ["string", "null"], "format": "date-time", "description": "When the mail server accepted the message."},
              "failedAt": {"type": ["string", "null"], "format": "date-time", "description": "When it was given up on (a permanent refusal or too many attempts)."}
            }
          }
        }
      }
    }
    """#
}
