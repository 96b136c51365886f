-- Reprints: the same text under another id or URL (syndicated wire copy). The text is stored
-- once, in `articles`; each reprint is another source of everything read from it, listed and
-- shown as a reprint, and counted once for figures.
CREATE TABLE reprints (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    origin TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    title TEXT,
    published TEXT,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX reprints_article ON reprints(article_id);
