"""Which mentions can change each other's resolution: the link keys of a mention.

The incremental ledger re-resolves only the mentions a new article can reach. Two mentions are
linked when one *posts* a key that the other *probes* ("+k" and "?k"); a key that links both ways
is given as both. The connected components of that relation are resolved independently:
`resolve` on a component gives the same records (ids included) as `resolve` on everything.

Until the merge exposes its own `block_keys(record)` (a set of keys that link mentions sharing
one), `_adapter_keys` mirrors `merge._BlockIndex`: a mention posts the blocks it is indexed under
and probes the blocks it looks clusters up in, so every cluster that could be a candidate of a
mention shares a key with it. `link_keys` is the one place to switch.
"""
from __future__ import annotations

import hashlib
import inspect
from datetime import date

from dateline.model import EventRecord, Record, StatementRecord, TallyRecord
from dateline.resolve import merge
from dateline.resolve.compare import TOLERANCE, norm

_CONTRACT = getattr(merge, "block_keys", None)


def link_keys(article_id: str, record: Record) -> set[str]:
    """Returns the keys linking a mention (of `article_id`) to the mentions it can interact with."""
    if isinstance(record, TallyRecord):
        return _both(f"t|{merge._tally_key(record)!r}")
    if isinstance(record, StatementRecord):
        return _both(f"s|{merge._statement_key(record)!r}")
    assert isinstance(record, EventRecord)
    # Clusters are looked up by the article too: a mention of the same article is always linked.
    keys = _both(f"a|{article_id}")
    if _CONTRACT is not None:
        for key in _CONTRACT(record):
            keys |= _both(f"b|{key!r}")
        return keys
    return keys | _adapter_keys(record)


def partner(key: str) -> str:
    """Returns the key a linked mention holds: a posted key meets the same key probed."""
    return ("?" if key[0] == "+" else "+") + key[1:]


def _both(key: str) -> set[str]:
    return {"+" + key, "?" + key}


def _adapter_keys(record: EventRecord) -> set[str]:
    kind, country, province = record.event_type, record.country or "", norm(record.admin1 or "")
    keys = set()
    if not record.event_date:
        # Undated clusters are candidates of every mention of their type and country.
        return _both(f"u|{kind}|{country}")
    keys.add(f"?u|{kind}|{country}")
    day = date.fromisoformat(record.event_date).toordinal()
    reach = TOLERANCE.get(record.date_precision, 1)
    for covered in range(day - reach, day + reach + 1):
        keys.add(f"+p|{kind}|{country}|{province}|{covered}")
        keys.add(f"+c|{kind}|{country}|{covered}")
        if province:
            keys.add(f"?p|{kind}|{country}|{province}|{covered}")
            keys.add(f"?p|{kind}|{country}||{covered}")
        else:
            keys.add(f"?c|{kind}|{country}|{covered}")
    return keys


def _version() -> str:
    """Changes whenever the key functions change, so stored keys are then rebuilt."""
    parts = [inspect.getsource(link_keys), inspect.getsource(_adapter_keys),
             repr(sorted(TOLERANCE.items()))]
    if _CONTRACT is not None:
        try:
            parts.append(inspect.getsource(_CONTRACT))
        except (OSError, TypeError):
            parts.append(repr(_CONTRACT))
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:12]


KEYS_VERSION = _version()
