"""Keeps the ledger in step with the store: incrementally after new articles, whole when needed.

New articles are marked pending in their own transaction (migration 0010). `update_ledger`
replays the merge's decisions from their event reports (`dateline.resolve.replay`): only the
reports that find a cluster whose members changed are decided again, and only the records of
changed clusters are replaced; tallies and statements (records of one key each) are re-made by
their connected component of `dateline.resolve.blocks`, as are events when the replay cannot
stand alone (a record id shared with a record outside it, or a later pass of the merge that
joins clusters next to the replayed ones). The marks are cleared in the same
transaction, so a crash leaves either the old ledger with its marks or the new one without: the
next run repairs it. The result is the same, ids included, as `rebuild_ledger`, which resolves
everything.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dateline.resolve.blocks import KEYS_VERSION, link_keys, partner
from dateline.model import EventRecord, Record
from dateline.resolve import merge
from dateline.resolve.merge import resolve
from dateline.resolve.replay import Unreplayable, replay
from dateline.store import ledger_sync as sync
from dateline.store.db import Store
from dateline.store.reviews import apply_reviews

Related = Callable[[str, str], bool]
# Past this share of all mentions, one pass over everything is cheaper than a component.
FULL_SHARE = 0.5
FULL_MIN = 2000


@dataclass
class LedgerUpdate:
    mode: str  # "none" | "incremental" | "full"
    mentions: int = 0  # mentions re-resolved
    records: int = 0  # records written in their place
    changed: int = 0  # record rows inserted, updated or deleted
    decided: int = 0  # reports whose merge decision was replayed (incremental updates)


def update_ledger(store: Store, related: Related | None = None) -> LedgerUpdate:
    """Repairs whatever the store marks stale; does nothing when the ledger is current."""
    with store.transaction() as db:
        full, version = sync.sync_state(db)
        if full or version != KEYS_VERSION:
            return _rebuild(store, related)
        pending = sync.pending_articles(db)
        if not pending:
            return LedgerUpdate("none")
        fresh = sync.load_mentions(db, "WHERE article_id IN (SELECT article_id FROM ledger_pending)")
        db.execute("DELETE FROM ledger_keys WHERE mention_id IN (SELECT id FROM mentions"
                   " WHERE article_id IN (SELECT article_id FROM ledger_pending))")
        sync.write_keys(db, ((mid, link_keys(aid, record)) for mid, aid, record in fresh), partner)
        # A new reprint joins its near-duplicate group: the group's records count evidence anew.
        groups = store.near_duplicate_groups()
        pending_set = set(pending)
        touched = {groups.get(article, article) for article in pending}
        grouped = [a for a, g in groups.items() if g in touched and a not in pending_set]
        seeds = [mid for mid, _a, _r in fresh] + sync.mentions_of(db, grouped)
        try:
            return _replay_update(store, seeds, groups, related)
        except Unreplayable:
            return _component_update(store, seeds, groups, related)


def _replay_update(store: Store, seeds: list[int], groups: dict[str, str],
                   related: Related | None) -> LedgerUpdate:
    """Re-decides the new event reports and what their decisions reach (`resolve.replay`); the
    tallies and statements, whose records are buckets of one key, are re-made by component."""
    db = store.connection
    source = sync.StoredLedger(db)
    loaded = source.mentions(seeds)
    events = sorted(mid for mid, (_a, record) in loaded.items() if isinstance(record, EventRecord))
    others = sorted(mid for mid in loaded if mid not in set(events))
    # Stored reports among the seeds have a new reprint or near-duplicate: their records change.
    dirty = set(source.labels(events).values())
    replayed = replay(source, events, dirty, groups, related)
    stems = {record_id for record_id, _r, _m in replayed.records}
    stems |= {"-".join(record_id.split("-")[:2]) for record_id in replayed.replaced}
    for stem in stems:
        if not source.ids_with_stem(stem) <= set(replayed.replaced):
            raise Unreplayable(f"record id {stem} is shared with a record outside the replay")
    resolved = merge._unique_ids(replayed.records)
    replaced = list(replayed.replaced)
    if others:
        members = sync.component(db, others)
        replaced += sync.records_of(db, members)
        mentions = sync.component_mentions(db, members)
        resolved += resolve(mentions, groups, related)
    articles = {article for record_id, record, _m in resolved for article in _articles(record)}
    reprints = store.reprints(articles)
    if reprints:
        original = {reprint: article for article, ids in reprints.items() for reprint in ids}
        resolved = [(rid, merge._with_reprints(record, reprints, original), mids) for rid, record, mids in resolved]
    resolved = apply_reviews(store, resolved)
    changed = sync.write_records(db, resolved, replaced)
    sync.mark_synced(db)
    return LedgerUpdate("incremental", sum(len(mids) for _r, _b, mids in resolved), len(resolved), changed,
                        replayed.decided)


def _articles(record: Record) -> set[str]:
    return {source.article for source in record.sources}


def _component_update(store: Store, seeds: list[int], groups: dict[str, str],
                      related: Related | None) -> LedgerUpdate:
    """Re-resolves the whole connected component of mentions the seeds reach (see `blocks`)."""
    db = store.connection
    members = sync.component(db, seeds)
    if len(members) > max(FULL_SHARE * sync.mention_count(db), FULL_MIN):
        return _rebuild(store, related)
    replaced = sync.records_of(db, members)
    mentions = sync.component_mentions(db, members)
    # Only the component's articles are sources of its records: their reprints are all it needs.
    reprints = store.reprints({article for _mid, article, _record in mentions})
    resolved = apply_reviews(store, resolve(mentions, groups, related, reprints=reprints))
    changed = sync.write_records(db, resolved, replaced)
    sync.mark_synced(db)
    return LedgerUpdate("incremental", len(mentions), len(resolved), changed)


def rebuild_ledger(store: Store, related: Related | None = None) -> int:
    """Resolves every stored mention into the ledger; returns how many records it holds."""
    with store.transaction():
        return _rebuild(store, related).records


def _rebuild(store: Store, related: Related | None) -> LedgerUpdate:
    db = store.connection
    mentions = sync.load_mentions(db)
    resolved = resolve(mentions, store.near_duplicate_groups(), related, reprints=store.reprints())
    # Analysts' decisions are kept apart from what extraction reads, and put back on every
    # rebuild: corrections and rejections survive re-extraction.
    resolved = apply_reviews(store, resolved)
    changed = sync.write_records(db, resolved, None)
    sync.replace_all_keys(db, ((mid, link_keys(aid, record)) for mid, aid, record in mentions), partner)
    sync.mark_synced(db, KEYS_VERSION)
    return LedgerUpdate("full", len(mentions), len(resolved), changed)
