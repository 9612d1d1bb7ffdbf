import Foundation

/// The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json` and checked against real responses by
/// `Tests/EndToEnd/test_api_flow.py` and `Tests/EndToEnd/test_openapi_fuzz.py`.
///
/// The core document is ``base``; each feature area adds its paths, schemas and tags as a fragment in its own file
/// (`OpenAPIDocument+<Area>.swift`) listed in ``fragments``. Fragments are merged into the base once, at first use:
/// objects key by key, arrays appended.
enum OpenAPIDocument {
    /// Feature fragments, each a JSON object shaped like a partial OpenAPI document.
    static let fragments: [String] = [safety, helpCenter, accounts, mail]

    /// The whole document as served.
    static let json: String = {
        func merge(_ base: Any, _ extra: Any) -> Any {
            if var object = base as? [String: Any], let more = extra as? [String: Any] {
                for (key, value) in more { object[key] = object[key].map { merge($0, value) } ?? value }
                return object
            }
            if let list = base as? [Any], let more = extra as? [Any] { return list + more }
            return extra
        }
        var document = try! JSONSerialization.jsonObject(with: Data(base.utf8))
        for fragment in fragments {
            document = merge(document, try! JSONSerialization.jsonObject(with: Data(fragment.utf8)))
        }
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }()

    static let base = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "WalletDesk API",
        "version": "1.0.0",
        "description": "Customer support for crypto wallets. Every `/api/v1` route except setup and this document needs `Authorization: Bearer <token>`. Bodies are JSON (at most 1 MiB unless stated); unknown keys are refused. Errors are RFC 9457 problem details in the language of `Accept-Language`. Times are ISO 8601 UTC with milliseconds."
      },
      "servers": [
        {
          "url": "/"
        }
      ],
      "security": [
        {
          "bearer": []
        }
      ],
      "tags": [
        {
          "name": "Tickets"
        },
        {
          "name": "Attachments"
        },
        {
          "name": "Customers"
        },
        {
          "name": "Agents"
        },
        {
          "name": "Teams"
        },
        {
          "name": "Setup"
        },
        {
          "name": "Operations"
        }
      ],
      "paths": {
        "/healthz": {
          "get": {
            "operationId": "health",
            "summary": "The process answers",
            "tags": [
              "Operations"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "Alive.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "status"
                      ],
                      "properties": {
                        "status": {
                          "type": "string",
                          "const": "ok"
                        }
                      },
                      "additionalProperties": false
                    }
                  }
                }
              }
            },
            "security": []
          }
        },
        "/readyz": {
          "get": {
            "operationId": "readiness",
            "summary": "The process and its database answer",
            "tags": [
              "Operations"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "Ready.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "status",
                        "database"
                      ],
                      "properties": {
                        "status": {
                          "type": "string",
                          "enum": [
                            "ready",
                            "unavailable"
                          ]
                        },
                        "database": {
                          "type": "string",
                          "enum": [
                            "sqlite",
                            "postgres"
                          ]
                        }
                      },
                      "additionalProperties": false
                    }
                  }
                }
              },
              "503": {
                "description": "The database does not answer.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "status",
                        "database"
                      ],
                      "properties": {
                        "status": {
                          "type": "string",
                          "enum": [
                            "ready",
                            "unavailable"
                          ]
                        },
                        "database": {
                          "type": "string",
                          "enum": [
                            "sqlite",
                            "postgres"
                          ]
                        }
                      },
                      "additionalProperties": false
                    }
                  }
                }
              }
            },
            "security": []
          }
        },
        "/metrics": {
          "get": {
            "operationId": "metrics",
            "summary": "Prometheus metrics",
            "tags": [
              "Operations"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "Prometheus text exposition format 0.0.4.",
                "content": {
                  "text/plain": {
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              }
            },
            "security": []
          }
        },
        "/api/v1/openapi.json": {
          "get": {
            "operationId": "openapi",
            "summary": "This document",
            "tags": [
              "Operations"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The OpenAPI 3.1 document.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object"
                    }
                  }
                }
              }
            },
            "security": []
          }
        },
        "/api/v1/setup": {
          "post": {
            "operationId": "completeSetup",
            "summary": "Create the first admin",
            "tags": [
              "Setup"
            ],
            "description": "Works once, with the one-time code the server prints on its first start (and after every restart until it is used). Needs no token. The body may be at most 16 KiB.",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/SetupInput"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The first admin and their API token.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SetupResult"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden",
                "description": "The code is wrong (`invalid-setup-code`)."
              },
              "409": {
                "$ref": "#/components/responses/Conflict",
                "description": "An admin already exists (`setup-done`)."
              }
            },
            "security": []
          }
        },
        "/api/v1/me": {
          "get": {
            "operationId": "me",
            "summary": "The agent the token belongs to",
            "tags": [
              "Agents"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The agent.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Agent"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        },
        "/api/v1/tickets": {
          "get": {
            "operationId": "listTickets",
            "summary": "List tickets, newest first",
            "tags": [
              "Tickets"
            ],
            "description": "Filters combine with AND. An empty parameter counts as absent; an invalid one answers 400 naming it.",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "status",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "pattern": "^(new|open|pending|on_hold|solved|closed)(,(new|open|pending|on_hold|solved|closed))*$"
                },
                "description": "Comma-separated statuses, e.g. `new,open`."
              },
              {
                "name": "priority",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "pattern": "^(low|normal|high|urgent)(,(low|normal|high|urgent))*$"
                },
                "description": "Comma-separated priorities, e.g. `high,urgent`."
              },
              {
                "name": "category",
                "in": "query",
                "required": false,
                "schema": {
                  "$ref": "#/components/schemas/TicketCategory"
                },
                "description": "Only this category."
              },
              {
                "name": "channel",
                "in": "query",
                "required": false,
                "schema": {
                  "$ref": "#/components/schemas/Channel"
                },
                "description": "Only this channel."
              },
              {
                "name": "requesterId",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "Only this customer's tickets."
              },
              {
                "name": "assigneeId",
                "in": "query",
                "required": false,
                "schema": {
                  "anyOf": [
                    {
                      "type": "string",
                      "format": "uuid"
                    },
                    {
                      "type": "string",
                      "const": "none"
                    }
                  ]
                },
                "description": "Only this agent's tickets; `none` for unassigned ones."
              },
              {
                "name": "teamId",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "Only this team's tickets."
              },
              {
                "name": "tag",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "Only tickets with this tag (case-insensitive)."
              },
              {
                "name": "txId",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "Only tickets about this transaction id."
              },
              {
                "name": "limit",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 200,
                  "default": 50
                },
                "description": "Page size."
              },
              {
                "$ref": "#/components/parameters/Cursor"
              }
            ],
            "responses": {
              "200": {
                "description": "A page of tickets.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/TicketPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "post": {
            "operationId": "createTicket",
            "summary": "Open a ticket with its first message",
            "tags": [
              "Tickets"
            ],
            "description": "The requester is found by id or contact details, or created. A first message by the agent that is public marks the ticket `open` and answered; otherwise it starts `new`. Unknown `assigneeId`, `teamId`, `requester.id` or `attachmentIds` answer 400 naming the field.",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/CreateTicketInput"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The ticket and its first message.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/TicketWithMessage"
                    }
                  }
                },
                "headers": {
                  "Location": {
                    "$ref": "#/components/headers/Location"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                },
                "links": {
                  "GetTicket": {
                    "operationId": "getTicket",
                    "parameters": {
                      "ticket": "$response.body#/ticket/id"
                    }
                  },
                  "UpdateTicket": {
                    "operationId": "updateTicket",
                    "parameters": {
                      "ticket": "$response.body#/ticket/id"
                    }
                  },
                  "ListMessages": {
                    "operationId": "listMessages",
                    "parameters": {
                      "ticket": "$response.body#/ticket/id"
                    }
                  },
                  "AddMessage": {
                    "operationId": "addMessage",
                    "parameters": {
                      "ticket": "$response.body#/ticket/id"
                    }
                  },
                  "TicketHistory": {
                    "operationId": "ticketHistory",
                    "parameters": {
                      "ticket": "$response.body#/ticket/id"
                    }
                  },
                  "MergeTicket": {
                    "operationId": "mergeTicket",
                    "parameters": {
                      "ticket": "$response.body#/ticket/id"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "409": {
                "$ref": "#/components/responses/Conflict"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        },
        "/api/v1/tickets/{ticket}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/Ticket"
            }
          ],
          "get": {
            "operationId": "getTicket",
            "summary": "Read a ticket",
            "tags": [
              "Tickets"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The ticket.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Ticket"
                    }
                  }
                },
                "headers": {
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "patch": {
            "operationId": "updateTicket",
            "summary": "Change a ticket",
            "tags": [
              "Tickets"
            ],
            "description": "Every change is recorded in the ticket's history. A merged ticket cannot change (409 `ticket-merged`); an unknown assignee or team answers 400.",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "$ref": "#/components/parameters/IfMatch"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/UpdateTicketInput"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The ticket after the change.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Ticket"
                    }
                  }
                },
                "headers": {
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "409": {
                "$ref": "#/components/responses/Conflict"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        },
        "/api/v1/tickets/{ticket}/merge": {
          "parameters": [
            {
              "$ref": "#/components/parameters/Ticket"
            }
          ],
          "post": {
            "operationId": "mergeTicket",
            "summary": "Merge this ticket into another",
            "tags": [
              "Tickets"
            ],
            "description": "Moves every message and attachment to the target (messages keep `mergedFrom`), closes the source with `mergedInto`, unites the tags, keeps the higher priority and writes a public system message on both tickets in each requester's language. Merging into itself, or a closed or already merged ticket, answers 409 `invalid-merge`.",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/MergeInput"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Both tickets after the merge.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/MergeResult"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "409": {
                "$ref": "#/components/responses/Conflict"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        },
        "/api/v1/tickets/{ticket}/messages": {
          "parameters": [
            {
              "$ref": "#/components/parameters/Ticket"
            }
          ],
          "get": {
            "operationId": "listMessages",
            "summary": "The ticket's messages, oldest first",
            "tags": [
              "Tickets"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "Every message, internal notes included.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/MessagePage"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "post": {
            "operationId": "addMessage",
            "summary": "Reply, add an internal note or relay a customer's reply",
            "tags": [
              "Tickets"
            ],
            "description": "An agent's first public reply stamps `firstResponseAt` and moves a `new` ticket to `open`. A customer reply moves a pending or on-hold ticket to `open` and reopens a solved one within the reopen window (`reopenCount` + 1); on a closed ticket, or a solved one after the window, it opens a follow-up ticket (same subject, requester, category, priority, team, tags and crypto fields, tagged `follow-up`, `followUpOf` naming the old one) whose number the response's `ticket` carries. An agent reply to a closed ticket answers 409 `ticket-closed`.",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/MessageInput"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The message and the ticket after it.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/MessageWithTicket"
                    }
                  }
                },
                "headers": {
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "409": {
                "$ref": "#/components/responses/Conflict"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        },
        "/api/v1/tickets/{ticket}/events": {
          "parameters": [
            {
              "$ref": "#/components/parameters/Ticket"
            }
          ],
          "get": {
            "operationId": "ticketHistory",
            "summary": "The ticket's history, oldest first",
            "tags": [
              "Tickets"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "$ref": "#/components/parameters/Cursor"
              },
              {
                "name": "limit",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 1000,
                  "default": 200
                },
                "description": "Page size."
              }
            ],
            "responses": {
              "200": {
                "description": "A page of events.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/EventPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        },
        "/api/v1/attachments": {
          "post": {
            "operationId": "uploadAttachment",
            "summary": "Upload a file",
            "tags": [
              "Attachments"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "filename",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "The file's name; paths and control characters are removed. Default `attachment`."
              }
            ],
            "requestBody": {
              "required": true,
              "description": "The file's bytes, up to the attachment limit (25 MiB by default). Its type is sniffed from the bytes; the request's Content-Type and the file name's extension are ignored.",
              "content": {
                "application/octet-stream": {
                  "schema": {
                    "contentMediaType": "application/octet-stream"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The stored attachment; name its id in a message's `attachmentIds`.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Attachment"
                    }
                  }
                },
                "headers": {
                  "Location": {
                    "$ref": "#/components/headers/Location"
                  }
                },
                "links": {
                  "DownloadAttachment": {
                    "operationId": "downloadAttachment",
                    "parameters": {
                      "attachment": "$response.body#/id"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        },
        "/api/v1/attachments/{attachment}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/Attachment"
            }
          ],
          "get": {
            "operationId": "downloadAttachment",
            "summary": "Download a file",
            "tags": [
              "Attachments"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The bytes, with the sniffed type. Images and PDF are `inline`, everything else an `attachment` download; always `nosniff` and a sandboxing CSP.",
                "headers": {
                  "Content-Disposition": {
                    "required": true,
                    "schema": {
                      "type": "string",
                      "pattern": "^(inline|attachment); filename\\*=UTF-8''"
                    }
                  },
                  "X-Content-Type-Options": {
                    "required": true,
                    "schema": {
                      "type": "string",
                      "const": "nosniff"
                    }
                  },
                  "Content-Security-Policy": {
                    "required": true,
                    "schema": {
                      "type": "string"
                    }
                  }
                },
                "content": {
                  "*/*": {}
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        },
        "/api/v1/customers": {
          "get": {
            "operationId": "listCustomers",
            "summary": "List customers, newest first",
            "tags": [
              "Customers"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "email",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "format": "email"
                },
                "description": "Only the customer with this email."
              },
              {
                "name": "phone",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "Only the customer with this phone number (any common notation)."
              },
              {
                "name": "walletAccountId",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "Only the customer with this wallet account id."
              },
              {
                "$ref": "#/components/parameters/Cursor"
              },
              {
                "name": "limit",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 200,
                  "default": 50
                },
                "description": "Page size."
              }
            ],
            "responses": {
              "200": {
                "description": "A page of customers.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/CustomerPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "post": {
            "operationId": "createCustomer",
            "summary": "Add a customer",
            "tags": [
              "Customers"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/CustomerInput"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The customer.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Customer"
                    }
                  }
                },
                "headers": {
                  "Location": {
                    "$ref": "#/components/headers/Location"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                },
                "links": {
                  "GetCustomer": {
                    "operationId": "getCustomer",
                    "parameters": {
                      "customer": "$response.body#/id"
                    }
                  },
                  "UpdateCustomer": {
                    "operationId": "updateCustomer",
                    "parameters": {
                      "customer": "$response.body#/id"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "409": {
                "$ref": "#/components/responses/Conflict"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        },
        "/api/v1/customers/{customer}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/Customer"
            }
          ],
          "get": {
            "operationId": "getCustomer",
            "summary": "Read a customer",
            "tags": [
              "Customers"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The customer.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Customer"
                    }
                  }
                },
                "headers": {
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "patch": {
            "operationId": "updateCustomer",
            "summary": "Change a customer",
            "tags": [
              "Customers"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "$ref": "#/components/parameters/IfMatch"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/CustomerInput"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The customer after the change.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Customer"
                    }
                  }
                },
                "headers": {
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "409": {
                "$ref": "#/components/responses/Conflict"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        },
        "/api/v1/agents": {
          "get": {
            "operationId": "listAgents",
            "summary": "List every agent",
            "tags": [
              "Agents"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "Every agent.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/AgentPage"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "post": {
            "operationId": "createAgent",
            "summary": "Add an agent",
            "tags": [
              "Agents"
            ],
            "description": "Needs the permission named in docs/PERMISSIONS.md (403 otherwise).",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/AgentInput"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The agent.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Agent"
                    }
                  }
                },
                "headers": {
                  "Location": {
                    "$ref": "#/components/headers/Location"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                },
                "links": {
                  "GetAgent": {
                    "operationId": "getAgent",
                    "parameters": {
                      "agent": "$response.body#/id"
                    }
                  },
                  "UpdateAgent": {
                    "operationId": "updateAgent",
                    "parameters": {
                      "agent": "$response.body#/id"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "409": {
                "$ref": "#/components/responses/Conflict"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            }
          }
        },
        "/api/v1/agents/{agent}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/Agent"
            }
          ],
          "get": {
            "operationId": "getAgent",
            "summary": "Read an agent",
            "tags": [
              "Agents"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The agent.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Agent"
                    }
                  }
                },
                "headers": {
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "patch": {
            "operationId": "updateAgent",
            "summary": "Change an agent",
            "tags": [
              "Agents"
            ],
            "description": "Needs the permission named in docs/PERMISSIONS.md (403 otherwise).",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "$ref": "#/components/parameters/IfMatch"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/AgentInput"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The agent after the change.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Agent"
                    }
                  }
                },
                "headers": {
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "409": {
                "$ref": "#/components/responses/Conflict"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            }
          }
        },
        "/api/v1/teams": {
          "get": {
            "operationId": "listTeams",
            "summary": "List every team",
            "tags": [
              "Teams"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "Every team.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/TeamPage"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "post": {
            "operationId": "createTeam",
            "summary": "Add a team",
            "tags": [
              "Teams"
            ],
            "description": "Needs the permission named in docs/PERMISSIONS.md (403 otherwise).",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/TeamInput"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The team.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Team"
                    }
                  }
                },
                "headers": {
                  "Location": {
                    "$ref": "#/components/headers/Location"
                  },
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                },
                "links": {
                  "GetTeam": {
                    "operationId": "getTeam",
                    "parameters": {
                      "team": "$response.body#/id"
                    }
                  },
                  "UpdateTeam": {
                    "operationId": "updateTeam",
                    "parameters": {
                      "team": "$response.body#/id"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "409": {
                "$ref": "#/components/responses/Conflict"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            }
          }
        },
        "/api/v1/teams/{team}": {
          "parameters": [
            {
              "$ref": "#/components/parameters/Team"
            }
          ],
          "get": {
            "operationId": "getTeam",
            "summary": "Read a team",
            "tags": [
              "Teams"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The team.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Team"
                    }
                  }
                },
                "headers": {
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          },
          "patch": {
            "operationId": "updateTeam",
            "summary": "Change a team",
            "tags": [
              "Teams"
            ],
            "description": "Needs the permission named in docs/PERMISSIONS.md (403 otherwise).",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "$ref": "#/components/parameters/IfMatch"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/TeamInput"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The team after the change.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Team"
                    }
                  }
                },
                "headers": {
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "409": {
                "$ref": "#/components/responses/Conflict"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            }
          }
        },
        "/api/v1/tokens": {
          "post": {
            "operationId": "issueToken",
            "summary": "Issue an API token",
            "tags": [
              "Tokens"
            ],
            "description": "The secret is in the response once; only its hash is stored. A token never carries more scopes than the token used to create it.",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/TokenInput"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "The new token and its record.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/IssuedToken"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            }
          },
          "get": {
            "operationId": "listTokens",
            "summary": "List API tokens (never their secrets)",
            "tags": [
              "Tokens"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "all",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "true",
                    "false"
                  ]
                },
                "description": "Everyone's tokens (needs tokens.all)."
              }
            ],
            "responses": {
              "200": {
                "description": "The caller's tokens, or everyone's.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/TokenPage"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        },
        "/api/v1/tokens/{token}": {
          "parameters": [
            {
              "name": "token",
              "in": "path",
              "required": true,
              "schema": {
                "type": "string"
              }
            }
          ],
          "delete": {
            "operationId": "revokeToken",
            "summary": "Revoke an API token",
            "tags": [
              "Tokens"
            ],
            "description": "Revoking someone else's token needs tokens.all; without it their tokens answer 404.",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The revoked token.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Token"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              }
            }
          }
        },
        "/api/v1/audit": {
          "get": {
            "operationId": "listAudit",
            "summary": "Read the tamper-evident audit log",
            "tags": [
              "Audit"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "action",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "maxLength": 64
                }
              },
              {
                "name": "cursor",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "limit",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 500
                }
              }
            ],
            "responses": {
              "200": {
                "description": "Entries oldest first.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/AuditPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              }
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token (`wd_…`)."
          }
        },
        "schemas": {
          "Problem": {
            "type": "object",
            "description": "RFC 9457 problem details. `title` and `detail` are in the language negotiated from `Accept-Language` (also sent as `Content-Language`).",
            "required": [
              "type",
              "title",
              "status",
              "detail",
              "code"
            ],
            "properties": {
              "type": {
                "type": "string",
                "description": "`/problems/<code>`.",
                "pattern": "^/problems/[a-z-]+$"
              },
              "title": {
                "type": "string"
              },
              "status": {
                "type": "integer",
                "minimum": 400,
                "maximum": 599
              },
              "detail": {
                "type": "string"
              },
              "code": {
                "type": "string",
                "enum": [
                  "not-found",
                  "invalid-field",
                  "malformed-json",
                  "body-too-large",
                  "unsupported-media-type",
                  "version-conflict",
                  "invalid-transition",
                  "ticket-closed",
                  "ticket-merged",
                  "invalid-merge",
                  "duplicate",
                  "unauthorized",
                  "forbidden",
                  "setup-done",
                  "invalid-setup-code",
                  "unavailable",
                  "internal",
                  "method-not-allowed"
                ],
                "description": "Stable machine-readable error code."
              },
              "field": {
                "type": "string",
                "description": "The request field at fault (`subject`, `requester.email`, `If-Match`, a query parameter…), when one is."
              },
              "instance": {
                "type": "string",
                "description": "The request path."
              }
            },
            "additionalProperties": false
          },
          "TicketStatus": {
            "type": "string",
            "enum": [
              "new",
              "open",
              "pending",
              "on_hold",
              "solved",
              "closed"
            ]
          },
          "TicketPriority": {
            "type": "string",
            "enum": [
              "low",
              "normal",
              "high",
              "urgent"
            ]
          },
          "TicketCategory": {
            "type": "string",
            "enum": [
              "account_locked",
              "withdrawal_failed",
              "deposit_missing",
              "transaction_pending",
              "stolen_funds",
              "account_freeze",
              "scam_report",
              "two_factor",
              "identity_verification",
              "fees",
              "app_problem",
              "complaint",
              "general"
            ]
          },
          "Channel": {
            "type": "string",
            "enum": [
              "api",
              "web",
              "email",
              "chat",
              "phone",
              "forum",
              "telegram",
              "wechat",
              "weibo",
              "x"
            ]
          },
          "AgentRole": {
            "type": "string",
            "enum": [
              "agent",
              "specialist",
              "security",
              "supervisor",
              "admin"
            ]
          },
          "AgentTier": {
            "type": "string",
            "enum": [
              "L1",
              "L2",
              "security"
            ]
          },
          "Language": {
            "type": "string",
            "enum": [
              "zh-CN",
              "zh-TW",
              "en"
            ]
          },
          "MessageVisibility": {
            "type": "string",
            "enum": [
              "public",
              "internal"
            ]
          },
          "AuthorKind": {
            "type": "string",
            "enum": [
              "customer",
              "agent",
              "system"
            ]
          },
          "TicketEventKind": {
            "type": "string",
            "enum": [
              "ticket.created",
              "ticket.updated",
              "ticket.status_changed",
              "ticket.assigned",
              "message.added",
              "ticket.reopened",
              "ticket.merged_into",
              "ticket.merged_from"
            ]
          },
          "Crypto": {
            "type": "object",
            "description": "What the ticket is about on chain and on the customer's device. `chain` is lower-cased, `asset` upper-cased, `amount` a plain decimal. Empty `chain`, `txId` and `walletAddress` are filled from the customer's words when a ticket is opened and when the customer replies (valid identifiers only; a field someone set is never replaced). `links` are block-explorer pages (templates per chain in the configuration file's `explorers`).",
            "required": [
              "chain",
              "asset",
              "amount",
              "txId",
              "walletAddress",
              "appVersion",
              "device",
              "os",
              "links"
            ],
            "properties": {
              "chain": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "asset": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "amount": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "txId": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "walletAddress": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "appVersion": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "device": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "os": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "links": {
                "type": "object",
                "description": "Explorer pages of `txId` and `walletAddress`, null unless the value is one valid identifier whose chain is known (from its format, or for a bare 64-hex id from `chain`).",
                "required": [
                  "tx",
                  "address"
                ],
                "properties": {
                  "tx": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "uri"
                  },
                  "address": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "uri"
                  }
                },
                "additionalProperties": false
              }
            },
            "additionalProperties": false
          },
          "Ticket": {
            "type": "object",
            "required": [
              "id",
              "number",
              "subject",
              "status",
              "priority",
              "category",
              "channel",
              "requesterId",
              "assigneeId",
              "teamId",
              "tags",
              "crypto",
              "reopenCount",
              "mergedInto",
              "followUpOf",
              "createdAt",
              "updatedAt",
              "firstResponseAt",
              "solvedAt",
              "closedAt",
              "version"
            ],
            "properties": {
              "id": {
                "type": "string",
                "pattern": "^WD-[1-9][0-9]*$",
                "description": "The ticket's number as people write it: `WD-10042`."
              },
              "number": {
                "type": "integer",
                "format": "int64",
                "minimum": 1
              },
              "subject": {
                "type": "string"
              },
              "status": {
                "$ref": "#/components/schemas/TicketStatus"
              },
              "priority": {
                "$ref": "#/components/schemas/TicketPriority"
              },
              "category": {
                "$ref": "#/components/schemas/TicketCategory"
              },
              "channel": {
                "$ref": "#/components/schemas/Channel"
              },
              "requesterId": {
                "type": "string",
                "format": "uuid"
              },
              "assigneeId": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "teamId": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "tags": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "description": "Lower-case, unique, sorted."
              },
              "crypto": {
                "$ref": "#/components/schemas/Crypto"
              },
              "reopenCount": {
                "type": "integer",
                "minimum": 0
              },
              "mergedInto": {
                "type": [
                  "string",
                  "null"
                ],
                "pattern": "^WD-[1-9][0-9]*$"
              },
              "followUpOf": {
                "type": [
                  "string",
                  "null"
                ],
                "pattern": "^WD-[1-9][0-9]*$",
                "description": "The closed ticket this one continues (the customer wrote to it again after it was closed)."
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              },
              "updatedAt": {
                "type": "string",
                "format": "date-time"
              },
              "firstResponseAt": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time"
              },
              "solvedAt": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time"
              },
              "closedAt": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time"
              },
              "version": {
                "type": "integer",
                "minimum": 1,
                "description": "Also sent as the `ETag`; send it back in `If-Match`."
              }
            },
            "additionalProperties": false
          },
          "Attachment": {
            "type": "object",
            "required": [
              "id",
              "filename",
              "contentType",
              "size",
              "sha256",
              "url",
              "createdAt"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "filename": {
                "type": "string"
              },
              "contentType": {
                "type": "string",
                "description": "Sniffed from the bytes, never taken from the client."
              },
              "size": {
                "type": "integer",
                "minimum": 1
              },
              "sha256": {
                "type": "string",
                "pattern": "^[0-9a-f]{64}$"
              },
              "url": {
                "type": "string",
                "description": "`/api/v1/attachments/{id}`."
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              }
            },
            "additionalProperties": false
          },
          "Message": {
            "type": "object",
            "required": [
              "id",
              "ticketId",
              "visibility",
              "authorKind",
              "authorId",
              "text",
              "html",
              "attachments",
              "mergedFrom",
              "createdAt"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "ticketId": {
                "type": "string",
                "pattern": "^WD-[1-9][0-9]*$",
                "description": "The ticket's number as people write it: `WD-10042`."
              },
              "visibility": {
                "$ref": "#/components/schemas/MessageVisibility"
              },
              "authorKind": {
                "$ref": "#/components/schemas/AuthorKind"
              },
              "authorId": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid",
                "description": "The customer's or agent's id; null for system messages."
              },
              "text": {
                "type": "string"
              },
              "html": {
                "type": "string",
                "description": "Sanitised HTML, safe to show as is."
              },
              "attachments": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Attachment"
                }
              },
              "mergedFrom": {
                "type": [
                  "string",
                  "null"
                ],
                "pattern": "^WD-[1-9][0-9]*$",
                "description": "The ticket this message came from by a merge."
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              }
            },
            "additionalProperties": false
          },
          "FieldChange": {
            "type": "object",
            "required": [
              "field",
              "before",
              "after"
            ],
            "properties": {
              "field": {
                "type": "string"
              },
              "before": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "after": {
                "type": [
                  "string",
                  "null"
                ]
              }
            },
            "additionalProperties": false
          },
          "Actor": {
            "type": "object",
            "required": [
              "kind",
              "id"
            ],
            "properties": {
              "kind": {
                "$ref": "#/components/schemas/AuthorKind"
              },
              "id": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              }
            },
            "additionalProperties": false
          },
          "Event": {
            "type": "object",
            "required": [
              "id",
              "ticketId",
              "kind",
              "actor",
              "changes",
              "messageId",
              "at"
            ],
            "properties": {
              "id": {
                "type": "integer",
                "format": "int64",
                "minimum": 1,
                "description": "Position in the global event feed."
              },
              "ticketId": {
                "type": "string",
                "pattern": "^WD-[1-9][0-9]*$",
                "description": "The ticket's number as people write it: `WD-10042`."
              },
              "kind": {
                "$ref": "#/components/schemas/TicketEventKind"
              },
              "actor": {
                "$ref": "#/components/schemas/Actor"
              },
              "changes": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/FieldChange"
                }
              },
              "messageId": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "at": {
                "type": "string",
                "format": "date-time"
              }
            },
            "additionalProperties": false
          },
          "Customer": {
            "type": "object",
            "required": [
              "id",
              "name",
              "email",
              "phone",
              "telegramId",
              "wechatId",
              "walletAccountId",
              "language",
              "createdAt",
              "updatedAt",
              "version"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "name": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "email": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "email"
              },
              "phone": {
                "type": [
                  "string",
                  "null"
                ],
                "pattern": "^\\+?[0-9]{6,15}$",
                "description": "`+` and digits only."
              },
              "telegramId": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "wechatId": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "walletAccountId": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "language": {
                "$ref": "#/components/schemas/Language"
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              },
              "updatedAt": {
                "type": "string",
                "format": "date-time"
              },
              "version": {
                "type": "integer",
                "minimum": 1
              }
            },
            "additionalProperties": false
          },
          "Agent": {
            "type": "object",
            "required": [
              "id",
              "name",
              "email",
              "role",
              "tier",
              "teamId",
              "active",
              "createdAt",
              "updatedAt",
              "version"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "name": {
                "type": "string"
              },
              "email": {
                "type": "string",
                "format": "email"
              },
              "role": {
                "$ref": "#/components/schemas/AgentRole"
              },
              "tier": {
                "$ref": "#/components/schemas/AgentTier"
              },
              "teamId": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "active": {
                "type": "boolean"
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              },
              "updatedAt": {
                "type": "string",
                "format": "date-time"
              },
              "version": {
                "type": "integer",
                "minimum": 1
              }
            },
            "additionalProperties": false
          },
          "Team": {
            "type": "object",
            "required": [
              "id",
              "name",
              "description",
              "createdAt",
              "updatedAt",
              "version"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "name": {
                "type": "string"
              },
              "description": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              },
              "updatedAt": {
                "type": "string",
                "format": "date-time"
              },
              "version": {
                "type": "integer",
                "minimum": 1
              }
            },
            "additionalProperties": false
          },
          "TicketPage": {
            "type": "object",
            "required": [
              "items",
              "nextCursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Ticket"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Pass back as `cursor` for the next page; null on the last page."
              }
            },
            "additionalProperties": false
          },
          "MessagePage": {
            "type": "object",
            "required": [
              "items",
              "nextCursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Message"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Always null: a ticket's messages come in one page, oldest first."
              }
            },
            "additionalProperties": false
          },
          "EventPage": {
            "type": "object",
            "required": [
              "items",
              "nextCursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Event"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Pass back as `cursor` for the events after this page; null when the page was not full."
              }
            },
            "additionalProperties": false
          },
          "CustomerPage": {
            "type": "object",
            "required": [
              "items",
              "nextCursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Customer"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Pass back as `cursor` for the next page; null on the last page."
              }
            },
            "additionalProperties": false
          },
          "AgentPage": {
            "type": "object",
            "required": [
              "items",
              "nextCursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Agent"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Always null: every agent comes in one page."
              }
            },
            "additionalProperties": false
          },
          "TeamPage": {
            "type": "object",
            "required": [
              "items",
              "nextCursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Team"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "Always null: every team comes in one page."
              }
            },
            "additionalProperties": false
          },
          "TicketWithMessage": {
            "type": "object",
            "required": [
              "ticket",
              "message"
            ],
            "properties": {
              "ticket": {
                "$ref": "#/components/schemas/Ticket"
              },
              "message": {
                "$ref": "#/components/schemas/Message"
              }
            },
            "additionalProperties": false
          },
          "MessageWithTicket": {
            "type": "object",
            "required": [
              "message",
              "ticket"
            ],
            "properties": {
              "message": {
                "$ref": "#/components/schemas/Message"
              },
              "ticket": {
                "$ref": "#/components/schemas/Ticket"
              }
            },
            "additionalProperties": false
          },
          "MergeResult": {
            "type": "object",
            "required": [
              "source",
              "target"
            ],
            "properties": {
              "source": {
                "$ref": "#/components/schemas/Ticket"
              },
              "target": {
                "$ref": "#/components/schemas/Ticket"
              }
            },
            "additionalProperties": false
          },
          "SetupResult": {
            "type": "object",
            "required": [
              "agent",
              "token"
            ],
            "properties": {
              "agent": {
                "$ref": "#/components/schemas/Agent"
              },
              "token": {
                "type": "string",
                "description": "The admin's API token, shown only this once."
              }
            },
            "additionalProperties": false
          },
          "CryptoInput": {
            "type": "object",
            "additionalProperties": false,
            "description": "Each key: absent leaves the value, null or an empty string clears it. Values are trimmed; at most 200 characters.",
            "properties": {
              "chain": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 200
              },
              "asset": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 200
              },
              "amount": {
                "type": [
                  "string",
                  "null"
                ],
                "pattern": "^([0-9]+(\\.[0-9]+)?)?$",
                "description": "A plain decimal such as `12.5`; no sign, no exponent."
              },
              "txId": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 200
              },
              "walletAddress": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 200
              },
              "appVersion": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 200
              },
              "device": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 200
              },
              "os": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 200
              }
            }
          },
          "RequesterInput": {
            "type": "object",
            "additionalProperties": false,
            "description": "Either `id` of a known customer, or contact details (at least one of email, phone, walletAccountId, telegramId, wechatId) to find the customer by or create them with. null is the same as leaving the key out.",
            "properties": {
              "id": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "name": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "email": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "email"
              },
              "phone": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "6–15 digits, optionally with `+`, spaces, dashes, parentheses; full-width digits allowed."
              },
              "telegramId": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "wechatId": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "walletAccountId": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "language": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/Language"
                  },
                  {
                    "type": "null"
                  }
                ]
              }
            }
          },
          "MessageInput": {
            "type": "object",
            "additionalProperties": false,
            "description": "`text` or `html` (sanitised; its text is derived when `text` is missing) must have content. null is the same as leaving the key out.",
            "properties": {
              "text": {
                "type": [
                  "string",
                  "null"
                ],
                "description": "At most 100 000 characters."
              },
              "html": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "visibility": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/MessageVisibility"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "Default `public`; `internal` is a note customers never see."
              },
              "author": {
                "anyOf": [
                  {
                    "type": "string",
                    "enum": [
                      "agent",
                      "customer"
                    ]
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "Default `agent` (the token's agent). `customer` relays the requester's own words; `system` is refused."
              },
              "attachmentIds": {
                "type": [
                  "array",
                  "null"
                ],
                "items": {
                  "type": "string",
                  "format": "uuid"
                },
                "maxItems": 20,
                "description": "Uploaded attachments not yet on a message."
              },
              "status": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/TicketStatus"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "The status to leave the ticket in after this message (reply and set pending)."
              }
            }
          },
          "CreateTicketInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "subject",
              "requester",
              "message"
            ],
            "properties": {
              "subject": {
                "type": "string",
                "minLength": 1,
                "maxLength": 250,
                "pattern": "\\S",
                "description": "Trimmed; must not be blank."
              },
              "category": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/TicketCategory"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "Default `general`."
              },
              "priority": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/TicketPriority"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "Default: the category's priority (stolen funds and freezes are urgent)."
              },
              "channel": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/Channel"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "Default `api`."
              },
              "requester": {
                "$ref": "#/components/schemas/RequesterInput"
              },
              "assigneeId": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "teamId": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "tags": {
                "type": [
                  "array",
                  "null"
                ],
                "items": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 50,
                  "pattern": "^[^\\s,]+$"
                },
                "description": "At most 20 distinct tags; no spaces or commas; stored lower-case."
              },
              "crypto": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/CryptoInput"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "message": {
                "$ref": "#/components/schemas/MessageInput"
              }
            }
          },
          "UpdateTicketInput": {
            "type": "object",
            "additionalProperties": false,
            "description": "Only the keys sent change. `assigneeId` and `teamId` take null to clear; for the other keys null is the same as leaving the key out.",
            "properties": {
              "subject": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 250
              },
              "status": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/TicketStatus"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "Allowed moves: any open status to another open status or to `solved`; `solved` to `open` (counted as a reopen) or `closed`. Nothing returns to `new`; `closed` is final."
              },
              "priority": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/TicketPriority"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "category": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/TicketCategory"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "assigneeId": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "teamId": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "tags": {
                "type": [
                  "array",
                  "null"
                ],
                "items": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 50,
                  "pattern": "^[^\\s,]+$"
                },
                "description": "Replaces the whole list."
              },
              "crypto": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/CryptoInput"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "version": {
                "type": [
                  "integer",
                  "null"
                ],
                "description": "The version the change is based on, when `If-Match` is not sent."
              }
            }
          },
          "MergeInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "into"
            ],
            "properties": {
              "into": {
                "oneOf": [
                  {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 1
                  },
                  {
                    "type": "string"
                  }
                ],
                "description": "The ticket to merge into: `10042`, `\"WD-10042\"` or `\"#10042\"`."
              }
            }
          },
          "CustomerInput": {
            "type": "object",
            "additionalProperties": false,
            "description": "Absent keys stay as they are; null clears. A customer must keep at least one of email, phone, telegramId, wechatId, walletAccountId. Email, phone and walletAccountId are unique (409 `duplicate`).",
            "properties": {
              "name": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 200
              },
              "email": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "email"
              },
              "phone": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "telegramId": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 200
              },
              "wechatId": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 200
              },
              "walletAccountId": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 200
              },
              "language": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/Language"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "Default `zh-CN`; null leaves it."
              },
              "version": {
                "type": [
                  "integer",
                  "null"
                ],
                "description": "For PATCH, when `If-Match` is not sent."
              }
            }
          },
          "AgentInput": {
            "type": "object",
            "additionalProperties": false,
            "description": "For POST, `name` and `email` are required; `role` defaults to `agent` and `tier` to `L1` (`security` for the security role). For PATCH only the keys sent change; `teamId` takes null to clear. An admin cannot demote or deactivate themselves (403).",
            "properties": {
              "name": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 120
              },
              "email": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "email"
              },
              "role": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/AgentRole"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "tier": {
                "anyOf": [
                  {
                    "$ref": "#/components/schemas/AgentTier"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "teamId": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "active": {
                "type": [
                  "boolean",
                  "null"
                ]
              },
              "version": {
                "type": [
                  "integer",
                  "null"
                ]
              }
            }
          },
          "TeamInput": {
            "type": "object",
            "additionalProperties": false,
            "description": "For POST, `name` is required. Team names are unique (409 `duplicate`).",
            "properties": {
              "name": {
                "type": [
                  "string",
                  "null"
                ],
                "maxLength": 120
              },
              "description": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "version": {
                "type": [
                  "integer",
                  "null"
                ]
              }
            }
          },
          "SetupInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "code",
              "name",
              "email"
            ],
            "properties": {
              "code": {
                "type": "string",
                "description": "The one-time code the server printed on first start."
              },
              "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 120
              },
              "email": {
                "type": "string",
                "format": "email"
              }
            }
          },
          "TokenScope": {
            "type": "string",
            "enum": [
              "tickets:read",
              "tickets:write",
              "customers:read",
              "customers:write",
              "admin"
            ],
            "description": "What a token may be used for; never more than its agent's role allows."
          },
          "TokenInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "name",
              "scopes"
            ],
            "properties": {
              "name": {
                "type": "string",
                "minLength": 1,
                "maxLength": 120
              },
              "scopes": {
                "type": "array",
                "minItems": 1,
                "items": {
                  "$ref": "#/components/schemas/TokenScope"
                }
              },
              "agentId": {
                "type": "string",
                "format": "uuid",
                "description": "Issue for another agent (needs tokens.all)."
              }
            }
          },
          "Token": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "id",
              "agentId",
              "name",
              "scopes",
              "createdAt",
              "lastUsedAt",
              "revokedAt"
            ],
            "properties": {
              "id": {
                "type": "string",
                "format": "uuid"
              },
              "agentId": {
                "type": "string",
                "format": "uuid"
              },
              "name": {
                "type": "string"
              },
              "scopes": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/TokenScope"
                }
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              },
              "lastUsedAt": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time"
              },
              "revokedAt": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time"
              }
            }
          },
          "IssuedToken": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "token",
              "record"
            ],
            "properties": {
              "token": {
                "type": "string",
                "description": "The secret, shown once; only its hash is stored."
              },
              "record": {
                "$ref": "#/components/schemas/Token"
              }
            }
          },
          "TokenPage": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "items",
              "nextCursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Token"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          },
          "AuditEntry": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "id",
              "at",
              "actorKind",
              "actorId",
              "action",
              "target",
              "details",
              "previousHash",
              "hash"
            ],
            "properties": {
              "id": {
                "type": "integer"
              },
              "at": {
                "type": "string",
                "format": "date-time"
              },
              "actorKind": {
                "$ref": "#/components/schemas/AuthorKind"
              },
              "actorId": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "uuid"
              },
              "action": {
                "type": "string"
              },
              "target": {
                "type": "string"
              },
              "details": {
                "type": "object",
                "additionalProperties": {
                  "type": "string"
                }
              },
              "previousHash": {
                "type": "string",
                "pattern": "^[0-9a-f]{64}$"
              },
              "hash": {
                "type": "string",
                "pattern": "^[0-9a-f]{64}$"
              }
            }
          },
          "AuditPage": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "items",
              "nextCursor"
            ],
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/AuditEntry"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            }
          }
        },
        "responses": {
          "BadRequest": {
            "description": "The body is not JSON (`malformed-json`), or a field, query parameter or `If-Match` is invalid (`invalid-field`, with `field`).",
            "headers": {
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "Unauthorized": {
            "description": "No valid bearer token (`unauthorized`).",
            "headers": {
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              },
              "WWW-Authenticate": {
                "schema": {
                  "type": "string"
                },
                "required": true
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "Forbidden": {
            "description": "The token's agent may not do this (`forbidden`).",
            "headers": {
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "NotFound": {
            "description": "No such resource, or the id has the wrong shape (`not-found`).",
            "headers": {
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "Conflict": {
            "description": "`version-conflict` (stale `If-Match`/`version`), `invalid-transition`, `ticket-closed`, `ticket-merged`, `invalid-merge` or `duplicate`.",
            "headers": {
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "TooLarge": {
            "description": "The body is larger than the limit (`body-too-large`).",
            "headers": {
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "UnsupportedMediaType": {
            "description": "The body is not `application/json` (`unsupported-media-type`).",
            "headers": {
              "Content-Language": {
                "$ref": "#/components/headers/ContentLanguage"
              }
            },
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        },
        "headers": {
          "ETag": {
            "description": "The resource's version, quoted: `\"3\"`. Send it back in `If-Match`.",
            "required": true,
            "schema": {
              "type": "string",
              "pattern": "^\"[0-9]+\"$"
            }
          },
          "Location": {
            "description": "The new resource's path.",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          "ContentLanguage": {
            "description": "The language of the problem's `title` and `detail`.",
            "schema": {
              "$ref": "#/components/schemas/Language"
            }
          }
        },
        "parameters": {
          "Ticket": {
            "name": "ticket",
            "in": "path",
            "required": true,
            "description": "`WD-10042`, `10042` or `#10042` (URL-encoded). Other shapes answer 404.",
            "schema": {
              "type": "string"
            }
          },
          "Customer": {
            "name": "customer",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "format": "uuid"
            },
            "description": "A customer id; other shapes answer 404."
          },
          "Agent": {
            "name": "agent",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "format": "uuid"
            },
            "description": "An agent id; other shapes answer 404."
          },
          "Team": {
            "name": "team",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "format": "uuid"
            },
            "description": "A team id; other shapes answer 404."
          },
          "Attachment": {
            "name": "attachment",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "format": "uuid"
            },
            "description": "An attachment id; other shapes answer 404."
          },
          "IfMatch": {
            "name": "If-Match",
            "in": "header",
            "required": false,
            "schema": {
              "type": "string"
            },
            "description": "The `ETag` the change is based on (`\"3\"`, `W/\"3\"` or `*`). A stale version answers 409 `version-conflict`; anything else that is not a number answers 400. Overrides the body's `version`."
          },
          "AcceptLanguage": {
            "name": "Accept-Language",
            "in": "header",
            "required": false,
            "schema": {
              "type": "string"
            },
            "description": "Language of problem titles, details and pages: zh-CN (default), zh-TW (also zh-HK, zh-Hant) or en."
          },
          "Cursor": {
            "name": "cursor",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string"
            },
            "description": "The `nextCursor` of the previous page, unchanged. A cursor that cannot be read answers 400."
          }
        }
      }
    }
    """#
}
