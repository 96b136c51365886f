"""Officials' tallies as series, with the ledger's own count beside each figure.

Tallies of the same metric and period start ("attacks on US forces since mid-October 2023") from
many articles form one series: value by as_of date. Beside each point sits what Dateline itself
counted up to that date: the matching events (attacks → events whose target is the tally's
target; "killed or injured" → the casualties of events in the period).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from dateline.model import EventRecord, TallyRecord
from dateline.resolve.compare import norm

# Event types that count as an attack in an officials' attack tally (interceptions included:
# the Pentagon's counts include attacks that were shot down).
_ATTACK_TYPES = {"Explosions/Remote violence", "Battles", "Strategic developments"}
_TARGET_NAMES = {"us forces": "Military Forces of the United States",
                 "coalition forces": "Coalition Forces"}


@dataclass
class SeriesPoint:
    as_of: str | None
    value: float
    qualifier: str
    attributed_to: str | None
    articles: list[str]
    ledger_count: int


@dataclass
class Series:
    metric: str
    period_start: str | None
    scope: list[str] = field(default_factory=list)
    points: list[SeriesPoint] = field(default_factory=list)


def tally_series(tallies: Iterable[TallyRecord], events: Iterable[EventRecord]) -> list[Series]:
    """Returns one series per (metric, period start, scope), points ordered by as_of: a breakdown
    ("10 in Iraq and three in Syria") is one series per country."""
    event_list = [e for e in events if e.event_date]
    by_key: dict[tuple[str, str | None, tuple[str, ...]], Series] = {}
    for tally in sorted(tallies, key=lambda t: (t.as_of or "", t.value)):
        key = (norm(tally.metric), tally.period_start, tuple(sorted(tally.scope)))
        series = by_key.setdefault(key, Series(tally.metric, tally.period_start))
        series.scope.extend(c for c in tally.scope if c not in series.scope)
        count = ledger_count(tally, event_list)
        series.points.append(SeriesPoint(tally.as_of, tally.value, tally.qualifier, tally.attributed_to,
                                         sorted({s.article for s in tally.sources}), count))
    return sorted(by_key.values(), key=lambda s: (s.metric, s.period_start or "", s.scope))


# What an officials' count of other things is measured against in the ledger.
_COUNTED_TYPES = {
    "strikes": {"Air/drone strike", "Shelling/artillery/missile attack"},
    "air strikes": {"Air/drone strike"}, "raids": {"Air/drone strike", "Attack", "Armed clash"},
    "towns": {"Government regains territory", "Non-state actor overtakes territory"},
    "villages": {"Government regains territory", "Non-state actor overtakes territory"},
    "positions": {"Government regains territory", "Non-state actor overtakes territory"},
}


def ledger_count(tally: TallyRecord, events: list[EventRecord]) -> int:
    """What the ledger itself holds for the tally's metric between its period start and as_of:
    people killed or injured, or the events of the kind the tally counts."""
    start, end = tally.period_start or "0000", tally.as_of or "9999"
    in_period = [e for e in events if start <= (e.event_date or "") <= end
                 and (not tally.scope or e.country in tally.scope)]
    metric = norm(tally.metric)
    words = set(metric.split())
    if words & {"killed", "injured", "casualties", "dead", "wounded"}:
        killed = bool(words & {"killed", "casualties", "dead"})
        injured = bool(words & {"injured", "casualties", "wounded"})
        return sum((e.fatalities or 0) * killed + (e.injured or 0) * injured for e in in_period)
    target = _target_of(metric)
    noun = metric.split(" on ")[0]
    kinds = _COUNTED_TYPES.get(noun)
    return sum(1 for e in in_period
               if (e.sub_event_type in kinds if kinds else e.event_type in _ATTACK_TYPES
                   and e.sub_event_type not in ("Other", "Arrests"))
               and (target is None or e.actor2 == target))

def _target_of(metric: str) -> str | None:
    match = re.search(r"\bon (.+)$", metric)
    if not match:
        return None
    return _TARGET_NAMES.get(match.group(1), match.group(1).title())
