-- Analysts who may write (review events, ingest articles through the web).
CREATE TABLE analysts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    -- argon2id, in the PHC string format ($argon2id$v=19$m=...,t=...,p=...$salt$hash)
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Signed-in browsers. Only a hash of the cookie's token is kept.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    analyst_id INTEGER NOT NULL REFERENCES analysts(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_analyst ON sessions(analyst_id);

-- Every analyst decision on a record, oldest first. No foreign key: `records` is rewritten on
-- every ingest, and a decision must outlive that (record ids are stable).
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('confirm', 'reject', 'correct')),
    reason TEXT NOT NULL DEFAULT '',
    corrections TEXT NOT NULL DEFAULT '{}',
    analyst TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX reviews_record ON reviews(record_id, id);

-- Where the decisions on a record stand now: the latest status, every correction merged.
CREATE TABLE review_state (
    record_id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'rejected', 'corrected')),
    reason TEXT NOT NULL DEFAULT '',
    corrections TEXT NOT NULL DEFAULT '{}',
    analyst TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX review_state_status ON review_state(status);

-- Who did what, when, and the record before and after (JSON), for every write.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    analyst TEXT,
    action TEXT NOT NULL,
    target TEXT,
    before TEXT,
    after TEXT,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_target ON audit_log(target, id);
