"""Finds officials' aggregate figures ("more than 165 attacks since mid-October") in a sentence.

A tally is a count of many events or of people across them, stated by someone: a number before an
attack noun with a period ("since…", "between… and…", "so far"), or a combined casualty figure
("over 40 militants … were killed or injured") that no single event in the sentence owns.
"""
from __future__ import annotations

import re
from typing import Any

from dateline.extract import dates as time_words
from dateline.extract import numbers
from dateline.model import Article, EventRecord, Evidence, Source, TallyRecord

_ATTACK_COUNT = re.compile(
    r"(?P<count>(?:(?:more|fewer|less)\s+than|at\s+least|about|around|over|nearly|almost|some|"
    r"roughly|approximately|up\s+to)?\s*\d[\d,]*)\s+(?:[\w-]+\s+(?:and\s+[\w-]+\s+)?)?"
    r"(?P<noun>attacks|strikes|incidents|assaults)\b", re.I)
_ATTACKED_TIMES = re.compile(
    r"\b(?:attacked|targeted|struck|hit)\s+(?P<count>(?:(?:more|fewer|less)\s+than|at\s+least|about|around|"
    r"over|nearly|almost|some|roughly|approximately|up\s+to)?\s*\d[\d,]*)\s+(?:separate\s+)?times\b", re.I)
_PERIOD = re.compile(r"\b(?:since|between|so\s+far|to\s+date|in\s+total|a\s+total\s+of|tally|"
                     r"over\s+the\s+past|in\s+the\s+past|this\s+year|last\s+year)\b", re.I)
_ATTRIBUTION = re.compile(
    r"\baccording\s+to\s+(?:the\s+)?(?:latest\s+|last\s+|new\s+|official\s+)?"
    r"(?:(?:tally|figures?|count|data|statistics|numbers)\s+(?:from|by|of)\s+)?(?:the\s+)?"
    r"(?P<who>[A-Z][\w.-]*(?:\s+(?:of\s+)?[A-Z][\w.-]*){0,4})")
_SPOKESMAN = re.compile(r"\b(?:the\s+)?(?P<who>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})\s+"
                        r"(?:spokes(?:man|woman|person)|official|statement)\b[^.]{0,40}?\b(?:said|says|told)\b")
_TARGET_US = re.compile(r"\b(?:American|US|U\.S\.|United States)\s+(?:troops|forces|personnel|bases|"
                        r"service\s*members|military)\b", re.I)


def find_tallies(fact: Any, actors: Any, article: Article,
                 events: list[EventRecord]) -> list[TallyRecord]:
    """Returns the tallies of one sentence."""
    text = fact.text
    out: list[TallyRecord] = []
    matches = [(m, m.group("noun").lower()) for m in _ATTACK_COUNT.finditer(text)]
    matches += [(m, "attacks") for m in _ATTACKED_TIMES.finditer(text)]
    for match, noun in matches:
        if not _PERIOD.search(text):
            continue
        count = _count(match.group("count"))
        if count is None or count[0] < 2:
            continue
        value, qualifier = count
        target = "US forces" if _TARGET_US.search(text) else _target_name(fact, match.end())
        metric = f"{noun} on {target}" if target else noun
        out.append(_tally(fact, article, metric, value, qualifier, match.group(), text))
    casualties = numbers.find_casualties(text)
    combined = getattr(casualties, "killed_or_injured", None) if casualties else None
    if combined and not any(e.fatalities or e.injured for e in events):
        noun = re.search(r"\b\d[\d,]*\s+(?P<noun>[a-z]+)", text[text.find(str(combined)):]) \
            if str(combined) in text else None
        who = noun.group("noun") if noun else "people"
        counted = _count(casualties.killed_or_injured_span or str(combined))
        qualifier = counted[1] if counted else "exact"
        out.append(_tally(fact, article, f"{who} killed or injured", combined, qualifier,
                          str(combined), text))
    return out


def _tally(fact: Any, article: Article, metric: str, value: int, qualifier: str, span: str,
           text: str) -> TallyRecord:
    start = time_words.period_start(text, article.published)
    period_start, period_precision = (start[0].isoformat(), start[1]) if start else (None, None)
    if period_start is None:
        dated = re.search(r"\b(?:January|February|March|April|May|June|July|August|September|October|"
                          r"November|December)\s+\d{1,2}\s+(?:strikes|attacks)\b", text)
        if dated:
            for expr in time_words.find_time_expressions(dated.group(), article.published):
                if expr.date:
                    period_start, period_precision = expr.date.isoformat(), expr.precision
                    break
    as_of, as_of_rule = _as_of(text, article)
    who = _attribution(text) or _reporting_actor(fact)
    countries = _scope(fact)
    evidence = {
        "value": Evidence(value, span, "count before an attack noun with a period" if "attack" in metric
                          or "strike" in metric else "combined killed-or-injured figure"),
        "as_of": Evidence(as_of, None, as_of_rule),
        "attributed_to": Evidence(who, who, "'according to' / spokesperson" if who else
                                  "no source named: the outlet's own figure"),
    }
    return TallyRecord(metric=metric, value=value, qualifier=qualifier, period_start=period_start,
                       period_start_precision=period_precision, as_of=as_of, attributed_to=who,
                       scope=countries, sources=[Source(article.id, text)], evidence=evidence)


def _count(raw: str) -> tuple[int, str] | None:
    counts = numbers.find_counts(raw)
    if counts:
        return counts[0].value, counts[0].qualifier
    digits = re.sub(r"[^\d]", "", raw)
    return (int(digits), "exact") if digits else None


def _as_of(text: str, article: Article) -> tuple[str | None, str]:
    """The day a figure holds for: the end of a stated period ("between mid-October and
    February" → the end of February), else the publication date."""
    for expr in time_words.find_time_expressions(text, article.published):
        if expr.role == "period-end" and expr.date is not None:
            end = expr.range_end if expr.precision == "month" and expr.range_end else expr.date
            return end.isoformat(), "end of the stated period"
    published = article.published
    return (published.isoformat() if published else None), "publication date"


_SAYS_FIRST = re.compile(r"^(?:[Tt]he\s+)?(?P<who>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})\s+(?:says|said|reported|"
                         r"announced|estimates|estimated)\b")


def _attribution(text: str) -> str | None:
    match = _ATTRIBUTION.search(text) or _SPOKESMAN.search(text) or _SAYS_FIRST.search(text)
    if not match:
        return None
    who = re.sub(r"^(?:The|the)\s+", "", match.group("who")).strip().rstrip(".,;:")
    return who or None


_REPORTS_AFTER = re.compile(r"^(?:\s*,[^,]{0,90},)?\s+(?:has\s+|have\s+|had\s+)?(?:claimed|said|says|reported|"
                            r"counted|recorded|documented|estimated|estimates|tallied)\b", re.I)


def _reporting_actor(fact: Any) -> str | None:
    """"The Islamic Resistance in Iraq, a coalition of militias, has claimed more than 160 attacks":
    the party whose figure it is."""
    for mention in fact.actors:
        if not getattr(mention.actor, "generic", False) and _REPORTS_AFTER.match(fact.text[mention.end:]):
            return str(mention.actor.name)
    return None


def _target_name(fact: Any, position: int) -> str | None:
    for mention in fact.actors:
        if mention.start > position and not getattr(mention.actor, "generic", False):
            return mention.actor.name
    return None


def _scope(fact: Any) -> list[str]:
    countries: list[str] = []
    for mention in fact.places:
        if mention.places and mention.places[0].country not in countries:
            countries.append(mention.places[0].country)
    return countries
