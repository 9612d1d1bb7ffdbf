extension OpenAPIDocument {
    /// The knowledge base, help center and search routes.
    static let helpCenter = #"""
    {
      "tags": [
        {
          "name": "Knowledge base"
        },
        {
          "name": "Help center"
        }
      ],
      "paths": {
        "/api/v1/kb/categories": {
          "get": {
            "operationId": "listKnowledgeBaseCategories",
            "summary": "List knowledge-base categories",
            "tags": [
              "Knowledge base"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/CategoryPage"
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
            "operationId": "saveKnowledgeBaseCategory",
            "summary": "Create or replace a category",
            "tags": [
              "Knowledge base"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "201": {
                "description": "Saved.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Category"
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
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/CategoryInput"
                  }
                }
              }
            }
          }
        },
        "/api/v1/kb/articles": {
          "get": {
            "operationId": "listKnowledgeBaseArticles",
            "summary": "List articles, drafts included",
            "tags": [
              "Knowledge base"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "category",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "kind",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "article",
                    "notice"
                  ]
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/ArticlePage"
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
            "operationId": "createKnowledgeBaseArticle",
            "summary": "Create an article (Markdown, rendered and sanitised)",
            "tags": [
              "Knowledge base"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "201": {
                "description": "Created.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Article"
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
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ArticleInput"
                  }
                }
              }
            }
          }
        },
        "/api/v1/kb/articles/{article}": {
          "get": {
            "operationId": "getKnowledgeBaseArticle",
            "summary": "Read an article with every translation",
            "tags": [
              "Knowledge base"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "article",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Article"
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
          "patch": {
            "operationId": "updateKnowledgeBaseArticle",
            "summary": "Change an article; a new revision is kept",
            "tags": [
              "Knowledge base"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "article",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Article"
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
              "409": {
                "$ref": "#/components/responses/Conflict"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/ArticleInput"
                  }
                }
              }
            }
          }
        },
        "/api/v1/kb/articles/{article}/revisions": {
          "get": {
            "operationId": "listKnowledgeBaseRevisions",
            "summary": "Revisions of an article, newest first",
            "tags": [
              "Knowledge base"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "article",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/RevisionPage"
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
        "/api/v1/kb/synonyms": {
          "get": {
            "operationId": "getSynonyms",
            "summary": "The search synonym table",
            "tags": [
              "Knowledge base"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Synonyms"
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
            "operationId": "putSynonyms",
            "summary": "Replace the search synonym table (admins)",
            "tags": [
              "Knowledge base"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Synonyms"
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
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/Synonyms"
                  }
                }
              }
            }
          }
        },
        "/api/v1/search/tickets": {
          "get": {
            "operationId": "searchTickets",
            "summary": "Search tickets: subjects, messages, customer identifiers, tx ids, addresses",
            "tags": [
              "Tickets"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "q",
                "in": "query",
                "required": true,
                "schema": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 200
                }
              },
              {
                "name": "status",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                },
                "description": "Comma-separated statuses."
              },
              {
                "name": "limit",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 100
                }
              },
              {
                "$ref": "#/components/parameters/Cursor"
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
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
          }
        },
        "/api/v1/help/articles": {
          "get": {
            "operationId": "listHelpArticles",
            "summary": "Published articles in the reader's language",
            "tags": [
              "Help center"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "lang",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "zh-CN",
                    "zh-TW",
                    "en"
                  ]
                },
                "description": "Reader language; falls back to the cookie and Accept-Language."
              },
              {
                "name": "category",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "kind",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "article",
                    "notice"
                  ]
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PublicArticlePage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              }
            },
            "security": []
          }
        },
        "/api/v1/help/articles/{slug}": {
          "get": {
            "operationId": "getHelpArticle",
            "summary": "A published article (with language fallback)",
            "tags": [
              "Help center"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "slug",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "lang",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "zh-CN",
                    "zh-TW",
                    "en"
                  ]
                },
                "description": "Reader language; falls back to the cookie and Accept-Language."
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/PublicArticle"
                    }
                  }
                }
              },
              "404": {
                "$ref": "#/components/responses/NotFound"
              }
            },
            "security": []
          }
        },
        "/api/v1/help/articles/{slug}/votes": {
          "post": {
            "operationId": "voteHelpArticle",
            "summary": "Was this article helpful?",
            "tags": [
              "Help center"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "slug",
                "in": "path",
                "required": true,
                "schema": {
                  "type": "string"
                }
              }
            ],
            "responses": {
              "201": {
                "description": "Recorded.",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/Votes"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
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
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/VoteInput"
                  }
                }
              }
            },
            "security": []
          }
        },
        "/api/v1/help/search": {
          "get": {
            "operationId": "searchHelp",
            "summary": "Ranked search of published articles, with highlighted snippets",
            "tags": [
              "Help center"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "q",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "maxLength": 200
                }
              },
              {
                "name": "lang",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "zh-CN",
                    "zh-TW",
                    "en"
                  ]
                },
                "description": "Reader language; falls back to the cookie and Accept-Language."
              },
              {
                "name": "category",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string"
                }
              },
              {
                "name": "page",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 20
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SearchHitPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              }
            },
            "security": []
          }
        },
        "/api/v1/help/suggest": {
          "get": {
            "operationId": "suggestHelp",
            "summary": "Articles for a partly typed request (fast, in memory)",
            "tags": [
              "Help center"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              },
              {
                "name": "q",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "maxLength": 200
                }
              },
              {
                "name": "lang",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "string",
                  "enum": [
                    "zh-CN",
                    "zh-TW",
                    "en"
                  ]
                },
                "description": "Reader language; falls back to the cookie and Accept-Language."
              },
              {
                "name": "limit",
                "in": "query",
                "required": false,
                "schema": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": 10
                }
              }
            ],
            "responses": {
              "200": {
                "description": "OK",
                "content": {
                  "application/json": {
                    "schema": {
                      "$ref": "#/components/schemas/SuggestionPage"
                    }
                  }
                }
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              }
            },
            "security": []
          }
        },
        "/api/v1/help/deflections": {
          "post": {
            "operationId": "recordDeflection",
            "summary": "The customer saw suggestions and left without sending the request",
            "tags": [
              "Help center"
            ],
            "parameters": [
              {
                "$ref": "#/components/parameters/AcceptLanguage"
              }
            ],
            "responses": {
              "204": {
                "description": "Recorded."
              },
              "400": {
                "$ref": "#/components/responses/BadRequest"
              },
              "413": {
                "$ref": "#/components/responses/TooLarge"
              },
              "415": {
                "$ref": "#/components/responses/UnsupportedMediaType"
              }
            },
            "requestBody": {
              "required": true,
              "content": {
                "application/json": {
                  "schema": {
                    "$ref": "#/components/schemas/DeflectionInput"
                  }
                }
              }
            },
            "security": []
          }
        }
      },
      "components": {
        "schemas": {
          "Category": {
            "type": "object",
            "properties": {
              "slug": {
                "type": "string"
              },
              "names": {
                "type": "object",
                "additionalProperties": {
                  "type": "string"
                }
              },
              "descriptions": {
                "type": "object",
                "additionalProperties": {
                  "type": "string"
                }
              },
              "position": {
                "type": "integer"
              }
            },
            "required": [
              "slug",
              "names",
              "descriptions",
              "position"
            ],
            "additionalProperties": false
          },
          "CategoryInput": {
            "type": "object",
            "properties": {
              "slug": {
                "type": "string"
              },
              "names": {
                "type": "object",
                "additionalProperties": {
                  "type": "string"
                }
              },
              "descriptions": {
                "type": "object",
                "additionalProperties": {
                  "type": "string"
                }
              },
              "position": {
                "type": "integer"
              }
            },
            "required": [
              "slug",
              "names"
            ],
            "additionalProperties": false
          },
          "CategoryPage": {
            "type": "object",
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Category"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            },
            "required": [
              "items",
              "nextCursor"
            ],
            "additionalProperties": false
          },
          "ArticleTranslation": {
            "type": "object",
            "properties": {
              "language": {
                "type": "string",
                "enum": [
                  "zh-CN",
                  "zh-TW",
                  "en"
                ]
              },
              "title": {
                "type": "string"
              },
              "markdown": {
                "type": "string"
              },
              "html": {
                "type": "string"
              },
              "updatedAt": {
                "type": "string",
                "format": "date-time"
              }
            },
            "required": [
              "language",
              "title",
              "updatedAt"
            ],
            "additionalProperties": false
          },
          "Article": {
            "type": "object",
            "properties": {
              "id": {
                "type": "string"
              },
              "slug": {
                "type": "string"
              },
              "category": {
                "type": "string"
              },
              "section": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "kind": {
                "type": "string"
              },
              "status": {
                "type": "string",
                "enum": [
                  "draft",
                  "published"
                ]
              },
              "position": {
                "type": "integer"
              },
              "translations": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/ArticleTranslation"
                }
              },
              "helpfulVotes": {
                "type": "integer"
              },
              "unhelpfulVotes": {
                "type": "integer"
              },
              "createdAt": {
                "type": "string",
                "format": "date-time"
              },
              "updatedAt": {
                "type": "string",
                "format": "date-time"
              },
              "publishedAt": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time"
              },
              "version": {
                "type": "integer"
              }
            },
            "required": [
              "id",
              "slug",
              "category",
              "kind",
              "status",
              "position",
              "translations",
              "helpfulVotes",
              "unhelpfulVotes",
              "createdAt",
              "updatedAt",
              "version"
            ],
            "additionalProperties": false
          },
          "ArticlePage": {
            "type": "object",
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Article"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            },
            "required": [
              "items",
              "nextCursor"
            ],
            "additionalProperties": false
          },
          "ArticleInput": {
            "type": "object",
            "properties": {
              "slug": {
                "type": "string"
              },
              "category": {
                "type": "string"
              },
              "section": {
                "type": "string"
              },
              "kind": {
                "type": "string",
                "enum": [
                  "article",
                  "notice"
                ]
              },
              "status": {
                "type": "string",
                "enum": [
                  "draft",
                  "published"
                ]
              },
              "position": {
                "type": "integer"
              },
              "translations": {
                "type": "array",
                "items": {
                  "type": "object",
                  "properties": {
                    "language": {
                      "type": "string",
                      "enum": [
                        "zh-CN",
                        "zh-TW",
                        "en"
                      ]
                    },
                    "title": {
                      "type": "string",
                      "minLength": 1,
                      "maxLength": 200
                    },
                    "markdown": {
                      "type": "string"
                    }
                  },
                  "required": [
                    "language",
                    "title",
                    "markdown"
                  ],
                  "additionalProperties": false
                }
              },
              "removeLanguages": {
                "type": "array",
                "items": {
                  "type": "string",
                  "enum": [
                    "zh-CN",
                    "zh-TW",
                    "en"
                  ]
                }
              },
              "version": {
                "type": "integer"
              }
            },
            "additionalProperties": false
          },
          "Revision": {
            "type": "object",
            "properties": {
              "number": {
                "type": "integer"
              },
              "language": {
                "type": "string",
                "enum": [
                  "zh-CN",
                  "zh-TW",
                  "en"
                ]
              },
              "title": {
                "type": "string"
              },
              "markdown": {
                "type": "string"
              },
              "status": {
                "type": "string"
              },
              "actorKind": {
                "type": "string"
              },
              "actorId": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "at": {
                "type": "string",
                "format": "date-time"
              }
            },
            "required": [
              "number",
              "language",
              "title",
              "markdown",
              "status",
              "actorKind",
              "at"
            ],
            "additionalProperties": false
          },
          "RevisionPage": {
            "type": "object",
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Revision"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            },
            "required": [
              "items",
              "nextCursor"
            ],
            "additionalProperties": false
          },
          "Synonyms": {
            "type": "object",
            "properties": {
              "groups": {
                "type": "array",
                "items": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              }
            },
            "required": [
              "groups"
            ],
            "additionalProperties": false
          },
          "PublicArticle": {
            "type": "object",
            "properties": {
              "slug": {
                "type": "string"
              },
              "category": {
                "type": "string"
              },
              "kind": {
                "type": "string"
              },
              "language": {
                "type": "string",
                "enum": [
                  "zh-CN",
                  "zh-TW",
                  "en"
                ]
              },
              "requestedLanguage": {
                "type": "string",
                "enum": [
                  "zh-CN",
                  "zh-TW",
                  "en"
                ]
              },
              "title": {
                "type": "string"
              },
              "html": {
                "type": "string"
              },
              "updatedAt": {
                "type": "string",
                "format": "date-time"
              },
              "url": {
                "type": "string"
              }
            },
            "required": [
              "slug",
              "category",
              "kind",
              "language",
              "requestedLanguage",
              "title",
              "updatedAt",
              "url"
            ],
            "additionalProperties": false
          },
          "PublicArticlePage": {
            "type": "object",
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/PublicArticle"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            },
            "required": [
              "items",
              "nextCursor"
            ],
            "additionalProperties": false
          },
          "SearchHit": {
            "type": "object",
            "properties": {
              "slug": {
                "type": "string"
              },
              "title": {
                "type": "string"
              },
              "language": {
                "type": "string",
                "enum": [
                  "zh-CN",
                  "zh-TW",
                  "en"
                ]
              },
              "snippetHtml": {
                "type": "string"
              },
              "score": {
                "type": "number"
              },
              "url": {
                "type": "string"
              }
            },
            "required": [
              "slug",
              "title",
              "language",
              "snippetHtml",
              "score",
              "url"
            ],
            "additionalProperties": false
          },
          "SearchHitPage": {
            "type": "object",
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/SearchHit"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            },
            "required": [
              "items",
              "nextCursor"
            ],
            "additionalProperties": false
          },
          "Suggestion": {
            "type": "object",
            "properties": {
              "slug": {
                "type": "string"
              },
              "title": {
                "type": "string"
              },
              "language": {
                "type": "string",
                "enum": [
                  "zh-CN",
                  "zh-TW",
                  "en"
                ]
              },
              "url": {
                "type": "string"
              }
            },
            "required": [
              "slug",
              "title",
              "language",
              "url"
            ],
            "additionalProperties": false
          },
          "SuggestionPage": {
            "type": "object",
            "properties": {
              "items": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/Suggestion"
                }
              },
              "nextCursor": {
                "type": [
                  "string",
                  "null"
                ]
              }
            },
            "required": [
              "items",
              "nextCursor"
            ],
            "additionalProperties": false
          },
          "Votes": {
            "type": "object",
            "properties": {
              "helpful": {
                "type": "integer"
              },
              "unhelpful": {
                "type": "integer"
              }
            },
            "required": [
              "helpful",
              "unhelpful"
            ],
            "additionalProperties": false
          },
          "VoteInput": {
            "type": "object",
            "properties": {
              "helpful": {
                "type": "boolean"
              },
              "comment": {
                "type": "string",
                "maxLength": 1000
              },
              "language": {
                "type": "string",
                "enum": [
                  "zh-CN",
                  "zh-TW",
                  "en"
                ]
              }
            },
            "required": [
              "helpful"
            ],
            "additionalProperties": false
          },
          "DeflectionInput": {
            "type": "object",
            "properties": {
              "query": {
                "type": "string",
                "maxLength": 500
              },
              "language": {
                "type": "string",
                "enum": [
                  "zh-CN",
                  "zh-TW",
                  "en"
                ]
              },
              "articles": {
                "type": "array",
                "maxItems": 10,
                "items": {
                  "type": "string"
                }
              },
              "opened": {
                "type": "string"
              }
            },
            "required": [
              "query",
              "articles"
            ],
            "additionalProperties": false
          }
        }
      }
    }
    """#
}
