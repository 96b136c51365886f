"""Whether a clause tells background rather than an event that happened at a time.

ACLED codes the events a report tells, each on its day; it does not code what a sentence says
about a period. Three grammatical signs say a clause is about a period, not an event:

- its only time is a year or a longer span well before the report ("IS overran large swathes of
  Iraq in 2014", "the civil war, which erupted in 2011"): history recalled as background;
- its verb is in the perfect over a period ("Pro-Iran militias have targeted oil facilities
  before", "there had been 27 rocket and drone attacks", "has conducted multiple attacks since
  October"): habitual activity or a running count;
- it counts events in the perfect or over a period ("there had been 27 rocket and drone attacks",
  "over 1,000 attacks so far in 2024") with no day of its own: a tally (`tallies.py` reads it).

A summary of the last days at named places ("US forces have seen attacks in recent days at al-Tanf")
is left to the other rules: it often is the only report of an event at one of those places.

A time expression over a period ("in recent days", "last year", "so far in 2024") also does not
give a clause a time of its own (`is_period`): such a clause stands as an event only when the
rest of the evidence says so.
"""
from __future__ import annotations

import datetime as dt
import re

# Rules of `dates.py` whose expressions span a period rather than name a day, a week or a month.
PERIOD_RULES = frozenset({"year", "relative-year", "recent-span", "relative-span-ago", "part-of-year"})
# A period ending this long before the report is history recalled, not the news reported.
BACKGROUND_AGE_DAYS = 365

_NUMBER = (r"(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
           r"forty|fifty|hundred|dozens|scores|hundreds|thousands)")
# "27 rocket and drone attacks", "over 1,000 attacks", "dozens of strikes": a number of events
# (the words between are modifiers, not "24 injured in the attacks" or "Oct. 18 in drone attacks").
_EVENT_COUNT = re.compile(
    rf"\b{_NUMBER}\s+(?:of\s+)?"
    r"(?:(?!(?:in|on|at|of|by|for|from|to|were|was|injured|killed|wounded|dead|people|civilians)\b)[\w-]+\s+"
    r"(?:and\s+)?){0,3}?(?:attacks|strikes|airstrikes|air\s+strikes|operations|incidents|raids|assaults|"
    r"bombings|ambushes)\b", re.I)
# A capitalised word before a number makes it a date or a name ("Oct. 18", "Brigade 14").
_NAME_BEFORE = re.compile(r"[A-Z][\w.]*\s+$")


def _counts_events(clause: str) -> bool:
    return any(not _NAME_BEFORE.search(clause[max(0, m.start() - 12):m.start()])
               for m in _EVENT_COUNT.finditer(clause))


# "have targeted", "has conducted", "had been", "have also been hit": the perfect aspect.
_PERFECT = re.compile(r"\b(?:has|have|had|'ve)\s+(?:(?:also|already|repeatedly|often|long|previously|now|"
                      r"reportedly|since|not)\s+)*(?:been\s+)?[a-z]+(?:ed|en|wn|un|ne|ught|ot|ck|ht)\b", re.I)
# Adverbials that spread the perfect over a period ("before" closing a clause: "previously").
_OVER_A_PERIOD = re.compile(
    r"\b(?:before(?=\s*(?:[,.;)]|$))|previously|in\s+the\s+past\b(?!\s+(?:few\s+)?(?:days|week|\d+\s+hours))|"
    r"so\s+far|to\s+date|since\b|in\s+recent\s+(?:weeks|months|years)|over\s+the\s+(?:past|last)\s+(?:few\s+)?"
    r"(?:weeks|months|years|year)\b|(?:several|many|multiple|numerous|a\s+number\s+of)"
    r"\s+(?:times|occasions)|repeatedly|regularly|routinely|frequently)", re.I)


# The first words of every reason `background_reason` gives.
# A military exercise is no event whatever its time and place: `EventBuilder.skip_reason` gives it.
BACKGROUND_REASONS = ("background:", "habitual or running activity", "a count of events", "intended, not done",
                      "not a riot", "a military exercise")


# "in recent days", "over the past 48 hours": a rolling span this short still dates an event.
_FEW_DAYS = re.compile(r"\b(?:days|hours|day|hour)\b", re.I)


def is_period(rule: str, span: str | None = None) -> bool:
    """True when a date's rule (as `Extractor._date` words it: "own: year", "sentence: recent-span")
    names an expression over a period, not a point in time; `span`, the words, tells a rolling
    span of days (a time, "in the previous few days") from one of weeks or more (a period)."""
    name = rule.rsplit(":", 1)[-1].strip().split(";")[0].strip()
    if name == "recent-span" and span and _FEW_DAYS.search(span):
        return False
    return name in PERIOD_RULES


def is_background_time(when: dt.date | None, precision: str, rule: str, published: dt.date | None) -> bool:
    """True when a clause's time is a period (a year, "in recent years") that ended long before
    the report: the clause recalls history."""
    if when is None or published is None or not is_period(rule) or precision not in ("range", "month"):
        return False
    # `when` is the middle of the period; a year-long period ends about half a year after it.
    return (published - when).days > BACKGROUND_AGE_DAYS + 183


# "killed since protests began Oct. 1", "since the clashes erupted in March": the start of a wave
# of events a count runs over, not one event (a single named attack, "since Hamas's attack on
# Oct. 7", stays an event).
_WAVE_BEGAN = re.compile(
    r"\bsince\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:protests|demonstrations|clashes|attacks|strikes|airstrikes|"
    r"raids|fighting|hostilities|unrest|riots)\s+(?:first\s+)?(?:began|started|erupted|broke\s+out|flared)\b",
    re.I)


def background_reason(clause: str, own_day: bool, when: dt.date | None, precision: str, rule: str,
                      published: dt.date | None) -> str | None:
    """Why the clause (the frame's words) tells background, not an event; None when it may be
    an event. A clause with a day of its own is an event whatever its grammar."""
    if _WAVE_BEGAN.search(clause):
        return "background: the start of a wave of events, not one event"
    if own_day:
        return None
    if is_background_time(when, precision, rule, published):
        return "background: its only time is a period long before the report"
    perfect = _PERFECT.search(clause)
    if perfect and _OVER_A_PERIOD.search(clause):
        return "habitual or running activity: perfect aspect over a period"
    if (perfect or is_period(rule)) and _counts_events(clause):
        return "a count of events (a tally), not one event"
    return None


def tells_a_period(text: str, times: list) -> bool:
    """True when a sentence's figures run over a period: a time over a period ("over the past
    year", "since October") or the perfect over one ("have been killed since…")."""
    if any(t.role != "point" or t.rule in PERIOD_RULES for t in times):
        return True
    return bool(_PERFECT.search(text) and _OVER_A_PERIOD.search(text))


__all__ = ["tells_a_period", "BACKGROUND_AGE_DAYS", "BACKGROUND_REASONS", "PERIOD_RULES", "background_reason", "is_background_time", "is_period"]
