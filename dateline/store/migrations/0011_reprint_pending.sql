-- A reprint is another source of a stored article's records: the ledger must count it, so the
-- article is marked pending in the reprint's own transaction (see 0010).
CREATE TRIGGER ledger_pending_reprint AFTER INSERT ON reprints
BEGIN
    INSERT OR IGNORE INTO ledger_pending (article_id) VALUES (NEW.article_id);
END;
