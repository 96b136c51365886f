"""The SQLite store: versioned migrations, one transaction per article, idempotent re-ingest."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from dateline.model import Article, InputError, Record, record_from_dict, record_kind, record_to_dict

# How long a connection waits for another process's write (an ingest's ledger rebuild, a
# migration) before giving up with "database is locked".
BUSY_SECONDS = 60.0


class MentionRow(NamedTuple):
    """A record as the store keeps it: its kind and its JSON body. Made where the record is
    extracted (a Dask worker), so the one writer only inserts it."""

    kind: str
    body: str

    @classmethod
    def of(cls, record: Record) -> MentionRow:
        return cls(record_kind(record), json.dumps(record_to_dict(record), ensure_ascii=False))


class StoreError(Exception):
    """The database cannot be opened or is not a Dateline database."""


def _migrations() -> list[tuple[int, str, str]]:
    """Returns (version, name, sql) for every migration shipped in the package, in order."""
    folder = resources.files("dateline.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def _set_wal(connection: sqlite3.Connection) -> None:
    """Switches the file to WAL. Processes creating the same new file at once can find it locked
    while another one switches it; SQLite does not wait on its busy timeout there, so we do."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Store:
    """A Dateline database file. Plain SQLite: Datasette, sqlite3 and pandas can open it too."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.connection = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_SECONDS)
            self.connection.row_factory = sqlite3.Row
            _set_wal(self.connection)
            self.connection.execute("PRAGMA foreign_keys=ON")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a usable Dateline database ({error})") from error

    def close(self) -> None:
        self.connection.close()

    # -- schema -------------------------------------------------------------------------------
    def schema_version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Applies every migration newer than the file's `user_version`, each in its own transaction.

        The version is read again inside each write transaction, so two processes opening a new
        file at once apply each migration once: the second waits, then sees it done."""
        pending = [m for m in _migrations() if m[0] > self.schema_version()]
        for version, _name, sql in pending:
            with self.transaction():
                if self.schema_version() >= version:
                    continue
                for statement in split_sql(sql):
                    self.connection.execute(statement)
                self.connection.execute(f"PRAGMA user_version = {version}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        else:
            self.connection.execute("COMMIT")

    # -- articles -----------------------------------------------------------------------------
    def article_by_hash(self, content_hash: str) -> str | None:
        row = self.connection.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
        return row["id"] if row else None

    def article_hash(self, article_id: str) -> str | None:
        row = self.connection.execute(
            "SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row["content_hash"] if row else None

    def add_article(self, article: Article, mentions: Iterable[Record | MentionRow] = (),
                    links: Iterable[tuple[str, float]] = ()) -> str | None:
        """Stores an article, what was extracted from it and its near-duplicate links, atomically.

        Returns None when stored, or the id of the article that already holds this text (another
        process stored it since the caller looked); raises InputError when the id is taken by
        another text. Both checks run inside the write transaction, so concurrent ingests of the
        same article store it once."""
        with self.transaction() as db:
            known = self.article_by_hash(article.content_hash)
            if known is not None:
                return known
            if self.article_hash(article.id) is not None:
                raise InputError(article.origin, f"article id {article.id!r} is already stored with"
                                                 " different text; give the new text a new id")
            db.execute(
                "INSERT INTO articles (id, content_hash, origin, url, outlet, title, author, published,"
                " published_method, dateline_place, text, words, removed_lines, minhash)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (article.id, article.content_hash, article.origin, article.url, article.outlet,
                 article.title, article.author,
                 article.published.isoformat() if article.published else None,
                 article.published_method, article.dateline_place, article.text, article.words,
                 article.removed_lines, article.minhash))
            self._insert_mentions(db, article.id, mentions)
            for other_id, similarity in links:
                db.execute("INSERT OR IGNORE INTO article_links VALUES (?,?,?,?)",
                           (article.id, other_id, "near-duplicate", similarity))
        return None

    # -- reprints: the same text under another id or URL ---------------------------------------
    def is_reprint(self, article: Article, stored_id: str) -> bool:
        """True when `article` has the text of stored article `stored_id` but is another source:
        another given id, or another URL, and not a reprint stored already."""
        if self.connection.execute("SELECT 1 FROM reprints WHERE id = ?", (article.id,)).fetchone():
            return False
        row = self.connection.execute("SELECT url FROM articles WHERE id = ?", (stored_id,)).fetchone()
        urls = {row["url"]} | {r[0] for r in self.connection.execute(
            "SELECT url FROM reprints WHERE article_id = ?", (stored_id,))}
        if article.url:
            return article.url not in urls
        return article.id != stored_id and not article.id.startswith("doc-")

    def add_reprint(self, article: Article, stored_id: str) -> str:
        """Stores `article` as a reprint of `stored_id`; returns the reprint's id (the given id, or
        one made from its URL when the text alone named it)."""
        reprint_id = article.id
        if reprint_id == stored_id or reprint_id.startswith("doc-"):
            reprint_id = "doc-" + hashlib.sha256(f"{article.url}|{article.content_hash}".encode()).hexdigest()[:16]
        with self.transaction() as db:
            db.execute("INSERT OR IGNORE INTO reprints (id, article_id, origin, url, outlet, title, published)"
                       " VALUES (?,?,?,?,?,?,?)",
                       (reprint_id, stored_id, article.origin, article.url, article.outlet, article.title,
                        article.published.isoformat() if article.published else None))
        return reprint_id

    def reprints(self, article_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
        """Maps each stored article (or each of `article_ids`) to the ids of its reprints, in id order."""
        wanted = None if article_ids is None else set(article_ids)
        query, params = "SELECT article_id, id FROM reprints", []
        if wanted is not None and len(wanted) <= 900:  # under SQLite's bound-parameter limit
            params = sorted(wanted)
            query += f" WHERE article_id IN ({','.join('?' * len(params))})"
        out: dict[str, list[str]] = {}
        for row in self.connection.execute(query + " ORDER BY article_id, id", params):
            if wanted is None or row[0] in wanted:
                out.setdefault(row[0], []).append(row[1])
        return out

    def replace_mentions(self, article_id: str, mentions: Iterable[Record]) -> None:
        """Replaces what was extracted from one article (used by re-extraction)."""
        with self.transaction() as db:
            db.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
            self._insert_mentions(db, article_id, mentions)

    @staticmethod
    def _insert_mentions(db: sqlite3.Connection, article_id: str,
                         mentions: Iterable[Record | MentionRow]) -> None:
        rows = (row if isinstance(row, MentionRow) else MentionRow.of(row) for row in mentions)
        db.executemany("INSERT INTO mentions (article_id, kind, position, body) VALUES (?,?,?,?)",
                       ((article_id, row.kind, position, row.body) for position, row in enumerate(rows)))

    def articles(self) -> list[Article]:
        rows = self.connection.execute(
            "SELECT * FROM articles ORDER BY published IS NULL, published, id").fetchall()
        return [_article_from_row(row) for row in rows]

    def article(self, article_id: str) -> Article | None:
        """An article by id; a reprint's id gives the stored text with the reprint's own metadata."""
        row = self.connection.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row:
            return _article_from_row(row)
        reprint = self.connection.execute("SELECT * FROM reprints WHERE id = ?", (article_id,)).fetchone()
        if reprint is None:
            return None
        original = self.article(reprint["article_id"])
        if original is None:
            return None
        return replace(original, id=reprint["id"], origin=reprint["origin"], url=reprint["url"],
                       outlet=reprint["outlet"] or original.outlet, title=reprint["title"] or original.title,
                       published=date.fromisoformat(reprint["published"]) if reprint["published"]
                       else original.published)

    def article_count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM articles").fetchone()[0])

    def minhashes(self) -> list[tuple[str, bytes]]:
        rows = self.connection.execute(
            "SELECT id, minhash FROM articles WHERE minhash IS NOT NULL ORDER BY id").fetchall()
        return [(row["id"], row["minhash"]) for row in rows]

    def links(self, article_id: str) -> list[tuple[str, str, float]]:
        """Returns (other article, kind, similarity) for every link of an article, either way."""
        rows = self.connection.execute(
            "SELECT other_id AS other, kind, similarity FROM article_links WHERE article_id = ?"
            " UNION SELECT article_id, kind, similarity FROM article_links WHERE other_id = ?"
            " ORDER BY 1", (article_id, article_id)).fetchall()
        return [(row[0], row[1], row[2]) for row in rows]

    def near_duplicate_groups(self) -> dict[str, str]:
        """Maps each article that has reprints to its group (the smallest id among them)."""
        parent: dict[str, str] = {}

        def find(item: str) -> str:
            parent.setdefault(item, item)
            while parent[item] != item:
                parent[item] = parent[parent[item]]
                item = parent[item]
            return item

        for row in self.connection.execute("SELECT article_id, other_id FROM article_links"):
            first, second = sorted((find(row[0]), find(row[1])))
            if first != second:
                parent[second] = first
        return {item: find(item) for item in list(parent)}

    # -- extraction and resolution ------------------------------------------------------------
    def mentions(self) -> list[tuple[int, str, Record]]:
        """Returns (mention id, article id, record) for everything extracted, in a stable order."""
        rows = self.connection.execute(
            "SELECT id, article_id, body FROM mentions ORDER BY article_id, position").fetchall()
        return [(row["id"], row["article_id"], record_from_dict(json.loads(row["body"])))
                for row in rows]

    def replace_records(self, resolved: Iterable[tuple[str, Record, list[int]]]) -> None:
        """Writes the resolved ledger (record id, record, mention ids) in one transaction.

        Only what changed is written (`ledger_sync.write_records`): records that are new or whose
        body differs, and the ones no longer in the ledger are deleted."""
        from dateline.store.ledger_sync import write_records

        with self.transaction() as db:
            write_records(db, resolved, None)

    def records(self, kind: str | None = None) -> list[tuple[str, Record]]:
        query = "SELECT id, body FROM records"
        params: tuple[Any, ...] = ()
        if kind:
            query += " WHERE kind = ?"
            params = (kind,)
        query += " ORDER BY kind, sort_date IS NULL, sort_date, id"
        rows = self.connection.execute(query, params).fetchall()
        return [(row["id"], record_from_dict(json.loads(row["body"]))) for row in rows]

    def record(self, record_id: str) -> Record | None:
        row = self.connection.execute("SELECT body FROM records WHERE id = ?", (record_id,)).fetchone()
        return record_from_dict(json.loads(row["body"])) if row else None


def _article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], text=row["text"], content_hash=row["content_hash"], origin=row["origin"],
        url=row["url"], outlet=row["outlet"], title=row["title"], author=row["author"],
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        published_method=row["published_method"], dateline_place=row["dateline_place"],
        removed_lines=row["removed_lines"], minhash=row["minhash"])


def split_sql(sql: str) -> list[str]:
    """Splits an SQL file into statements, after dropping `--` comment lines (the files hold no
    semicolons inside strings). Pieces are joined until SQLite reads a complete statement, so a
    trigger keeps the semicolons inside its BEGIN ... END."""
    code = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    statements: list[str] = []
    pending = ""
    for part in code.split(";"):
        pending = f"{pending};{part}" if pending else part
        if sqlite3.complete_statement(pending + ";"):
            if pending.strip():
                statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


def reprint_summaries(db: sqlite3.Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Returns {reprint id: {id, title, outlet, published, url, reprint_of}} for the ids that are
    reprints."""
    out: dict[str, dict[str, Any]] = {}
    if not ids:
        return out
    marks = ",".join("?" * len(ids))
    for row in db.execute(f"SELECT id, title, outlet, published, url, article_id FROM reprints"
                          f" WHERE id IN ({marks})", ids):
        out[row[0]] = {"id": row[0], "title": row[1], "outlet": row[2], "published": row[3],
                       "url": row[4], "reprint_of": row[5]}
    return out
