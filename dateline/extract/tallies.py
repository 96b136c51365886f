"""Finds officials' aggregate figures in a sentence: counts of many events, or of people across them.

A tally is a figure over a period or a campaign, never one event's figure. A sentence holds tallies
only when it says the figure spans time or events ("since…", "so far", "in total", "over the past
year", "this month", "last winter", "as of…", "in 11 weeks", "the 32nd attack"). Then each count in
it becomes one tally, with its own scope when the sentence breaks it down ("10 times in Iraq and
three times in Syria", "139 people — 120 of them civilians"):

- a count before a countable noun: attacks, strikes, raids, offensives, waves, bases, sites,
  targets, towns and villages… ("more than 140 attacks on U.S. forces");
- a frequency: "attacked at least 13 times", "come under attack about 160 times";
- an ordinal: "the 32nd attack in 11 weeks";
- a casualty figure over the period: "killing 387 and injuring 518 people over the past year",
  "more than ten civilians have lost their lives so far".

Numbers, word numbers and vague counts ("a dozen", "ten", "dozens" → about 12, ACLED's value)
come from `numbers`; dates and periods from `dates`. The figure is attributed to whoever the
sentence says gives it ("according to…", "the Pentagon said", "US officials have blamed…",
"that the U.S. says"), else to the outlet (null).
"""
from __future__ import annotations

import re
from typing import Any

from dateline.extract import dates as time_words
from dateline.extract import numbers
from dateline.model import Article, EventRecord, Evidence, Source, TallyRecord

# Words that make a figure span time or many events.
_AGGREGATE = re.compile(
    r"\b(?:since|between\s+\S+(?:\s+\S+)?\s+and|so\s+far|to\s+date|in\s+total|a\s+total\s+of|"
    r"tally|overall|altogether|as\s+of|over\s+the\s+(?:past|last)|in\s+the\s+(?:past|last)|"
    r"during\s+(?:the\s+)?(?:past\s+|last\s+)?(?:\w+\s+)?(?:days|weeks|months|years)|"
    r"(?:days|weeks|months|years)\s+of|"
    r"(?:this|last|past)\s+(?:week|month|year|winter|spring|summer|autumn|fall)|"
    r"in\s+(?:\w+\s+)?(?:days|weeks|months|years)\b|"
    r"over\s+(?:the\s+course\s+of\s+)?(?:\w+\s+)?(?:days|weeks|months|years)|"
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[-\s](?:day|week|month|year)\s+period|"
    r"campaign|offensive\s+began|began)\b", re.I)
# Words that make a casualty figure a total over a period rather than one event's toll ("earlier
# this week" and "last month" date one event; "since", "so far" and "over the past year" span many).
_PERIOD = re.compile(
    r"\b(?:since|so\s+far|to\s+date|in\s+total|a\s+total\s+of|tally|overall|altogether|as\s+of|"
    r"over\s+the\s+(?:past|last|course\s+of)|in\s+the\s+(?:past|last)|(?<!earlier\s)(?<!later\s)this\s+(?:month|year)|"
    r"during\s+(?:the\s+)?(?:past\s+|last\s+)?(?:\w+\s+)?(?:weeks|months|years)|"
    r"(?:weeks|months|years)\s+of)\b", re.I)
# One event told as the subject of the figure: "the rocket attack killed…", "killed in an air strike".
_ONE_EVENT = re.compile(r"\b(?:the|a|an|this|that|Saturday's|Sunday's|Monday's|Tuesday's|Wednesday's|"
                        r"Thursday's|Friday's)\s+(?:[\w-]+\s+){0,2}?(?:attack|strike|airstrike|explosion|"
                        r"blast|bombing|shelling|ambush|fight|clash|raid)\b(?!s)", re.I)
# Several events told at once: with no period, a combined figure spans them ("killed or injured as
# a result of the strikes"); "six casualties … after the attack" is that one attack's toll.
_MANY_EVENTS = re.compile(r"\b(?:attacks|strikes|airstrikes|air\s+strikes|explosions|blasts|bombings|"
                          r"shellings|ambushes|clashes|raids|operations)\b", re.I)
# Nouns of things hit or taken count only with a verb of hitting or taking ("recaptured 27 towns").
_THING_VERB = re.compile(r"\b(?:hit|struck|strikes?|targeted|targeting|destroyed|destroying|captured|"
                         r"recaptured|seized|took|taken|attacked|bombed|shelled|raided|overran)\b", re.I)
_THINGS = {"bases", "sites", "targets", "positions", "towns", "villages", "facilities"}
# Countable nouns: what a count of many events (or of things hit across them) counts.
_NOUNS = {
    "attack": "attacks", "attacks": "attacks", "strike": "strikes", "strikes": "strikes",
    "airstrikes": "air strikes", "raids": "raids", "offensives": "attacks", "assaults": "attacks",
    "incidents": "incidents", "operations": "operations", "waves": "waves", "sorties": "sorties",
    "bases": "bases", "sites": "sites", "targets": "targets", "positions": "positions",
    "towns": "towns", "villages": "villages", "facilities": "facilities", "bombings": "bombings",
    "shellings": "shellings", "ambushes": "ambushes",
}
_MODIFIER = r"(?:[\w’'-]+\s+){0,4}?"
_COUNT_NOUN = re.compile(r"^\s+(?:separate\s+|different\s+|more\s+|other\s+)?" + _MODIFIER +
                         r"(?P<noun>" + "|".join(sorted(_NOUNS, key=len, reverse=True)) + r")\b", re.I)
_TIMES = re.compile(r"^\s+(?:separate\s+|different\s+)?times\b", re.I)
_ATTACK_VERB = re.compile(r"\b(?:attacked|targeted|struck|hit|shelled|under\s+(?:\w+\s+)?(?:attack|fire)|"
                          r"attacks?)\b[^.;]{0,40}$", re.I)
_ORDINAL = re.compile(r"\b(?:the|its|their)\s+(?P<n>\d{1,4})(?:st|nd|rd|th)\s+(?:[\w-]+\s+){0,2}?"
                      r"(?P<noun>attack|strike|raid|assault|incident)\b", re.I)
_OF_THEM = re.compile(r"^\s*(?:of\s+(?:them|whom|which)|among\s+them)\s+(?P<noun>[a-z]+)?", re.I)
_THEM_OF = re.compile(r"^\s+of\s+(?:them|whom)\b", re.I)
_TARGET_US = re.compile(r"\b(?:American|US|U\.S\.|United\s+States|Washington’s|Washington's)\s+"
                        r"(?:troops|forces|personnel|bases|service\s*members|military|interests|"
                        r"and\s+coalition\s+forces)\b", re.I)
_QUALIFIER_NAMES = {"nearly": "about", "less than": "up to", "vague": "about"}


def find_tallies(fact: Any, actors: Any, article: Article,
                 events: list[EventRecord]) -> list[TallyRecord]:
    """Returns the tallies of one sentence (none when it gives no period or total)."""
    text = fact.text
    ordinal = _ORDINAL.search(text)
    casualties = numbers.find_casualties(text, vague=False)
    if not _AGGREGATE.search(text) and not ordinal:
        if not _MANY_EVENTS.search(text) or _ONE_EVENT.search(text):
            return []
        return _records(fact, article, text, _combined(text, casualties, events, set()))
    readings: list[tuple[int, str, int, str, str]] = []  # (position, metric, value, qualifier, words)
    taken: set[int] = set()
    if ordinal:
        noun = _NOUNS.get(ordinal.group("noun").lower() + "s", "attacks")
        readings.append((ordinal.start("n"), noun, int(ordinal.group("n")), "exact", ordinal.group()))
        taken.add(ordinal.start("n"))
    counts = numbers.find_counts(text, include_vague=True)
    counts = [c for c in counts if c.qualifier != "vague" or c.text.lower() not in ("many", "several")]
    for count in counts:
        after = text[count.end:]
        noun_match = _COUNT_NOUN.match(after)
        if _TIMES.match(after):
            if _ATTACK_VERB.search(text[:count.start]):
                readings.append((count.start, "attacks", count.value, count.qualifier, count.text + " times"))
                taken.add(count.start)
        elif noun_match and not _THEM_OF.match(after):
            noun = _NOUNS[noun_match.group("noun").lower()]
            if noun in _THINGS and not _THING_VERB.search(text[max(0, count.start - 40):count.start]):
                continue
            readings.append((count.start, noun, count.value, count.qualifier, count.text + noun_match.group()))
            taken.add(count.start)
    if _PERIOD.search(text):
        readings.extend(_casualty_readings(text, counts, casualties, taken, events))
    readings.extend(_combined(text, casualties, events, taken))
    return _records(fact, article, text, readings)


def _records(fact: Any, article: Article, text: str,
             readings: list[tuple[int, str, int, str, str]]) -> list[TallyRecord]:
    metric_target = _target(fact, text)
    readings = _shared_qualifier(text, sorted(readings))
    readings = [r for r in readings if r[2] >= 3 or r[3] != "exact"]  # a tally counts many
    scopes = _scopes(fact, [r[0] for r in readings])
    out: list[TallyRecord] = []
    for (position, noun, value, qualifier, words), scope in zip(readings, scopes):
        metric = noun
        if noun in ("attacks", "strikes", "air strikes", "raids", "bombings") and metric_target:
            metric = f"{noun} on {metric_target}"
        qualifier = _QUALIFIER_NAMES.get(qualifier, qualifier)
        out.append(_tally(fact, article, metric, value, qualifier, words, text, scope))
    return out


def _shared_qualifier(text: str, readings: list[tuple[int, str, int, str, str]]
                      ) -> list[tuple[int, str, int, str, str]]:
    """"at least 10 times in Iraq and three times in Syria": the qualifier governs the parallel
    figure of the same kind (but not "at least 346 killed and 15,000 injured", another kind)."""
    out = list(readings)
    for i in range(1, len(out)):
        before, this = out[i - 1], out[i]
        between = text[before[0] + len(before[4]):this[0]]
        if this[1] == before[1] and this[3] == "exact" and before[3] != "exact" and \
                len(between) < 40 and re.search(r"\band\s*$", between):
            out[i] = (this[0], this[1], this[2], before[3], this[4])
    return out


def _combined(text: str, casualties: Any, events: list[EventRecord],
              taken: set[int]) -> list[tuple[int, str, int, str, str]]:
    """"Over 40 militants … were killed or injured" as a result of several strikes: a combined
    figure that no single event of the sentence owns."""
    combined = getattr(casualties, "killed_or_injured", None)
    if not combined or any(e.fatalities or e.injured for e in events):
        return []
    span = casualties.killed_or_injured_span or str(combined)
    position = text.find(span) if span in text else 0
    if position in taken or _ONE_EVENT.search(text[max(0, position - 60):position + len(span) + 60]):
        return []
    counted = numbers.find_counts(span)
    qualifier = counted[0].qualifier if counted else "exact"
    return [(position, f"{_who(text, position, position + len(span))} killed or injured", combined,
             qualifier, span)]


def _casualty_readings(text: str, counts: list[Any], casualties: Any, taken: set[int],
                       events: list[EventRecord]) -> list[tuple[int, str, int, str, str]]:
    """Killed and injured figures over the period, one per figure, with whom they count; a figure
    an event of the sentence owns (placed, or dated to the day) is that event's."""
    owned = {v for e in events if e.location or e.date_precision == "day"
             for v in (e.fatalities, e.injured) if v is not None}
    out: list[tuple[int, str, int, str, str]] = []
    used: set[int] = set()
    for mention in casualties.mentions:
        if mention.kind == "killed_or_injured":
            continue
        count = next((c for c in counts if mention.start <= c.start < mention.end), None)
        if count is None or count.start in taken or count.value in owned or \
                _ONE_EVENT.search(text[max(0, mention.start - 60):mention.end + 40]):
            continue
        who = _who(text, count.end, mention.end)
        kind = {"killed": "killed", "injured": "injured"}.get(mention.kind, "killed or injured")
        # "139 people - 120 of them civilians": the whole is the figure before "of them".
        whole = _whole_before(text, counts, count)
        if whole is not None and whole.start not in taken and whole.start not in used:
            out.append((whole.start, f"{_who(text, whole.end, count.start)} {kind}", whole.value,
                        whole.qualifier, whole.text))
            used.add(whole.start)
        out.append((count.start, f"{who} {kind}", count.value, count.qualifier, mention.text))
        used.add(count.start)
    # "more than ten civilians have lost their lives": a state the casualty reader leaves to events.
    for count in counts:
        if count.start in taken or count.start in used:
            continue
        tail = text[count.end:count.end + 60]
        state = re.match(r"^\s+(?P<who>[a-z]+)\s+(?:have\s+|had\s+|were\s+|have\s+been\s+|had\s+been\s+)?"
                         r"(?P<state>lost\s+their\s+lives|died|killed|wounded|injured)\b", tail, re.I)
        if state and state.group("who").lower() in numbers.PERSON_NOUNS:
            kind = "injured" if state.group("state").lower() in ("wounded", "injured") else "killed"
            out.append((count.start, f"{state.group('who').lower()} {kind}", count.value, count.qualifier,
                        count.text + state.group()))
    return out


def _whole_before(text: str, counts: list[Any], part: Any) -> Any:
    before = [c for c in counts if c.end <= part.start and part.start - c.end < 40]
    if not before:
        return None
    whole = before[-1]
    between = text[whole.end:part.start]
    if re.search(r"\b(?:people|persons|civilians|\w+)\s*[-–—,(]\s*$", between) and \
            _OF_THEM.match(text[part.end:]):
        return whole
    return None


def _who(text: str, start: int, end: int) -> str:
    """Whom a casualty figure counts: the person noun next to the number, else people."""
    for word in re.findall(r"[A-Za-z]+", text[start:min(len(text), max(end, start + 30))])[:4]:
        lowered = word.lower()
        if lowered in numbers.PERSON_NOUNS and lowered not in ("others", "members"):
            return lowered
    return "people"


def _target(fact: Any, text: str) -> str | None:
    if _TARGET_US.search(text):
        return "US forces"
    for mention in fact.actors:
        actor = mention.actor
        if getattr(actor, "generic", False):
            continue
        before = text[max(0, mention.start - 12):mention.start].lower()
        if re.search(r"\b(?:on|against|targeting|targeted|hit|struck)\s+(?:the\s+)?$", before):
            return str(actor.name)
    return None


def _tally(fact: Any, article: Article, metric: str, value: int, qualifier: str, span: str,
           text: str, countries: list[str]) -> TallyRecord:
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
    evidence = {
        "value": Evidence(value, span, "a count over a period or campaign, not one event's figure"),
        "as_of": Evidence(as_of, None, as_of_rule),
        "attributed_to": Evidence(who, who, "the party the sentence says gives the figure" if who else
                                  "no source named: the outlet's own figure"),
        "scope": Evidence(countries, None, "the country the figure is broken down to" if len(countries) == 1
                          else "the countries the sentence names"),
    }
    return TallyRecord(metric=metric, value=value, qualifier=qualifier, period_start=period_start,
                       period_start_precision=period_precision, as_of=as_of, attributed_to=who,
                       scope=countries, sources=[Source(article.id, text)], evidence=evidence)


def _as_of(text: str, article: Article) -> tuple[str | None, str]:
    """The day a figure holds for: the end of a stated period ("between mid-October and
    February" → the end of February), else the publication date."""
    for expr in time_words.find_time_expressions(text, article.published):
        if expr.role == "period-end" and expr.date is not None:
            end = expr.range_end if expr.precision == "month" and expr.range_end else expr.date
            return end.isoformat(), "end of the stated period"
    published = article.published
    return (published.isoformat() if published else None), "publication date"


_WHO = r"(?P<who>[A-Z][\w.’'-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w.’'-]*){0,5})"
_ATTRIBUTIONS = (
    re.compile(r"\baccording\s+to\s+(?:the\s+)?(?:latest\s+|last\s+|new\s+|official\s+)?"
               r"(?:(?:tally|figures?|count|data|statistics|numbers)\s+(?:from|by|of)\s+)?(?:the\s+)?" + _WHO),
    re.compile(r"\b(?:the\s+)?" + _WHO + r"\s+(?:spokes(?:man|woman|person)|official|statement)\b"
               r"[^.]{0,40}?\b(?:said|says|told)\b"),
    re.compile(r"\bthat\s+(?:the\s+)?" + _WHO + r"\s+(?:says|said|has\s+said|blames?|blamed|counts?|counted)\b"),
    re.compile(r"^(?:[“\"]?\s*)?(?:The\s+|the\s+)?" + _WHO + r"\s+(?:officials\s+)?(?:have\s+|has\s+)?"
               r"(?:says|said|reported|announced|estimates|estimated|blamed|counted|recorded|documented)\b"),
    re.compile(r"[,”\"]\s+(?:the\s+)?" + _WHO + r"\s+(?:said|says|reported|announced)\s*[.,]?\s*$"),
    re.compile(r",\s+(?:said\s+)?(?:the\s+)?" + _WHO + r"\s*(?:said|says)[.]?\s*$"),
)
_NOT_WHO = re.compile(r"^(?:Since|So|As|In|On|The|This|That|Between|Over|During|More|At|About|Some|An|A|It)$")


def _attribution(text: str) -> str | None:
    for pattern in _ATTRIBUTIONS:
        match = pattern.search(text)
        if not match:
            continue
        who = re.sub(r"^(?:The|the)\s+", "", match.group("who")).strip().rstrip(".,;:’'s")
        if who and not _NOT_WHO.match(who.split()[0] if len(who.split()) == 1 else "-"):
            return _officials(who, text)
    return None


def _officials(who: str, text: str) -> str:
    """"US officials have blamed…": the officials of a state are its government."""
    if re.match(r"^(?:US|U\.S|U\.S\.|United\s+States|American)$", who) and \
            re.search(r"\b(?:officials|says|said|blamed)\b", text):
        return "Government of the United States"
    return who


_REPORTS_AFTER = re.compile(r"^(?:\s*,[^,]{0,90},)?\s+(?:has\s+|have\s+|had\s+)?(?:claimed|said|says|reported|"
                            r"counted|recorded|documented|estimated|estimates|tallied)\b", re.I)


def _reporting_actor(fact: Any) -> str | None:
    """"The Islamic Resistance in Iraq, a coalition of militias, has claimed more than 160 attacks":
    the party whose figure it is."""
    for mention in fact.actors:
        if not getattr(mention.actor, "generic", False) and _REPORTS_AFTER.match(fact.text[mention.end:]):
            return str(mention.actor.name)
    return None


def _scopes(fact: Any, positions: list[int]) -> list[list[str]]:
    """The countries of each figure: its own when the sentence breaks the figures down by country
    ("10 times in Iraq and three times in Syria"), else every country the sentence names."""
    mentions = [m for m in fact.places if m.places]
    every: list[str] = []
    for mention in mentions:
        if mention.places[0].country not in every:
            every.append(mention.places[0].country)
    countries = [m for m in mentions if m.places[0].kind == "country"]
    own: list[str | None] = []
    for position in positions:
        after = next((m for m in countries if m.start > position), None)
        fits = after is not None and _IN_COUNTRY.match(fact.text[position:after.start])
        own.append(after.places[0].country if fits and after is not None else None)
    if len({c for c in own if c}) >= 2:
        return [[c] if c else every for c in own]
    return [every for _ in positions]


# The count, a few words, then "in <country>": the figure's own country.
_IN_COUNTRY = re.compile(r"^[^,;.]{0,40}?\bin\s+(?:the\s+)?$", re.I)
