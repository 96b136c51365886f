"""Events dated against the event a sentence is anchored to.

"The attack comes two weeks after rockets struck a base", "The strike also came after US forces
hit a radar site": a definite mention of an event told before ("The attack") is the subject of
"comes/came … after", and the clause after "after" tells an earlier event of its own. That event
is dated from the one the subject names (its date minus the count the sentence gives), never
from the day of publication: the subject is the anchor. With no count ("came after") it happened
at some time before the anchor: the anchor's date with no precision of its own.

A subject that names no event ("The vote in parliament came two days after …") anchors the count
when a sentence just before gives its noun a day ("a vote held on 5 January").
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from dateline.extract import dates as time_words
from dateline.extract.frame_time import anchor_of
from dateline.extract.frames import Frame
from dateline.model import EventRecord, Evidence

# " comes two weeks after rockets struck", " also came after the US forces launched a fresh":
# the words between the subject's event noun and the earlier event's trigger.
_COMES_AFTER = re.compile(r"^\s+(?:also\s+|just\s+|only\s+)?(?:comes|came|come)\s+(?:[\w-]+\s+){0,4}?"
                          r"(?:after|following)\s+(?:[\w’'-]+\s+){0,8}$", re.I)
# The subject: a definite event noun opening the sentence ("The attack", "The rocket fire",
# "Tuesday's attacks").
_DEFINITE_SUBJECT = re.compile(r"^\W*(?:the|this|that|these|\w+[’']s)\s+(?:[\w-]+\s+){0,1}$", re.I)


# The words every date this module gives ends its rule with.
_ANCHORED = "the event the sentence's subject names"


def told_before_anchor(event: EventRecord) -> bool:
    """True for an event told only as what came before the sentence's subject ("The attack came
    after US forces struck…"): background to the news, so no interception told next is of it."""
    evidence = event.evidence.get("event_date")
    return evidence is not None and _ANCHORED in evidence.rule


def anchored_when(text: str, frame: Frame, frames: list[Frame], times: list[Any],
                  recent: list[tuple[int, EventRecord]], index: int,
                  earlier: Sequence[tuple[str, list[Any]]] = ()) -> tuple[date, str, Evidence] | None:
    """The date of the event a "X comes N days after <event>" clause tells, counted back from the
    event X names (`anchor_of`: the latest dated event told in the sentences before, or the
    first of a set "The attacks" names); None when the clause
    is not of that form or no event told before has a date."""
    position = next((i for i, f in enumerate(frames) if f.start == frame.start), 0)
    if position == 0:
        return _dated_subject_when(text, frame, times, earlier)
    if not frame.prior:
        return None
    subject = frames[position - 1]
    if not _DEFINITE_SUBJECT.match(text[:subject.primary.start]):
        return None
    gap = text[subject.primary.end:frame.primary.start]
    if not _COMES_AFTER.match(gap) or re.search(r"[,;:]", gap):
        return None
    # The anchor: the latest event told before with a day or a span of its own (for "The attacks",
    # the earliest of the set just told). An event whose text gives no time is no anchor: a count
    # back from the day of publication dates nothing.
    anchor = anchor_of(text[:subject.primary.end], [(i, e) for i, e in recent if i < index], index)
    if anchor is None:
        return None
    anchor_day, anchor_precision = anchor
    counts = [t for t in times if t.relative_to_event and subject.primary.end <= t.start
              and t.end <= frame.primary.start]
    if counts:
        expr = counts[0]
        resolved, precision = time_words.resolve_relative(expr, anchor_day, anchor_precision, inverse=True)
        return resolved, precision, Evidence(
            resolved.isoformat(), expr.text,
            f"own: {expr.rule or 'relative'}, counted back from {_ANCHORED} ({anchor_day})")
    return anchor_day, "unknown", Evidence(
        anchor_day.isoformat(), gap.strip(),
        f"own: told as coming before {_ANCHORED} ({anchor_day}); no time of its own")


# "The decision of parliament came two days after …": a subject that names no event, whose own
# time a sentence before gives ("a decision approved by parliament on 5 January").
_NOUN_SUBJECT = re.compile(r"^\W*(?:the|this|that)\s+(?P<head>[a-z]{4,})(?:\s+(?:of|by|in)\s+(?:the\s+)?[\w-]+)?"
                           r"\s+(?:also\s+)?(?:comes|came)\s+(?:[\w-]+\s+){0,4}?(?:after|following)\s+"
                           r"(?:[\w’'.,-]+\s+){0,24}$", re.I)
_DATE_REACH = 80


def _dated_subject_when(text: str, frame: Frame, times: list[Any],
                        earlier: Sequence[tuple[str, list[Any]]]) -> tuple[date, str, Evidence] | None:
    """The date of the event of "The vote came two days after <event>", counted back from the day
    a sentence before gives the subject's noun ("a vote held on 5 January"); None without a count
    or without such a day."""
    opening = _NOUN_SUBJECT.match(text[:frame.primary.start])
    if opening is None:
        return None
    counts = [t for t in times if t.relative_to_event and t.offset_days is not None
              and opening.end("head") <= t.start and t.end <= frame.primary.start]
    if not counts:
        return None
    head = re.compile(rf"\b{re.escape(opening.group('head'))}\b", re.I)
    for sentence, sentence_times in reversed(earlier):
        for named in head.finditer(sentence):
            days = [t for t in sentence_times if t.date is not None and t.precision == "day"
                    and not t.relative_to_event and not t.future
                    and named.end() <= t.start <= named.end() + _DATE_REACH]
            if days:
                anchor_day = days[0].date
                resolved, precision = time_words.resolve_relative(counts[0], anchor_day, "day", inverse=True)
                return resolved, precision, Evidence(
                    resolved.isoformat(), counts[0].text,
                    f"own: {counts[0].rule or 'relative'}, counted back from the day a sentence before gives "
                    f"the subject ('{opening.group('head')}', {anchor_day}): {_ANCHORED}")
    return None


__all__ = ["anchored_when", "told_before_anchor"]
