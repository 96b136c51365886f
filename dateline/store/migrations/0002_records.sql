-- What extraction read from each article (one row a record mention, with provenance).
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('event', 'tally', 'statement')),
    position INTEGER NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);

-- Resolved records: the ledger. The id is derived from the record's identity, stable across runs.
CREATE TABLE records (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('event', 'tally', 'statement')),
    body TEXT NOT NULL,
    sort_date TEXT
);
CREATE INDEX records_kind_date ON records(kind, sort_date);

CREATE TABLE record_mentions (
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
    PRIMARY KEY (record_id, mention_id)
);
CREATE INDEX record_mentions_mention ON record_mentions(mention_id);
