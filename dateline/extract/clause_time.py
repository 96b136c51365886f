"""Whose time a clause takes: the calendar ranges that are a clause's own time ("last week"),
the time of the clause an outcome follows from (", leading to US airstrikes"), and days that
date another event noun of the clause ("The February 16 attack prompted…")."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from dateline.extract.frames import Frame
from dateline.model import Evidence

# Calendar units named against the publication ("last week", "over the past weekend", "last
# month"): a range the clause's event happened in, unlike "a day later" (counted from another
# event) or a period ("in recent years").
_CALENDAR_RANGES = frozenset({"relative-week", "relative-weekend", "relative-month"})


def calendar_time(rule: str) -> bool:
    """True when a date rule ("own: relative-week") names a time of the clause's own: any rule
    but words relative to another event or to the day of publication, save a calendar unit."""
    name = rule.rsplit(":", 1)[-1].strip().split(",")[0].split(";")[0].strip()
    return "relative" not in rule or name in _CALENDAR_RANGES


# ", leading to US airstrikes", ", prompting a wave of arrests": a clause told as the outcome of
# the one before it; ", along with another attack in Syria": one told beside it.
_CONSEQUENCE = re.compile(r"\W*(?:leading\s+to|prompting|triggering|sparking|provoking|which\s+(?:led\s+to|"
                          r"prompted|triggered|sparked|provoked)|along\s+with|alongside|together\s+with)\b", re.I)


def cause_time(text: str, frame: Frame, frames: list[Frame],
               usable: list[Any]) -> tuple[date | None, str, Evidence] | None:
    """"At the end of March, a drone attack killed a contractor, leading to US airstrikes":
    a clause told as the outcome of the clause before it happened at that clause's time."""
    if not _CONSEQUENCE.match(text, frame.start, frame.end):
        return None
    before = [f for f in frames if f.end <= frame.start + 1]
    if not before:
        return None
    cause = before[-1]
    times = [t for t in usable if t.date is not None and not t.relative_to_event
             and cause.start <= t.start < cause.end]
    if not times:
        return None
    best = min(times, key=lambda t: abs(t.start - cause.primary.start))
    return best.date, best.precision, Evidence(best.date.isoformat(), best.text,
                                               f"own: {best.rule}; the time of the clause it follows from")


# "since October 7, when militants stormed the town": the time words right before a "when"
# clause name the time of the event the clause tells, even when they open a period ("since").
_WHEN_CLAUSE = re.compile(r"\s*,?\s*when\s+[^,;:.!?()]*$", re.I)


def when_clause_time(text: str, frame: Frame, times: list[Any]) -> Any | None:
    """"…the first such attack since October 7, when gunmen killed 40 people": an event told in a
    "when" clause that follows a date happened at that date; returns those time words."""
    for expr in times:
        if expr.date is None or expr.future or getattr(expr, "relative_to_event", False):
            continue
        # The clause itself opens with the "when": a clause nested in it ("when a man was killed
        # after troops opened fire") tells another event.
        if expr.end <= frame.primary.start and _WHEN_CLAUSE.match(text[expr.end:frame.primary.start]) \
                and re.search(r"\bwhen\b", text[max(frame.start, expr.end):frame.primary.start], re.I):
            return expr
    return None


_ATTRIBUTIVE_GAP = re.compile(r"\s*(?:[a-z][\w-]*\s+){0,2}$")


def dates_another_noun(text: str, expr: Any, frame: Frame) -> bool:
    """"The February 16 attack prompted US airstrikes", "Monday's bombing led to arrests": a day
    set before another event noun of the clause dates that event, not the clause's own."""
    attributive = expr.text.lower().startswith("the ") or expr.text.endswith(("'s", "’s")) or \
        bool(re.search(r"\b(?:the|a|an|this|that|last)\s+$", text[max(0, expr.start - 8):expr.start], re.I))
    if not attributive:
        return False
    return any(hit is not frame.primary and hit.is_noun and hit.start >= expr.end
               and _ATTRIBUTIVE_GAP.fullmatch(text, expr.end, hit.start) is not None
               for hit in frame.hits)


__all__ = ["calendar_time", "cause_time", "dates_another_noun", "when_clause_time"]
