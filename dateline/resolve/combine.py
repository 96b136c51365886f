"""Combines the reports of one event into its record: the most precise value of each field,
every source, and conflicting figures kept side by side rather than averaged."""
from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from dateline.model import EventRecord, Evidence, Source, StatementRecord, TallyRecord
from dateline.resolve.affinity import INTERCEPTION, Related, more_specific, one_side, same_party

PRECISION_RANK = {"day": 0, "range": 1, "month": 2, "unknown": 3}


def merge_events(records: list[EventRecord], groups: dict[str, str] | None = None,
                 related: Related | None = None, fields_only: bool = False) -> EventRecord:
    """The most precise value of each field; conflicting figures kept in the evidence.
    `fields_only` leaves out sources, figures, evidence and notes (what matching a report needs
    is the rest; the resolver asks for the full record once a cluster is complete)."""
    by_date = min(records, key=lambda r: PRECISION_RANK.get(r.date_precision, 3))
    dated = [r for r in records if r.date_precision == by_date.date_precision and r.event_date]
    event_date = _mode([r.event_date for r in dated]) if dated else None
    date_source = next((r for r in dated if r.event_date == event_date), by_date)
    placed = min(records, key=lambda r: (0 if r.location else 1 if r.admin1 else 2, r.geo_precision))
    typed = _event_type(records, groups or {})
    # An interception names the interceptor first; an attack names the attacker first.
    # A report whose two sides are one party has its roles misread: the others name the parties.
    told = [r for r in records if not one_side(r.actor1, r.actor2, related)] or records
    sides = [(r.actor2, r.actor1) if (r.sub_event_type == INTERCEPTION) != (typed.sub_event_type == INTERCEPTION)
             else (r.actor1, r.actor2) for r in told]
    actor1 = _best_actor([a for a, _b in sides], related) or typed.actor1
    actor2 = _best_actor([b for _a, b in sides], related)
    weapons: list[str] = []
    for record in records:
        weapons.extend(w for w in record.weapons if w not in weapons)
    if fields_only:
        # The death toll its reports agree on (none when they differ): matching compares tolls.
        tolls = {r.fatalities for r in records if r.fatalities is not None}
        return EventRecord(
            event_date=event_date, date_precision=date_source.date_precision if event_date else "unknown",
            event_type=typed.event_type, sub_event_type=typed.sub_event_type, actor1=actor1, actor2=actor2,
            country=placed.country, admin1=placed.admin1, location=placed.location, latitude=placed.latitude,
            longitude=placed.longitude, geo_precision=placed.geo_precision,
            fatalities=tolls.pop() if len(tolls) == 1 else None, injured=None, weapons=weapons,
            # The place's gazetteer kind (a base, an airport, a city) is part of how places compare,
            # and the date's rule (a calendar week, a weekend) is part of how dates do.
            evidence={name: source.evidence[name] for name, source in
                      (("location", placed), ("event_date", date_source)) if name in source.evidence})
    sources: list[Source] = []
    for record in records:
        for source in record.sources:
            if all((s.article, s.quote) != (source.article, source.quote) for s in sources):
                sources.append(source)
    # Syndicated reprints count once as evidence: one figure per group of near-duplicate articles.
    fatalities, fatality_rule = _figure(_per_source(records, groups or {}, "fatalities"))
    injured, injured_rule = _figure(_per_source(records, groups or {}, "injured"))
    evidence = dict(placed.evidence)
    evidence.update({k: v for k, v in date_source.evidence.items() if k in ("event_date", "date_precision")})
    for key, value in (("actor1", actor1), ("actor2", actor2)):
        giver = next((r for r in records if getattr(r, key) == value and key in r.evidence), None)
        if giver is not None:
            evidence[key] = giver.evidence[key]
    for record in records:
        for key in ("fatalities", "injured", "denied_by", "claimed_by"):
            if key in record.evidence and key not in evidence:
                evidence[key] = record.evidence[key]
    for key, rule in (("fatalities", fatality_rule), ("injured", injured_rule)):
        evidence[f"{key}_reported"] = Evidence(
            [{"value": getattr(r, key), "qualifier": _qualifier(r.evidence[key].span if key in r.evidence else None),
              "article": r.sources[0].article, "words": r.evidence[key].span if key in r.evidence else None}
             for r in records if getattr(r, key) is not None], None, rule)
    if fatalities is not None:
        evidence["fatalities"] = Evidence(fatalities, evidence.get("fatalities", Evidence(None)).span,
                                          fatality_rule)
    if injured is not None:
        evidence["injured"] = Evidence(injured, evidence.get("injured", Evidence(None)).span, injured_rule)
    readings = sorted({r.sub_event_type for r in records})
    if len(readings) > 1:
        evidence["sub_event_type_reported"] = Evidence(
            [{"value": r.sub_event_type, "article": r.sources[0].article if r.sources else None,
              "words": r.sources[0].quote if r.sources else None} for r in records], None,
            f"readings {readings}: the one most independent reports give; on a tie the most precise report's")
        evidence["sub_event_type"] = Evidence(typed.sub_event_type, typed.evidence.get(
            "sub_event_type", Evidence(None)).span, evidence["sub_event_type_reported"].rule)
    merged = EventRecord(
        event_date=event_date, date_precision=date_source.date_precision if event_date else "unknown",
        event_type=typed.event_type, sub_event_type=typed.sub_event_type,
        actor1=actor1, actor2=actor2, country=placed.country, admin1=placed.admin1,
        location=placed.location, latitude=placed.latitude, longitude=placed.longitude,
        geo_precision=placed.geo_precision, fatalities=fatalities, injured=injured,
        claimed_by=sorted({c for r in records for c in r.claimed_by}),
        denied_by=sorted({d for r in records for d in r.denied_by}),
        weapons=weapons, sources=sources, evidence=evidence)
    merged.notes = describe(merged)
    return merged


_QUALIFIERS = (("at least", "at least"), ("more than", "more than"), ("over", "over"), ("about", "about"),
               ("around", "about"), ("nearly", "about"), ("some", "about"), ("up to", "up to"))


def _qualifier(words: str | None) -> str:
    """The qualifier the report gave its figure ("at least 16" → "at least"), else "exact"."""
    lowered = f" {(words or '').lower()} "
    return next((name for cue, name in _QUALIFIERS if f" {cue} " in lowered), "exact")


def _per_source(records: list[EventRecord], groups: dict[str, str], name: str) -> list[int | None]:
    """One figure per independent source: an article, or a group of reprints of one article."""
    by_source: dict[str, int | None] = {}
    for record in records:
        article = record.sources[0].article if record.sources else ""
        source = groups.get(article, article)
        if by_source.get(source) is None:
            by_source[source] = getattr(record, name)
    return list(by_source.values())


def _best_actor(names: list[str | None], related: Related | None = None) -> str | None:
    """The name most reports give; a faction rather than its umbrella, a state's forces rather
    than its government (the more specific name of one party)."""
    named = [n for n in names if n and not n.startswith("Unidentified")]
    if not named:
        return _mode([n for n in names if n])
    best = _mode(named)
    for other in sorted(set(named)):
        if other != best and same_party(best, other, related):
            best = more_specific(best, other, related)
    return best


def _event_type(records: list[EventRecord], groups: dict[str, str]) -> EventRecord:
    """The record whose type the event takes: the reading most independent reports give (reprints
    count once); on a tie the most precise report's, the better-informed source."""
    votes: dict[str, set[str]] = {}
    for record in records:
        article = record.sources[0].article if record.sources else ""
        votes.setdefault(record.sub_event_type, set()).add(groups.get(article, article))
    top = max(len(v) for v in votes.values())
    tied = {t for t, v in votes.items() if len(v) == top}
    return min((r for r in records if r.sub_event_type in tied),
               key=lambda r: (0 if r.location else 1 if r.admin1 else 2,
                              PRECISION_RANK.get(r.date_precision, 3), r.sub_event_type))


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
    when = _when(event)
    where = ", ".join(p for p in (event.location, event.admin1, event.country) if p) or "an unknown place"
    target = event.actor2 or "an unnamed target"
    plural = {"rocket": "rockets", "missile": "missiles", "drone": "drones", "airstrike": "air strikes",
              "ied": "explosives"}
    weapons = " and ".join(plural.get(w, w) for w in event.weapons) if event.weapons else "weapons"
    what = {
        "Air/drone strike": f"carried out an air/drone strike on {target}",
        "Shelling/artillery/missile attack": f"fired {weapons} at {target}",
        "Remote explosive/landmine/IED": f"used an explosive device against {target}",
        "Suicide bomb": f"carried out a suicide bombing against {target}",
        "Armed clash": f"clashed with {target}",
        "Attack": f"attacked {target}",
        "Abduction/forced disappearance": f"abducted {target}",
        "Disrupted weapons use": f"intercepted {weapons} launched by {target}",
        "Peaceful protest": "protested",
        "Violent demonstration": "rioted",
        "Arrests": f"arrested {target}",
    }.get(event.sub_event_type, f"took action ({event.sub_event_type.lower()})")
    outcome = []
    if event.fatalities is not None:
        outcome.append(f"{event.fatalities} killed")
    if event.injured is not None:
        outcome.append(f"{event.injured} injured")
    tail = f"; {', '.join(outcome)}" if outcome else ""
    return f"{when}, {event.actor1} {what} in {where}{tail}."


def _when(event: EventRecord) -> str:
    if not event.event_date:
        return "On an unknown date"
    day = date.fromisoformat(event.event_date)
    text = f"{day.day} {day:%B %Y}"
    if event.date_precision == "range":
        return f"Around {text}"
    if event.date_precision == "month":
        return f"In {day:%B %Y}"
    return f"On {text}"


def merge_tallies(records: list[TallyRecord]) -> TallyRecord:
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


def merge_statements(records: list[StatementRecord]) -> StatementRecord:
    first = records[0]
    sources = [s for r in records for s in r.sources]
    return StatementRecord(speaker=first.speaker, target=first.target, stance=first.stance,
                           date=min((r.date for r in records if r.date), default=None),
                           date_precision=first.date_precision, quote=first.quote, sources=sources,
                           notes=first.notes, evidence=first.evidence)
