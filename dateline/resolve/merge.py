"""Resolves what articles told into one ledger: the same event from several reports is one record.

Mentions are clustered greedily in a fixed order (most specific first, then by article id and
position), so the ledger does not depend on the order articles arrived in. A mention joins the
cluster it is most compatible with: same event type and country, dates that agree within their
precision, places that agree through the hierarchy (a base inside its province), and actors that
agree (an unidentified group agrees with a named one). Two places named apart in one sentence
("near Qaim and Jurf al-Nasr") never merge.
"""
from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dateline.model import (Article, EventRecord, Evidence, Record, Source, StatementRecord,
                            TallyRecord)

_TOLERANCE = {"day": 1, "range": 6, "month": 16}
_PRECISION_RANK = {"day": 0, "range": 1, "month": 2, "unknown": 3}


@dataclass
class Cluster:
    members: list[tuple[int, str, EventRecord]] = field(default_factory=list)
    canonical: EventRecord | None = None


def resolve(mentions: list[tuple[int, str, Record]],
            articles: dict[str, Article] | None = None) -> list[tuple[str, Record, list[int]]]:
    """Returns the ledger: (stable record id, merged record, ids of the mentions behind it)."""
    events = [(mid, aid, r) for mid, aid, r in mentions if isinstance(r, EventRecord)]
    tallies = [(mid, aid, r) for mid, aid, r in mentions if isinstance(r, TallyRecord)]
    statements = [(mid, aid, r) for mid, aid, r in mentions if isinstance(r, StatementRecord)]
    order = {mid: (aid, mid) for mid, aid, _r in mentions}
    out: list[tuple[str, Record, list[int]]] = []
    out.extend(_resolve_events(events, order))
    out.extend(_resolve_simple(tallies, order, _tally_key, _merge_tallies, "ta"))
    out.extend(_resolve_simple(statements, order, _statement_key, _merge_statements, "st"))
    return out


# -- events -----------------------------------------------------------------------------------
def _specificity(record: EventRecord) -> tuple[int, int, int]:
    return (_PRECISION_RANK.get(record.date_precision, 3), 0 if record.location else 1 if record.admin1 else 2,
            0 if record.actor1 and not record.actor1.startswith("Unidentified") else 1)


def _resolve_events(events: list[tuple[int, str, EventRecord]],
                    order: dict[int, tuple[str, int]]) -> list[tuple[str, Record, list[int]]]:
    ordered = sorted(events, key=lambda m: (_specificity(m[2]), order[m[0]]))
    clusters: list[Cluster] = []
    for mention in ordered:
        best, best_score = None, 0.0
        for cluster in clusters:
            score = _compatibility(cluster, mention)
            if score > best_score:
                best, best_score = cluster, score
        if best is None:
            best = Cluster()
            clusters.append(best)
        best.members.append(mention)
        best.canonical = _merge_events([m[2] for m in best.members])
    out = []
    for cluster in clusters:
        first = min(order[m[0]] for m in cluster.members)
        anchor = min(cluster.members, key=lambda m: order[m[0]])[2]
        record_id = "ev-" + _digest(f"{first[0]}|{anchor.sources[0].quote}|{anchor.location}|{anchor.country}")
        assert cluster.canonical is not None
        out.append((record_id, cluster.canonical, sorted(m[0] for m in cluster.members)))
    return out


def _compatibility(cluster: Cluster, mention: tuple[int, str, EventRecord]) -> float:
    """Returns 0 when the mention cannot be the cluster's event, else a closeness score."""
    record = mention[2]
    canonical = cluster.canonical
    assert canonical is not None
    for _mid, article_id, other in cluster.members:
        if article_id == mention[1] and other.sources[0].quote == record.sources[0].quote:
            return 0.0  # split on purpose in the same sentence
    if canonical.event_type != record.event_type:
        return 0.0
    if canonical.country and record.country and canonical.country != record.country:
        return 0.0
    date_score = _dates_agree(canonical, record)
    if date_score is None:
        return 0.0
    place_score = _places_agree(canonical, record)
    if place_score is None:
        return 0.0
    if not _actors_agree(canonical.actor1, record.actor1) or not _actors_agree(canonical.actor2, record.actor2):
        return 0.0
    if date_score == 0.5 and place_score < 1.0 and all(a != mention[1] for _m, a, _r in cluster.members):
        return 0.0  # undated and only loosely placed: too weak to merge across articles
    return 1.0 + date_score + place_score + (canonical.sub_event_type == record.sub_event_type)


def _dates_agree(a: EventRecord, b: EventRecord) -> float | None:
    if not a.event_date or not b.event_date:
        return 0.5
    gap = abs((date.fromisoformat(a.event_date) - date.fromisoformat(b.event_date)).days)
    limit = max(_TOLERANCE.get(a.date_precision, 1), _TOLERANCE.get(b.date_precision, 1))
    if gap > limit:
        return None
    return 1.0 - gap / (limit + 1)


def _places_agree(a: EventRecord, b: EventRecord) -> float | None:
    if a.location and b.location:
        if _same_name(a.location, b.location):
            return 2.0
        distance = _km(a, b)
        if distance is not None and distance <= 10:
            return 1.5
        return None
    if a.admin1 and b.admin1 and not _same_name(a.admin1, b.admin1):
        return None
    if a.admin1 and b.admin1:
        return 1.0
    return 0.5


def _same_name(a: str, b: str) -> bool:
    return _norm(a) == _norm(b)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _km(a: EventRecord, b: EventRecord) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _actors_agree(a: str | None, b: str | None) -> bool:
    if not a or not b or a == b:
        return True
    return a.startswith("Unidentified") or b.startswith("Unidentified") or \
        a.startswith("Civilians") and b.startswith("Civilians")


def _merge_events(records: list[EventRecord]) -> EventRecord:
    """The most precise value of each field; conflicting figures kept in the evidence."""
    by_date = min(records, key=lambda r: _PRECISION_RANK.get(r.date_precision, 3))
    dated = [r for r in records if r.date_precision == by_date.date_precision and r.event_date]
    event_date = _mode([r.event_date for r in dated]) if dated else None
    date_source = next((r for r in dated if r.event_date == event_date), by_date)
    placed = min(records, key=lambda r: (0 if r.location else 1 if r.admin1 else 2, r.geo_precision))
    actor1 = _best_actor([r.actor1 for r in records]) or records[0].actor1
    actor2 = _best_actor([r.actor2 for r in records])
    weapons: list[str] = []
    for record in records:
        weapons.extend(w for w in record.weapons if w not in weapons)
    sources: list[Source] = []
    for record in records:
        for source in record.sources:
            if all((s.article, s.quote) != (source.article, source.quote) for s in sources):
                sources.append(source)
    fatalities, fatality_rule = _figure([r.fatalities for r in records])
    injured, injured_rule = _figure([r.injured for r in records])
    evidence = dict(placed.evidence)
    evidence.update({k: v for k, v in date_source.evidence.items() if k in ("event_date", "date_precision")})
    for record in records:
        for key in ("fatalities", "injured", "denied_by", "claimed_by"):
            if key in record.evidence and key not in evidence:
                evidence[key] = record.evidence[key]
    evidence["fatalities_reported"] = Evidence(
        [{"value": r.fatalities, "article": r.sources[0].article} for r in records if r.fatalities is not None],
        None, fatality_rule)
    if fatalities is not None:
        evidence["fatalities"] = Evidence(fatalities, evidence.get("fatalities", Evidence(None)).span,
                                          fatality_rule)
    if injured is not None:
        evidence["injured"] = Evidence(injured, evidence.get("injured", Evidence(None)).span, injured_rule)
    merged = EventRecord(
        event_date=event_date, date_precision=date_source.date_precision if event_date else "unknown",
        event_type=records[0].event_type,
        sub_event_type=_mode([r.sub_event_type for r in records]) or records[0].sub_event_type,
        actor1=actor1, actor2=actor2, country=placed.country, admin1=placed.admin1,
        location=placed.location, latitude=placed.latitude, longitude=placed.longitude,
        geo_precision=placed.geo_precision, fatalities=fatalities, injured=injured,
        claimed_by=sorted({c for r in records for c in r.claimed_by}),
        denied_by=sorted({d for r in records for d in r.denied_by}),
        weapons=weapons, sources=sources, evidence=evidence)
    merged.notes = describe(merged)
    return merged


def _best_actor(names: list[str | None]) -> str | None:
    named = [n for n in names if n and not n.startswith("Unidentified")]
    if named:
        return _mode(named)
    return _mode([n for n in names if n])


def _figure(values: list[int | None]) -> tuple[int | None, str]:
    """ACLED's rule with consensus first: the figure most reports give; on a tie the lowest
    (most conservative). A zero counts only when no report gives a positive figure."""
    reported = [v for v in values if v is not None]
    if not reported:
        return None, "no figure reported"
    positive = [v for v in reported if v > 0] or reported
    counts = Counter(positive)
    top = max(counts.values())
    value = min(v for v, c in counts.items() if c == top)
    rule = "single report" if len(reported) == 1 else \
        f"reports {sorted(reported)}: most reported, lowest on a tie (ACLED: most conservative)"
    return value, rule


def _mode(values: list[Any]) -> Any:
    values = [v for v in values if v is not None]
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    return sorted(v for v, c in counts.items() if c == top)[0]


def describe(event: EventRecord) -> str:
    """One plain sentence: who did what to whom, where, when, with what outcome."""
    when = {"day": f"On {event.event_date}", "range": f"Around {event.event_date}",
            "month": f"In the month of {event.event_date[:7] if event.event_date else '?'}"}.get(
        event.date_precision, "On an unknown date")
    where = ", ".join(p for p in (event.location, event.admin1, event.country) if p) or "an unknown place"
    whom = f" against {event.actor2}" if event.actor2 else ""
    outcome = []
    if event.fatalities is not None:
        outcome.append(f"{event.fatalities} killed")
    if event.injured is not None:
        outcome.append(f"{event.injured} injured")
    tail = f"; {', '.join(outcome)}" if outcome else ""
    return f"{when} {event.actor1}: {event.sub_event_type.lower()}{whom} in {where}{tail}."


# -- tallies and statements -------------------------------------------------------------------
def _tally_key(record: TallyRecord) -> tuple[Any, ...]:
    return (_norm(record.metric), float(record.value), record.qualifier, record.period_start)


def _statement_key(record: StatementRecord) -> tuple[Any, ...]:
    return (_norm(record.quote)[:120],)


def _merge_tallies(records: list[TallyRecord]) -> TallyRecord:
    first = min(records, key=lambda r: r.as_of or "9999")
    scope: list[str] = []
    for record in records:
        scope.extend(c for c in record.scope if c not in scope)
    sources = [s for r in records for s in r.sources]
    attributed = next((r.attributed_to for r in records if r.attributed_to), None)
    return TallyRecord(metric=first.metric, value=first.value, qualifier=first.qualifier,
                       period_start=first.period_start, period_start_precision=first.period_start_precision,
                       as_of=first.as_of, attributed_to=attributed, scope=scope, sources=sources,
                       evidence=first.evidence)


def _merge_statements(records: list[StatementRecord]) -> StatementRecord:
    first = records[0]
    sources = [s for r in records for s in r.sources]
    return StatementRecord(speaker=first.speaker, target=first.target, stance=first.stance,
                           date=min((r.date for r in records if r.date), default=None),
                           date_precision=first.date_precision, quote=first.quote, sources=sources,
                           notes=first.notes, evidence=first.evidence)


def _resolve_simple(mentions: list[tuple[int, str, Any]], order: dict[int, tuple[str, int]],
                    key: Any, merge: Any, prefix: str) -> list[tuple[str, Record, list[int]]]:
    groups: dict[tuple[Any, ...], list[tuple[int, str, Any]]] = {}
    for mention in sorted(mentions, key=lambda m: order[m[0]]):
        groups.setdefault(key(mention[2]), []).append(mention)
    out = []
    for group_key, members in groups.items():
        record = merge([m[2] for m in members])
        out.append((f"{prefix}-" + _digest(repr(group_key)), record, sorted(m[0] for m in members)))
    return out


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
