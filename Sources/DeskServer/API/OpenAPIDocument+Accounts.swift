extension OpenAPIDocument {
    /// Accounts: agent sign-in, sessions, passwords, second factor, sign-in history and locks; customer PII reveal;
    /// customers' one-time codes, wallet-app sign-in and their own tickets.
    static let accounts = #"""
    {
      "tags": [
        {
          "name": "Accounts",
          "description": "Agent sign-in, sessions, passwords."
        },
        {
          "name": "Customer",
          "description": "What customers do themselves: sign in with a one-time code or the wallet app, see their own tickets."
        }
      ],
      "paths": {
        "/api/v1/sessions": {
          "post": {
            "operationId": "signIn",
            "summary": "Sign in with email and password",
            "tags": [
              "Accounts"
            ],
            "description": "Starts a session stored on the server and sets the `wd_session` cookie (HttpOnly, SameSite=Lax). A wrong email and a wrong password give the same answer. Needs no token.",
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
                    "$ref": "#/components/schemas/SignInInput"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "Signed in; the session and its CSRF token.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Session"
                    }
                  }
                },
                "headers": {
                  "Set-Cookie": {
                    "description": "`wd_session=…; Path=/; HttpOnly; SameSite=Lax` (and `Secure` over TLS).",
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized",
                "description": "Wrong email or password (`sign-in-failed`)."
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "429": {
                "description": "Too many failed attempts for this account or from this address (`too-many-attempts`); see `Retry-After`.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                },
                "headers": {
                  "Retry-After": {
                    "schema": {
                      "type": "integer"
                    }
                  }
                }
              }
            },
            "security": []
          }
        },
        "/api/v1/password/set": {
          "post": {
            "operationId": "setPasswordWithCode",
            "summary": "Set a password with a one-time code",
            "tags": [
              "Accounts"
            ],
            "description": "The code comes from an admin (`POST /api/v1/agents/{agent}/password-setup`). Setting the password ends the agent's sessions. Needs no token.",
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
                    "$ref": "#/components/schemas/SetPasswordInput"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The agent whose password was set.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Agent"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest",
                "description": "Malformed, or the password is too short (`weak-password`)."
              },
              "403": {
                "$ref": "#/components/responses/Forbidden",
                "description": "The code is wrong, used or expired (`invalid-code`)."
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            },
            "security": []
          }
        },
        "/api/v1/session": {
          "get": {
            "operationId": "currentSession",
            "summary": "The current session and its CSRF token",
            "tags": [
              "Accounts"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The session.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Session"
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
                "$ref": "#/components/responses/NotFound",
                "description": "The request was made with a token, not a session."
              }
            }
          },
          "delete": {
            "operationId": "signOut",
            "summary": "Sign out (end the current session)",
            "tags": [
              "Accounts"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "204": {
                "description": "Signed out; the cookie is cleared.",
                "headers": {
                  "Set-Cookie": {
                    "description": "`wd_session=…; Path=/; HttpOnly; SameSite=Lax` (and `Secure` over TLS).",
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden",
                "description": "Missing CSRF token (`csrf-rejected`) or not allowed."
              }
            }
          }
        },
        "/api/v1/me/sessions": {
          "delete": {
            "operationId": "signOutEverywhere",
            "summary": "Sign out everywhere",
            "tags": [
              "Accounts"
            ],
            "description": "Ends every session of the signed-in agent on every device.",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "How many sessions were ended.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SignedOut"
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
        "/api/v1/me/password": {
          "put": {
            "operationId": "changePassword",
            "summary": "Change one's own password",
            "tags": [
              "Accounts"
            ],
            "description": "Needs the current password. Every session of the agent ends; sign in again.",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ChangePasswordInput"
                  }
                }
              }
            },
            "responses": {
              "204": {
                "description": "Changed; the cookie is cleared."
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
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            }
          }
        },
        "/api/v1/agents/{agent}/password-setup": {
          "post": {
            "operationId": "issuePasswordSetup",
            "summary": "Issue a one-time set-password code for an agent",
            "tags": [
              "Accounts"
            ],
            "description": "Admins only. The code (and a link to the set-password page) is in the response once; earlier codes for the agent stop working.",
            "parameters": [
              {
                "$ref": "#/components/parameters/Agent"
              },
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "201": {
                "description": "The code.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PasswordSetup"
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
        "/api/v1/sessions/second-factor": {
          "post": {
            "operationId": "proveSecondFactor",
            "summary": "Finish signing in with a TOTP or recovery code",
            "tags": [
              "Accounts"
            ],
            "description": "For a pending sign-in (`state: pending-second-factor`, the `wd_session` cookie from `POST /api/v1/sessions`) and its `X-CSRF-Token`. On success the pending session is replaced by a signed-in one under a new id (new cookie). If the agent was enrolling, the answer also carries their 10 recovery codes, once. Five wrong codes end the pending sign-in.",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/SecondFactorInput"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Signed in.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Session"
                    }
                  }
                },
                "headers": {
                  "Set-Cookie": {
                    "description": "`wd_session=…; Path=/; HttpOnly; SameSite=Lax` (and `Secure` over TLS).",
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized",
                "description": "No pending sign-in (or it expired)."
              },
              "403": {
                "$ref": "#/components/responses/Forbidden",
                "description": "Wrong or used code (`invalid-code`) or missing CSRF token (`csrf-rejected`)."
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "429": {
                "description": "Too many failed attempts for this account or from this address (`too-many-attempts`); see `Retry-After`.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                },
                "headers": {
                  "Retry-After": {
                    "schema": {
                      "type": "integer"
                    }
                  }
                }
              }
            },
            "security": []
          }
        },
        "/api/v1/sessions/second-factor/enrolment": {
          "post": {
            "operationId": "enrolWhileSigningIn",
            "summary": "Start TOTP enrolment during a pending sign-in",
            "tags": [
              "Accounts"
            ],
            "description": "Only for agents who must use a second factor and have none yet (`secondFactor: enrol`). Returns the otpauth URL and the key for typing in; prove a code at `/api/v1/sessions/second-factor` to finish.",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "201": {
                "description": "The new secret.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Enrolment"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden",
                "description": "Already enrolled, or missing CSRF token."
              }
            },
            "security": []
          }
        },
        "/api/v1/me/2fa": {
          "post": {
            "operationId": "enrolSecondFactor",
            "summary": "Start (or redo) TOTP enrolment",
            "tags": [
              "Accounts"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "201": {
                "description": "The new secret, in force once confirmed.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Enrolment"
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
          "delete": {
            "operationId": "removeSecondFactor",
            "summary": "Remove one's own second factor",
            "tags": [
              "Accounts"
            ],
            "description": "Refused (403) when the policy requires a second factor for this agent; an admin reset is the way then.",
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "204": {
                "description": "Removed; every session of the agent ended."
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden"
              },
              "409": {
                "$ref": "#/components/responses/Conflict",
                "description": "The policy requires a second factor for this agent (`second-factor-required`)."
              }
            }
          }
        },
        "/api/v1/me/2fa/confirm": {
          "post": {
            "operationId": "confirmSecondFactor",
            "summary": "Confirm TOTP enrolment with a code",
            "tags": [
              "Accounts"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/SecondFactorInput"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Enabled; the recovery codes, shown once.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/RecoveryCodes"
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
                "$ref": "#/components/responses/Forbidden",
                "description": "Wrong code (`invalid-code`)."
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            }
          }
        },
        "/api/v1/me/2fa/recovery-codes": {
          "post": {
            "operationId": "replaceRecoveryCodes",
            "summary": "Replace one's recovery codes",
            "tags": [
              "Accounts"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "201": {
                "description": "Ten new codes, shown once; the old ones stop working.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/RecoveryCodes"
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
                "$ref": "#/components/responses/NotFound",
                "description": "No second factor enrolled."
              }
            }
          }
        },
        "/api/v1/agents/{agent}/2fa": {
          "delete": {
            "operationId": "resetSecondFactor",
            "summary": "Reset an agent's second factor",
            "tags": [
              "Accounts"
            ],
            "description": "Admins only, for an agent who lost their authenticator and recovery codes. Ends the agent's sessions; they enrol again at their next sign-in if the policy requires it.",
            "parameters": [
              {
                "$ref": "#/components/parameters/Agent"
              },
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "204": {
                "description": "Reset."
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
        "/api/v1/settings/2fa": {
          "get": {
            "operationId": "secondFactorPolicy",
            "summary": "Who must use a second factor",
            "tags": [
              "Accounts"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The policy.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SecondFactorPolicy"
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
          "put": {
            "operationId": "setSecondFactorPolicy",
            "summary": "Require a second factor for everyone (or not)",
            "tags": [
              "Accounts"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/SecondFactorPolicyInput"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The policy now.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SecondFactorPolicy"
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
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            }
          }
        },
        "/api/v1/me/sign-ins": {
          "get": {
            "operationId": "mySignIns",
            "summary": "My sign-in history",
            "tags": [
              "Accounts"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
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
                "description": "Newest first.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "items",
                        "nextCursor"
                      ],
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/SignIn"
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
        },
        "/api/v1/agents/{agent}/sign-ins": {
          "get": {
            "operationId": "agentSignIns",
            "summary": "An agent's sign-in history",
            "tags": [
              "Accounts"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/Agent"
              },
              {
                "$ref": "#/components/parameters/AcceptLanguage"
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
                "description": "Newest first.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "items",
                        "nextCursor"
                      ],
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/SignIn"
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
              }
            }
          }
        },
        "/api/v1/agents/{agent}/sign-in-lock": {
          "get": {
            "operationId": "agentSignInLock",
            "summary": "Whether an agent's account is locked after failed sign-ins, and why",
            "tags": [
              "Accounts"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/Agent"
              },
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The account's counter.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SignInLock"
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
          },
          "delete": {
            "operationId": "unlockAgent",
            "summary": "Lift the lock and clear the failure counter",
            "tags": [
              "Accounts"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/Agent"
              },
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "Unlocked.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SignInLock"
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
        "/api/v1/sign-in-locks": {
          "get": {
            "operationId": "signInLocks",
            "summary": "Accounts and addresses locked now",
            "tags": [
              "Accounts"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "Current locks.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "items",
                        "nextCursor"
                      ],
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/SignInLock"
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
        "/api/v1/customers/{customer}/reveal": {
          "post": {
            "operationId": "revealCustomer",
            "summary": "See a customer's personal data in clear (recorded)",
            "tags": [
              "Customers"
            ],
            "description": "For agents who see customers masked (`piiMasked: true`, no `customers.pii` permission). Needs a reason; who, when and why go to the audit log (`customer.pii-revealed`).",
            "parameters": [
              {
                "$ref": "#/components/parameters/Customer"
              },
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/RevealInput"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "The customer, unmasked.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Customer"
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
              "404": {
                "$ref": "#/components/responses/NotFound"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            }
          }
        },
        "/api/v1/customer/code": {
          "post": {
            "operationId": "sendCustomerCode",
            "summary": "Email a one-time sign-in code",
            "tags": [
              "Customer"
            ],
            "description": "Sends a 6-digit code (valid 10 minutes, 5 tries) in the customer's language when the email belongs to a customer; the answer is the same when it does not. During a cool-down after failed tries, or when codes are asked for too often (1 a minute and 5 an hour per email, 20 an hour per address, counted alike for unknown emails): 429 with Retry-After.",
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
                    "$ref": "#/components/schemas/CustomerCodeInput"
                  }
                }
              }
            },
            "responses": {
              "202": {
                "description": "Sent if the email is known.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/CodeSent"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "429": {
                "description": "Cooling down (`too-many-attempts`).",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            },
            "security": []
          }
        },
        "/api/v1/customer/sign-in": {
          "post": {
            "operationId": "customerSignIn",
            "summary": "Sign in with the emailed code",
            "tags": [
              "Customer"
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
                    "$ref": "#/components/schemas/CustomerSignInInput"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Signed in.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/CustomerSession"
                    }
                  }
                },
                "headers": {
                  "Set-Cookie": {
                    "description": "`wd_customer=…; Path=/; HttpOnly; SameSite=Lax`.",
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden",
                "description": "Wrong, used or expired code (`invalid-code`)."
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "429": {
                "description": "Cooling down (`too-many-attempts`).",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            },
            "security": []
          }
        },
        "/api/v1/customer/sso": {
          "post": {
            "operationId": "customerWalletSSO",
            "summary": "Sign in with a token from the wallet app",
            "tags": [
              "Customer"
            ],
            "description": "The wallet's backend signs a short-lived JWT (EdDSA/Ed25519 or ES256) with `sub` = the customer's wallet account id, `aud` = the configured audience, `exp` (at most 10 minutes after `iat`), a unique `jti`, and optionally `email`, `name`, `locale`. The customer is created or linked and marked verified by the wallet app. Refusals are 401 `sso-refused` with the reason in `detail` (expired, not yet valid, bad signature, wrong audience or issuer, too long-lived, replayed, malformed, not configured).",
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
                    "$ref": "#/components/schemas/WalletSSOInput"
                  }
                }
              }
            },
            "responses": {
              "200": {
                "description": "Signed in.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/CustomerSession"
                    }
                  }
                },
                "headers": {
                  "Set-Cookie": {
                    "description": "`wd_customer=…; Path=/; HttpOnly; SameSite=Lax`.",
                    "schema": {
                      "type": "string"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized",
                "description": "Refused (`sso-refused`)."
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            },
            "security": []
          }
        },
        "/api/v1/customer/tickets": {
          "get": {
            "operationId": "customerTickets",
            "summary": "The signed-in customer's tickets",
            "tags": [
              "Customer"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "Newest first.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "items",
                        "nextCursor"
                      ],
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/CustomerTicket"
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
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              }
            },
            "security": [
              {
                "customerSession": []
              }
            ]
          },
          "post": {
            "operationId": "customerCreateTicket",
            "summary": "Write to support (a new request)",
            "tags": [
              "Customer"
            ],
            "description": "The signed-in customer's new request, through the same checks as every door: a recovery phrase, key or password in it is removed and a public notice on the ticket tells the customer to move their funds; scam moderation; crypto fields filled from the text. With no subject the first line of the text is used; the category sets the first priority. Limited to 3 per 10 minutes (6 an hour) per email and 5 per 10 minutes (20 an hour) per address: 429 `too-many-requests` with Retry-After. With the customer cookie, send the session's `csrfToken` as `X-CSRF-Token`.",
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
                    "$ref": "#/components/schemas/CustomerTicketInput"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "Opened.",
                "headers": {
                  "Location": {
                    "schema": {
                      "type": "string"
                    }
                  }
                },
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "ticket",
                        "message"
                      ],
                      "properties": {
                        "ticket": {
                          "$ref": "#/components/schemas/CustomerTicket"
                        },
                        "message": {
                          "$ref": "#/components/schemas/CustomerMessage"
                        }
                      }
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
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              },
              "429": {
                "description": "Too many requests (`too-many-requests`); see `Retry-After`.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            },
            "security": [
              {
                "customerSession": []
              }
            ]
          }
        },
        "/api/v1/customer/tickets/{ticket}": {
          "get": {
            "operationId": "customerTicket",
            "summary": "One of the signed-in customer's tickets",
            "tags": [
              "Customer"
            ],
            "description": "Someone else's ticket answers 404, exactly like a ticket that does not exist.",
            "parameters": [
              {
                "$ref": "#/components/parameters/Ticket"
              },
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
                      "$ref": "#/components/schemas/CustomerTicket"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              }
            },
            "security": [
              {
                "customerSession": []
              }
            ]
          }
        },
        "/api/v1/customer/tickets/{ticket}/messages": {
          "get": {
            "operationId": "customerMessages",
            "summary": "The public conversation of one of the customer's tickets",
            "tags": [
              "Customer"
            ],
            "description": "Oldest first; internal notes never appear. Someone else's ticket answers 404.",
            "parameters": [
              {
                "$ref": "#/components/parameters/Ticket"
              },
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The conversation.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "items",
                        "nextCursor"
                      ],
                      "properties": {
                        "items": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/CustomerMessage"
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
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              }
            },
            "security": [
              {
                "customerSession": []
              }
            ]
          },
          "post": {
            "operationId": "customerReply",
            "summary": "Reply on one of the customer's tickets",
            "tags": [
              "Customer"
            ],
            "description": "Secrets are removed as at every door. A reply reopens a pending or solved ticket; on a closed ticket (or a solved one past the reopen window) it starts a follow-up, which the answer's `ticket` then is. Someone else's ticket answers 404. With the customer cookie, send the session's `csrfToken` as `X-CSRF-Token`.",
            "parameters": [
              {
                "$ref": "#/components/parameters/Ticket"
              },
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/CustomerReplyInput"
                  }
                }
              }
            },
            "responses": {
              "201": {
                "description": "Added.",
                "content": {
                  "application/json": {
                    "schema": {
                      "type": "object",
                      "required": [
                        "message",
                        "ticket"
                      ],
                      "properties": {
                        "message": {
                          "$ref": "#/components/schemas/CustomerMessage"
                        },
                        "ticket": {
                          "$ref": "#/components/schemas/CustomerTicket"
                        }
                      }
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
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            },
            "security": [
              {
                "customerSession": []
              }
            ]
          }
        },
        "/api/v1/customer/attachments": {
          "post": {
            "operationId": "customerUploadAttachment",
            "summary": "Upload a file for a new request or a reply",
            "tags": [
              "Customer"
            ],
            "description": "The raw bytes of a screenshot, an explorer page or a statement, up to 10 MB; then name the id in `attachmentIds` of a new ticket or a reply. The type is sniffed from the bytes; a text file's recovery phrase or key is removed before it is stored. Uploads not put on a message are deleted by maintenance. Limited to 30 per 10 minutes (100 an hour) per customer: 429 `too-many-requests` with Retry-After. With the customer cookie, send the session's `csrfToken` as `X-CSRF-Token`.",
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
                "description": "Stored, not yet on a message.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/CustomerAttachment"
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
              "429": {
                "description": "Too many uploads (`too-many-requests`); see `Retry-After`.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              }
            },
            "security": [
              {
                "customerSession": []
              }
            ]
          }
        },
        "/api/v1/customer/tickets/{ticket}/attachments/{attachment}": {
          "get": {
            "operationId": "customerDownloadAttachment",
            "summary": "Download a file of the customer's conversation",
            "tags": [
              "Customer"
            ],
            "description": "A file on a public message of one of the customer's tickets. An internal note's file, someone else's ticket or an unknown id answer 404. Images and PDF are `inline`, everything else an `attachment` download; always `nosniff`, a sandboxing CSP and `no-store`.",
            "parameters": [
              {
                "$ref": "#/components/parameters/Ticket"
              },
              {
                "$ref": "#/components/parameters/Attachment"
              },
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The bytes, with the sniffed type.",
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
              }
            },
            "security": [
              {
                "customerSession": []
              }
            ]
          }
        },
        "/api/v1/customer/tickets/{ticket}/call-code": {
          "get": {
            "operationId": "customerCallCode",
            "summary": "The code to read out when an agent calls about this ticket",
            "tags": [
              "Customer"
            ],
            "description": "While an agent's call codes for the ticket are live (10 minutes, not burnt by wrong guesses), the customer's half of the pair and the agent's name. The customer reads it out; the agent compares it with their copy. Someone else's ticket, or no live codes: 404.",
            "parameters": [
              {
                "$ref": "#/components/parameters/Ticket"
              },
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "The live code.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/CustomerCallCode"
                    }
                  }
                }
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              }
            },
            "security": [
              {
                "customerSession": []
              }
            ]
          }
        },
        "/api/v1/customer/session": {
          "delete": {
            "operationId": "customerSignOut",
            "summary": "Sign the customer out",
            "tags": [
              "Customer"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "X-CSRF-Token",
                "in": "header",
                "required": false,
                "description": "Required when signed in with the session cookie: the `csrfToken` from signing in. Not needed with a bearer token.",
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "204": {
                "description": "Signed out."
              },
              "401": {
                "$ref": "#/components/responses/Unauthorized"
              },
              "403": {
                "$ref": "#/components/responses/Forbidden",
                "description": "Missing CSRF token."
              }
            },
            "security": [
              {
                "customerSession": []
              }
            ]
          }
        }
      },
      "components": {
        "securitySchemes": {
          "session": {
            "type": "apiKey",
            "in": "cookie",
            "name": "wd_session",
            "description": "A browser session from `POST /api/v1/sessions` or `/signin`; state-changing requests also need `X-CSRF-Token`."
          },
          "customerSession": {
            "type": "apiKey",
            "in": "cookie",
            "name": "wd_customer",
            "description": "A customer session from `/api/v1/customer/sign-in` or `/api/v1/customer/sso`; state-changing requests also need `X-CSRF-Token`."
          }
        },
        "schemas": {
          "SetupInput": {
            "properties": {
              "password": {
                "type": "string",
                "minLength": 12,
                "description": "Optional: the first admin's password for signing in on the pages."
              }
            }
          },
          "SignInInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "email",
              "password"
            ],
            "properties": {
              "email": {
                "type": "string"
              },
              "password": {
                "type": "string"
              }
            }
          },
          "SetPasswordInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "code",
              "password"
            ],
            "properties": {
              "code": {
                "type": "string",
                "examples": [
                  "ABCDE-FGHJK"
                ]
              },
              "password": {
                "type": "string",
                "minLength": 12,
                "maxLength": 72
              }
            }
          },
          "ChangePasswordInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "currentPassword",
              "newPassword"
            ],
            "properties": {
              "currentPassword": {
                "type": "string"
              },
              "newPassword": {
                "type": "string",
                "minLength": 12,
                "maxLength": 72
              }
            }
          },
          "Session": {
            "type": "object",
            "required": [
              "agent",
              "state",
              "csrfToken",
              "expiresAt"
            ],
            "properties": {
              "agent": {
                "$ref": "#/components/schemas/Agent"
              },
              "state": {
                "type": "string",
                "enum": [
                  "active",
                  "pending-second-factor"
                ]
              },
              "csrfToken": {
                "type": "string"
              },
              "expiresAt": {
                "type": "string",
                "format": "date-time"
              },
              "secondFactor": {
                "type": "string",
                "enum": [
                  "totp",
                  "enrol"
                ]
              },
              "recoveryCodes": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          },
          "SignedOut": {
            "type": "object",
            "required": [
              "endedSessions"
            ],
            "properties": {
              "endedSessions": {
                "type": "integer",
                "minimum": 0
              }
            }
          },
          "PasswordSetup": {
            "type": "object",
            "required": [
              "code",
              "link",
              "expiresAt"
            ],
            "properties": {
              "code": {
                "type": "string"
              },
              "link": {
                "type": "string"
              },
              "expiresAt": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "SecondFactorInput": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "code": {
                "type": "string",
                "description": "6 digits from the authenticator app."
              },
              "recoveryCode": {
                "type": "string",
                "examples": [
                  "ABCDE-FGHJK"
                ]
              }
            }
          },
          "Enrolment": {
            "type": "object",
            "required": [
              "otpauthUrl",
              "manualKey"
            ],
            "properties": {
              "otpauthUrl": {
                "type": "string"
              },
              "manualKey": {
                "type": "string"
              },
              "qrSvg": {
                "type": "string",
                "description": "The otpauth URL as a QR code: a standalone SVG (one path of dark modules, quiet zone of four). Absent only when the URL is too long for a version-10 symbol."
              }
            }
          },
          "RecoveryCodes": {
            "type": "object",
            "required": [
              "recoveryCodes"
            ],
            "properties": {
              "recoveryCodes": {
                "type": "array",
                "items": {
                  "type": "string"
                },
                "minItems": 10,
                "maxItems": 10
              }
            }
          },
          "SecondFactorPolicy": {
            "type": "object",
            "required": [
              "requiredForEveryone",
              "alwaysRequiredFor"
            ],
            "properties": {
              "requiredForEveryone": {
                "type": "boolean"
              },
              "alwaysRequiredFor": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          },
          "SecondFactorPolicyInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "requiredForEveryone"
            ],
            "properties": {
              "requiredForEveryone": {
                "type": "boolean"
              }
            }
          },
          "SignIn": {
            "type": "object",
            "required": [
              "id",
              "at",
              "ip",
              "userAgent",
              "success",
              "reason"
            ],
            "properties": {
              "id": {
                "type": "integer"
              },
              "at": {
                "type": "string",
                "format": "date-time"
              },
              "ip": {
                "type": "string"
              },
              "userAgent": {
                "type": "string"
              },
              "success": {
                "type": "boolean"
              },
              "reason": {
                "type": "string",
                "description": "`password`, `totp`, `recovery-code`, `totp-enrolled` on success; `wrong-password`, `unknown-email`, `no-password`, `invalid-input`, `wrong-code` on failure."
              }
            }
          },
          "SignInLock": {
            "type": "object",
            "required": [
              "key",
              "locked",
              "failures"
            ],
            "properties": {
              "key": {
                "type": "string"
              },
              "locked": {
                "type": "boolean"
              },
              "lockedUntil": {
                "type": "string",
                "format": "date-time"
              },
              "reason": {
                "type": "string",
                "enum": [
                  "too-many-passwords",
                  "too-many-codes"
                ]
              },
              "failures": {
                "type": "integer"
              }
            }
          },
          "RevealInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "reason"
            ],
            "properties": {
              "reason": {
                "type": "string",
                "minLength": 1,
                "maxLength": 500
              }
            }
          },
          "Customer": {
            "properties": {
              "piiMasked": {
                "type": "boolean",
                "description": "True when email, phone, wallet account and chat ids are masked for this caller."
              }
            }
          },
          "CustomerCodeInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "email"
            ],
            "properties": {
              "email": {
                "type": "string",
                "format": "email"
              }
            }
          },
          "CustomerSignInInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "email",
              "code"
            ],
            "properties": {
              "email": {
                "type": "string",
                "format": "email"
              },
              "code": {
                "type": "string"
              }
            }
          },
          "WalletSSOInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "token"
            ],
            "properties": {
              "token": {
                "type": "string"
              }
            }
          },
          "CodeSent": {
            "type": "object",
            "required": [
              "expiresInSeconds"
            ],
            "properties": {
              "expiresInSeconds": {
                "type": "integer"
              }
            }
          },
          "CustomerSession": {
            "type": "object",
            "required": [
              "customer",
              "csrfToken",
              "expiresAt"
            ],
            "properties": {
              "customer": {
                "type": "object",
                "required": [
                  "id",
                  "language",
                  "verifiedByWallet"
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
                    ]
                  },
                  "language": {
                    "type": "string"
                  },
                  "verifiedByWallet": {
                    "type": "boolean"
                  }
                }
              },
              "csrfToken": {
                "type": "string"
              },
              "expiresAt": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "CustomerCallCode": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "ticketId",
              "code",
              "agentName",
              "expiresAt"
            ],
            "properties": {
              "ticketId": {
                "type": "string",
                "examples": [
                  "WD-10042"
                ]
              },
              "code": {
                "type": "string",
                "pattern": "^[0-9]{6}$"
              },
              "agentName": {
                "type": "string"
              },
              "expiresAt": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "CustomerTicket": {
            "type": "object",
            "required": [
              "id",
              "subject",
              "status",
              "category",
              "createdAt",
              "updatedAt"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "subject": {
                "type": "string"
              },
              "status": {
                "type": "string"
              },
              "category": {
                "type": "string"
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              },
              "updatedAt": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "Problem": {
            "properties": {
              "code": {
                "enum": [
                  "weak-password",
                  "csrf-rejected",
                  "sign-in-failed",
                  "invalid-code",
                  "too-many-attempts",
                  "sso-refused",
                  "second-factor-required",
                  "secret-key-mismatch",
                  "sealed-secret-damaged",
                  "too-many-code-requests"
                ]
              }
            }
          },
          "CustomerTicketInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "text"
            ],
            "properties": {
              "subject": {
                "type": "string",
                "maxLength": 250
              },
              "text": {
                "type": "string"
              },
              "category": {
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
              "attachmentIds": {
                "type": "array",
                "maxItems": 5,
                "items": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "The customer's own uploads (`POST /api/v1/customer/attachments`) not yet on a message."
              }
            }
          },
          "CustomerReplyInput": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "text"
            ],
            "properties": {
              "attachmentIds": {
                "type": "array",
                "maxItems": 5,
                "items": {
                  "type": "string",
                  "format": "uuid"
                },
                "description": "The customer's own uploads (`POST /api/v1/customer/attachments`) not yet on a message."
              },
              "text": {
                "type": "string"
              }
            }
          },
          "CustomerAttachment": {
            "type": "object",
            "required": [
              "id",
              "filename",
              "contentType",
              "size",
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
                "description": "Sniffed from the bytes."
              },
              "size": {
                "type": "integer"
              },
              "url": {
                "type": "string",
                "description": "Where to download it, once it is on one of the customer's tickets."
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              }
            }
          },
          "CustomerMessage": {
            "type": "object",
            "required": [
              "id",
              "from",
              "text",
              "attachments",
              "createdAt"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "from": {
                "type": "string",
                "enum": [
                  "customer",
                  "agent",
                  "system"
                ],
                "description": "`system`: a notice from WalletDesk (such as a removed secret)."
              },
              "agentName": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "text": {
                "type": "string"
              },
              "attachments": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/CustomerAttachment"
                }
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              }
            }
          }
        }
      },
      "security": [
        {
          "session": []
        }
      ]
    }
    """#
}
