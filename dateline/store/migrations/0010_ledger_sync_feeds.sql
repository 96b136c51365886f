-- The ledger is derived state. The store marks it stale in the transaction that changes what it
-- is derived from, and the next run repairs it (incrementally, or whole when marked so).

-- Articles stored whose mentions the ledger does not yet cover (set by trigger, in the
-- article's own transaction; cleared in the transaction that writes their records).
CREATE TABLE ledger_pending (
    article_id TEXT PRIMARY KEY
);
CREATE TRIGGER ledger_pending_article AFTER INSERT ON articles
BEGIN
    INSERT OR IGNORE INTO ledger_pending (article_id) VALUES (NEW.id);
END;
CREATE TRIGGER ledger_pending_mention AFTER INSERT ON mentions
BEGIN
    INSERT OR IGNORE INTO ledger_pending (article_id) VALUES (NEW.article_id);
END;

-- `full` = 1 when only a rebuild from scratch can repair the ledger (mentions were deleted, or
-- the database predates the key index); `keys_version` names the link keys stored below.
CREATE TABLE ledger_sync (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    full INTEGER NOT NULL,
    keys_version TEXT
);
INSERT INTO ledger_sync (id, full, keys_version) VALUES (1, 1, NULL);
CREATE TRIGGER ledger_full_mention_deleted AFTER DELETE ON mentions
BEGIN
    UPDATE ledger_sync SET full = 1;
END;

-- Link keys of every mention the ledger covers (see dateline/resolve/blocks.py): `key` is what
-- the mention holds, `partner` what a linked mention holds.
CREATE TABLE ledger_keys (
    key TEXT NOT NULL,
    partner TEXT NOT NULL,
    mention_id INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE
);
CREATE INDEX ledger_keys_key ON ledger_keys(key);
CREATE INDEX ledger_keys_mention ON ledger_keys(mention_id);

-- Feeds followed by `dateline watch`: validators for conditional GET, the schedule with its
-- back-off, and the status shown by /sources and `dateline sources`.
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    outlet TEXT,
    interval_seconds REAL NOT NULL,
    etag TEXT,
    last_modified TEXT,
    last_fetch TEXT,
    last_status TEXT,
    last_new_item TEXT,
    last_error TEXT,
    last_error_at TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    next_due TEXT,
    items_new INTEGER NOT NULL DEFAULT 0,
    items_known INTEGER NOT NULL DEFAULT 0
);

-- Item links already stored or known, so a feed's teasers are not fetched again each poll.
CREATE TABLE feed_seen (
    url TEXT PRIMARY KEY,
    feed_url TEXT NOT NULL,
    seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
