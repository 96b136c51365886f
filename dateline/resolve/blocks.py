"""Which mentions can change each other's resolution: the link keys of a mention.

The incremental ledger re-decides only the mentions a new article can reach. Two mentions are
linked when one *posts* a key that the other *probes* ("+k" and "?k"); a key that links both ways
is given as both. A report finds, at its turn, exactly the clusters holding a report that posts a
key it probes (`resolve.replay` follows these links forward in the merge's order), and the
connected components of the relation are resolved independently: `resolve` on a component gives
the same records (ids included) as `resolve` on everything.

The keys are the merge's own (`merge._BlockIndex.posts` / `probes`, which stay within
`merge.block_keys`): a mention posts the keys a cluster holding it is found under and probes the
keys it looks clusters up under, so every cluster that could be a candidate of a mention shares
a key with it. Posted and probed keys are kept apart so that a country-level report links the
events of its day without chaining every province's reports into one component.
"""
from __future__ import annotations

import hashlib
import inspect

from dateline.model import EventRecord, Record, StatementRecord, TallyRecord
from dateline.resolve import merge, regions


def link_keys(article_id: str, record: Record) -> set[str]:
    """Returns the keys linking a mention (of `article_id`) to the mentions it can interact with."""
    if isinstance(record, TallyRecord):
        return _both(f"t|{merge._tally_key(record)!r}")
    if isinstance(record, StatementRecord):
        return _both(f"s|{merge._statement_key(record)!r}")
    assert isinstance(record, EventRecord)
    return ({f"+{key!r}" for key in merge._BlockIndex.posts(record, article_id)}
            | {f"?{key!r}" for key in merge._BlockIndex.probes(record, article_id)})


def partner(key: str) -> str:
    """Returns the key a linked mention holds: a posted key meets the same key probed."""
    return ("?" if key[0] == "+" else "+") + key[1:]


def _both(key: str) -> set[str]:
    return {"+" + key, "?" + key}


def _version() -> str:
    """Changes whenever the key functions change, so stored keys are then rebuilt."""
    parts = [inspect.getsource(link_keys), inspect.getsource(merge._BlockIndex),
             inspect.getsource(merge.window), inspect.getsource(merge.family),
             inspect.getsource(regions.province)]
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:12]


KEYS_VERSION = _version()
