/// The knowledge base (categories, articles in several languages, revisions, votes, deflections, synonyms) and the
/// search indexes for articles and tickets.
///
/// Both engines index the same pre-segmented tokens (``TextSegmenter``): SQLite in FTS5 tables whose `unicode61`
/// tokenizer only splits on the spaces the segmenter put there; PostgreSQL in `tsvector` columns built by casting the
/// token text (no dictionary or parser touches it) with GIN indexes. `ticket_search` rows: the ticket itself (subject,
/// customer identifiers, tx id, address) under id `-number`, and one row per message under increasing ids.
let m0003KnowledgeBase = Migration(
    version: 3,
    name: "knowledge_base",
    sqlite: [
        """
        CREATE TABLE kb_categories (slug TEXT PRIMARY KEY, names TEXT NOT NULL, descriptions TEXT NOT NULL, position INTEGER NOT NULL,
          created_at INTEGER NOT NULL)
        """,
        """
        CREATE TABLE kb_articles (id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, category TEXT NOT NULL REFERENCES kb_categories(slug),
          section TEXT, kind TEXT NOT NULL, status TEXT NOT NULL, position INTEGER NOT NULL, helpful INTEGER NOT NULL,
          unhelpful INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, published_at INTEGER, version INTEGER NOT NULL)
        """,
        "CREATE INDEX kb_articles_category ON kb_articles(category, position)",
        """
        CREATE TABLE kb_translations (id INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL REFERENCES kb_articles(id),
          language TEXT NOT NULL, title TEXT NOT NULL, markdown TEXT NOT NULL, html TEXT NOT NULL, body_text TEXT NOT NULL,
          updated_at INTEGER NOT NULL, UNIQUE (article_id, language))
        """,
        "CREATE VIRTUAL TABLE kb_search USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1)",
        """
        CREATE TABLE kb_revisions (id INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL REFERENCES kb_articles(id),
          number INTEGER NOT NULL, language TEXT NOT NULL, title TEXT NOT NULL, markdown TEXT NOT NULL, status TEXT NOT NULL,
          actor_kind TEXT NOT NULL, actor_id TEXT, at INTEGER NOT NULL)
        """,
        "CREATE INDEX kb_revisions_article ON kb_revisions(article_id, id)",
        """
        CREATE TABLE kb_votes (id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES kb_articles(id), language TEXT NOT NULL,
          helpful INTEGER NOT NULL, comment TEXT, at INTEGER NOT NULL)
        """,
        "CREATE INDEX kb_votes_article ON kb_votes(article_id, at)",
        """
        CREATE TABLE kb_deflections (id TEXT PRIMARY KEY, query TEXT NOT NULL, language TEXT NOT NULL, article_ids TEXT NOT NULL,
          opened_article TEXT, at INTEGER NOT NULL)
        """,
        "CREATE INDEX kb_deflections_at ON kb_deflections(at)",
        "CREATE TABLE kb_synonyms (position INTEGER PRIMARY KEY, terms TEXT NOT NULL)",
        "CREATE TABLE kb_state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
        "INSERT INTO kb_state (id, version) VALUES (1, 0)",
        """
        CREATE VIRTUAL TABLE ticket_search USING fts5(tokens, ticket_number UNINDEXED, tokenize = 'unicode61 remove_diacritics 0',
          content = '', contentless_delete = 1, contentless_unindexed = 1, detail = none)
        """,
    ],
    postgres: [
        """
        CREATE TABLE kb_categories (slug TEXT PRIMARY KEY, names TEXT NOT NULL, descriptions TEXT NOT NULL, position INTEGER NOT NULL,
          created_at BIGINT NOT NULL)
        """,
        """
        CREATE TABLE kb_articles (id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, category TEXT NOT NULL REFERENCES kb_categories(slug),
          section TEXT, kind TEXT NOT NULL, status TEXT NOT NULL, position INTEGER NOT NULL, helpful INTEGER NOT NULL,
          unhelpful INTEGER NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, published_at BIGINT, version INTEGER NOT NULL)
        """,
        "CREATE INDEX kb_articles_category ON kb_articles(category, position)",
        """
        CREATE TABLE kb_translations (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, article_id TEXT NOT NULL REFERENCES kb_articles(id),
          language TEXT NOT NULL, title TEXT NOT NULL, markdown TEXT NOT NULL, html TEXT NOT NULL, body_text TEXT NOT NULL,
          updated_at BIGINT NOT NULL, search tsvector NOT NULL DEFAULT ''::tsvector, UNIQUE (article_id, language))
        """,
        "CREATE INDEX kb_translations_search ON kb_translations USING GIN (search)",
        """
        CREATE TABLE kb_revisions (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, article_id TEXT NOT NULL REFERENCES kb_articles(id),
          number INTEGER NOT NULL, language TEXT NOT NULL, title TEXT NOT NULL, markdown TEXT NOT NULL, status TEXT NOT NULL,
          actor_kind TEXT NOT NULL, actor_id TEXT, at BIGINT NOT NULL)
        """,
        "CREATE INDEX kb_revisions_article ON kb_revisions(article_id, id)",
        """
        CREATE TABLE kb_votes (id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES kb_articles(id), language TEXT NOT NULL,
          helpful INTEGER NOT NULL, comment TEXT, at BIGINT NOT NULL)
        """,
        "CREATE INDEX kb_votes_article ON kb_votes(article_id, at)",
        """
        CREATE TABLE kb_deflections (id TEXT PRIMARY KEY, query TEXT NOT NULL, language TEXT NOT NULL, article_ids TEXT NOT NULL,
          opened_article TEXT, at BIGINT NOT NULL)
        """,
        "CREATE INDEX kb_deflections_at ON kb_deflections(at)",
        "CREATE TABLE kb_synonyms (position INTEGER PRIMARY KEY, terms TEXT NOT NULL)",
        "CREATE TABLE kb_state (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)",
        "INSERT INTO kb_state (id, version) VALUES (1, 0)",
        "CREATE SEQUENCE ticket_search_seq",
        "CREATE TABLE ticket_search (id BIGINT PRIMARY KEY, ticket_number BIGINT NOT NULL, tokens tsvector NOT NULL)",
        "CREATE INDEX ticket_search_tokens ON ticket_search USING GIN (tokens)",
    ]
)
