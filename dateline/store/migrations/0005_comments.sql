-- Reader comments (dateline/moderation/): pre-moderated, approved or rejected, never edited.
-- The email is kept for the policy (posting needs one) and for rate limits; no listing function
-- selects it. The address is an HMAC of the poster's IP with the key in moderation_settings.
CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('event', 'article')),
    -- No foreign key: `records` is rewritten on every ingest and record ids are stable.
    target_id TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    text TEXT NOT NULL,
    -- Hash of the text with case, spacing and punctuation folded: identical-comment detection.
    text_key TEXT NOT NULL,
    address_key TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'held', 'approved', 'rejected')),
    risk REAL NOT NULL,
    -- JSON from dateline.moderation.screening.Screening.to_json: reasons, hints, spans.
    screening TEXT NOT NULL,
    created_at TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX comments_public ON comments(target_kind, target_id, status, created_at);
CREATE INDEX comments_queue ON comments(status, risk);
CREATE INDEX comments_address ON comments(address_key, created_at);
CREATE INDEX comments_email ON comments(email, created_at);
CREATE INDEX comments_text_key ON comments(text_key, created_at);

-- What a reader wrote is never changed: only status and decided_at may be updated.
CREATE TRIGGER comments_immutable
BEFORE UPDATE OF text, name, email, target_kind, target_id, text_key, created_at ON comments
BEGIN
    SELECT RAISE(ABORT, 'comments are immutable: text, name and email cannot be changed');
END;

-- INSERT OR REPLACE would swap a comment for another under the same id: refused too.
CREATE TRIGGER comments_no_replace
BEFORE INSERT ON comments
WHEN EXISTS (SELECT 1 FROM comments WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'comments are immutable: a comment cannot be replaced');
END;

-- Every moderation decision, oldest first, append-only. `moderator` is the analyst's name, or
-- 'auto' for the automatic settings. A rejection carries its policy reason.
CREATE TABLE moderation_decisions (
    id INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments(id),
    decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject', 'hold')),
    reason TEXT,
    moderator TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL,
    CHECK (decision != 'reject' OR reason IS NOT NULL)
);
CREATE INDEX moderation_decisions_comment ON moderation_decisions(comment_id, id);

CREATE TRIGGER moderation_decisions_append_only
BEFORE UPDATE ON moderation_decisions
BEGIN
    SELECT RAISE(ABORT, 'moderation decisions are append-only');
END;

-- Moderation settings (auto-reject and auto-hold thresholds, both off by default) and the key
-- that turns IP addresses into rate-limit keys.
CREATE TABLE moderation_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO moderation_settings (key, value) VALUES ('address_key', lower(hex(randomblob(32))));
