-- Articles as cleaned at ingest; content_hash makes re-ingest idempotent.
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    origin TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    author TEXT,
    published TEXT,
    published_method TEXT NOT NULL,
    dateline_place TEXT,
    text TEXT NOT NULL,
    words INTEGER NOT NULL,
    removed_lines INTEGER NOT NULL DEFAULT 0,
    minhash BLOB,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_published ON articles(published);

-- Near-duplicate reprints are linked, never dropped.
CREATE TABLE article_links (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    other_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    similarity REAL NOT NULL,
    PRIMARY KEY (article_id, other_id, kind)
);
