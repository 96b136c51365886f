"""Resolves what articles told into one ledger: the same event from several reports is one record.

Mentions are clustered greedily in a fixed order (most specific first, then by article id and
position), so the ledger does not depend on the order articles arrived in. A mention joins the
cluster it is most compatible with (see `compare`): same event type and country, dates that agree
within their precision, places that agree through the hierarchy (a base inside its province), and
actors that agree (an unidentified group agrees with a named one, a faction with its umbrella).
Two places named apart in one sentence ("near Qaim and Jurf al-Nasr") never merge.

Clusters are looked up through a block index (type, country, admin1, day) so each mention is
compared only with clusters that could match: resolution grows as n·log n, not n².
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateline.model import EventRecord, Record, StatementRecord, TallyRecord
from dateline.resolve.combine import PRECISION_RANK, merge_events, merge_statements, merge_tallies
from dateline.resolve.compare import TOLERANCE, actors_agree, dates_agree, norm, places_agree

Related = Callable[[str, str], bool]
Mention = tuple[int, str, Record]


@dataclass
class Cluster:
    number: int
    members: list[tuple[int, str, EventRecord]] = field(default_factory=list)
    canonical: EventRecord | None = None


def resolve(mentions: list[Mention], groups: dict[str, str] | None = None,
            related: Related | None = None) -> list[tuple[str, Record, list[int]]]:
    """Returns the ledger: (stable record id, merged record, ids of the mentions behind it).

    `groups` maps an article id to its near-duplicate group (reprints count once as evidence);
    `related(a, b)` says whether two actor names are affiliated (Kataib Hezbollah, PMF)."""
    groups = groups or {}
    order = {mid: (aid, mid) for mid, aid, _r in mentions}
    out: list[tuple[str, Record, list[int]]] = []
    events = [(m, a, r) for m, a, r in mentions if isinstance(r, EventRecord)]
    out.extend(_resolve_events(events, order, groups, related))
    out.extend(_resolve_simple([m for m in mentions if isinstance(m[2], TallyRecord)], order,
                               _tally_key, merge_tallies, "ta"))
    out.extend(_resolve_simple([m for m in mentions if isinstance(m[2], StatementRecord)], order,
                               _statement_key, merge_statements, "st"))
    return out


class _BlockIndex:
    """Clusters indexed by (event type, country, province) and by each day their date tolerance
    covers; undated clusters by (type, country) and every cluster by the articles behind it."""

    def __init__(self) -> None:
        self.by_day: dict[tuple[str, str, str, int], list[Cluster]] = defaultdict(list)
        self.by_country_day: dict[tuple[str, str, int], list[Cluster]] = defaultdict(list)
        self.undated: dict[tuple[str, str], list[Cluster]] = defaultdict(list)
        self.by_article: dict[str, list[Cluster]] = defaultdict(list)

    def add(self, cluster: Cluster, article: str, record: EventRecord) -> None:
        kind, country, province = record.event_type, record.country or "", norm(record.admin1 or "")
        if record.event_date:
            day = date.fromisoformat(record.event_date).toordinal()
            reach = TOLERANCE.get(record.date_precision, 1)
            for covered in range(day - reach, day + reach + 1):
                _append(self.by_day[(kind, country, province, covered)], cluster)
                _append(self.by_country_day[(kind, country, covered)], cluster)
        else:
            _append(self.undated[(kind, country)], cluster)
        _append(self.by_article[article], cluster)

    def candidates(self, article: str, record: EventRecord) -> list[Cluster]:
        kind, country, province = record.event_type, record.country or "", norm(record.admin1 or "")
        found: dict[int, Cluster] = {c.number: c for c in self.by_article.get(article, [])}
        if record.event_date:
            day = date.fromisoformat(record.event_date).toordinal()
            reach = TOLERANCE.get(record.date_precision, 1)
            for covered in range(day - reach, day + reach + 1):
                if province:
                    # A placed report can only join a cluster in its province or one not yet placed.
                    buckets = [self.by_day.get((kind, country, province, covered), []),
                               self.by_day.get((kind, country, "", covered), [])]
                else:
                    buckets = [self.by_country_day.get((kind, country, covered), [])]
                for bucket in buckets:
                    for cluster in bucket:
                        found[cluster.number] = cluster
        for cluster in self.undated.get((kind, country), ()):
            found[cluster.number] = cluster
        return [found[n] for n in sorted(found)]


def _append(bucket: list[Cluster], cluster: Cluster) -> None:
    if not bucket or bucket[-1] is not cluster and cluster not in bucket:
        bucket.append(cluster)


def _specificity(record: EventRecord) -> tuple[int, int, int]:
    return (PRECISION_RANK.get(record.date_precision, 3),
            0 if record.location else 1 if record.admin1 else 2,
            0 if record.actor1 and not record.actor1.startswith("Unidentified") else 1)


def _resolve_events(events: list[tuple[int, str, EventRecord]], order: dict[int, tuple[str, int]],
                    groups: dict[str, str], related: Related | None) -> list[tuple[str, Record, list[int]]]:
    ordered = sorted(events, key=lambda m: (_specificity(m[2]), order[m[0]]))
    clusters: list[Cluster] = []
    index = _BlockIndex()
    for mention in ordered:
        best, best_score = None, 0.0
        for cluster in index.candidates(mention[1], mention[2]):
            score = _compatibility(cluster, mention, related)
            if score > best_score:
                best, best_score = cluster, score
        if best is None:
            best = Cluster(len(clusters))
            clusters.append(best)
        best.members.append(mention)
        best.canonical = merge_events([m[2] for m in best.members], groups)
        index.add(best, mention[1], mention[2])
    out: list[tuple[str, Record, list[int]]] = []
    for cluster in clusters:
        anchor_mid, anchor_article, anchor = min(cluster.members, key=lambda m: order[m[0]])
        record_id = "ev-" + _digest(f"{anchor_article}|{anchor.sources[0].quote}|{anchor.location}|"
                                    f"{anchor.admin1}|{anchor.country}")
        assert cluster.canonical is not None
        out.append((record_id, cluster.canonical, sorted(m[0] for m in cluster.members)))
    return _unique_ids(out)


def _compatibility(cluster: Cluster, mention: tuple[int, str, EventRecord],
                   related: Related | None) -> float:
    """Returns 0 when the mention cannot be the cluster's event, else a closeness score."""
    record = mention[2]
    canonical = cluster.canonical
    assert canonical is not None
    for _mid, article_id, other in cluster.members:
        if article_id == mention[1] and other.sources[0].quote == record.sources[0].quote:
            return 0.0  # split on purpose in the same sentence
    if canonical.event_type != record.event_type:
        return 0.0
    if canonical.sub_event_type != record.sub_event_type and canonical.weapons and record.weapons \
            and not set(canonical.weapons) & set(record.weapons):
        return 0.0  # a drone strike and a rocket attack are two events, even the same night
    if canonical.country and record.country and canonical.country != record.country:
        return 0.0
    date_score = dates_agree(canonical, record)
    place_score = places_agree(canonical, record)
    if date_score is None or place_score is None:
        return 0.0
    if not _actor_ok(canonical.actor1, record.actor1, related) or \
            not _actor_ok(canonical.actor2, record.actor2, related):
        return 0.0
    same_article = any(a == mention[1] for _m, a, _r in cluster.members)
    # The same sentence about the same place in another article is a reprint of the same report.
    reprinted = any(other.sources[0].quote == record.sources[0].quote and other.location == record.location
                    and other.admin1 == record.admin1 for _m, _a, other in cluster.members)
    if date_score == 0.5 and place_score < 1.0 and not same_article and not reprinted:
        return 0.0  # undated and only loosely placed: too weak to merge across articles
    return 1.0 + date_score + place_score + (canonical.sub_event_type == record.sub_event_type) + 2 * reprinted


def _actor_ok(a: str | None, b: str | None, related: Related | None) -> bool:
    if actors_agree(a, b):
        return True
    return bool(related and a and b and (related(a, b) or related(b, a)))


def _unique_ids(resolved: list[tuple[str, Record, list[int]]]) -> list[tuple[str, Record, list[int]]]:
    """Two clusters anchored on the same sentence and place get distinct, still stable, ids."""
    seen: dict[str, int] = {}
    out = []
    for record_id, record, mention_ids in sorted(resolved, key=lambda item: (item[0], item[2])):
        count = seen.get(record_id, 0)
        seen[record_id] = count + 1
        out.append((record_id if count == 0 else f"{record_id}-{count}", record, mention_ids))
    return out


def _tally_key(record: TallyRecord) -> tuple[Any, ...]:
    return (norm(record.metric), float(record.value), record.qualifier, record.period_start)


def _statement_key(record: StatementRecord) -> tuple[Any, ...]:
    return (norm(record.quote)[:120],)


def _resolve_simple(mentions: list[Mention], order: dict[int, tuple[str, int]], key: Any, merge: Any,
                    prefix: str) -> list[tuple[str, Record, list[int]]]:
    buckets: dict[tuple[Any, ...], list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: order[m[0]]):
        buckets.setdefault(key(mention[2]), []).append(mention)
    return [(f"{prefix}-" + _digest(repr(bucket_key)), merge([m[2] for m in members]),
             sorted(m[0] for m in members)) for bucket_key, members in buckets.items()]


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
