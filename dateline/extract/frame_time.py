"""When a frame's event happened: its own time words, the sentence's, or the sentence before's,
and the words that date a speech or a period rather than an event ("said on Tuesday", "since
October 7"). A mixin of `Extractor`, which gives it `fact`, `frame` and the events told so far."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from dateline.extract import dates as time_words
from dateline.extract.clause_time import cause_time, dates_another_noun, when_clause_time
from dateline.extract.events import SentenceFacts
from dateline.extract.frames import Frame
from dateline.extract.sentences import Sentence
from dateline.model import EventRecord, Evidence

# "said on Tuesday", "told Rudaw in a briefing on Thursday", "on Friday said": the day of a
# speech, not of the event it is about.
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|stated|added|reported|confirmed|wrote|claimed|denied|"
    r"briefing|statement|interview|press conference)\b((?:\s+(?!that\b)[\w’'.-]+){0,6}\s*)$", re.I)
# "announced it had downed a drone on December 15": a subject and a verb after the speech verb
# open the reported clause; the time words that follow date its event, not the speech.
_REPORTED_CLAUSE = re.compile(r"^\s+(?:it|they|he|she|we|(?:its|their)\s+[\w-]+)\s+(?:had\s+|have\s+|has\s+)?"
                              r"[a-z]+(?:ed|own|uck|ot|ew|ired)\b", re.I)
# "said 24 military personnel sustained minor injuries Oct. 18": a subject that is no preposition
# and a past verb after the speech verb open the reported clause too ("said in a statement
# issued on Monday" is still the speech).
_REPORTED_SUBJECT_CLAUSE = re.compile(
    r"^\s+(?!(?:in|at|on|during|via|through|to|for|from|after|before|with|by|late|early|last|this|that|"
    r"earlier|later|reporters|journalists|media|press|me|us|him|her|them)\b)(?:[\w’'.-]+\s+){1,4}?"
    r"(?:[a-z]+ed|were|was|had|hit|struck|shot|fell|came|took|began|died|blew|broke|overran|seized|stormed|"
    r"downed|shot\s+down)\b", re.I)
_SPEECH_VERBS = r"(?:said|says|told|announced|stated|added|reported|confirmed|wrote|warned|stressed|" \
    r"reiterated|condemned|denounced)\b"
_SPEECH_AFTER = re.compile(r"^\s*(?:[\w’'.-]+\s+){0,2}?" + _SPEECH_VERBS, re.I)
# "On Monday afternoon, the IDF confirmed that the base was struck": a time that opens the
# sentence before its speaker and speech verb is the speech's ("…on Wednesday, officials said."
# at the end of a sentence is an attribution, and the time is the event's).
_SPEECH_AFTER_OPENING = re.compile(r"^\s*,\s*(?:the\s+)?[\w’'.-]+\s+(?:[\w’'.-]+\s+)?" + _SPEECH_VERBS
                                   + r"(?!\s*[.”\"]?\s*$)", re.I)
_PERIOD_WORD = re.compile(r"\b(?:since|until|till|between|from|through|by)\s+$", re.I)
_PLURAL_ANAPHOR = re.compile(r"\b(?:the|these|those)\s+(?:\w+\s+)?(?:attacks|strikes|incidents|"
                             r"assaults)\b", re.I)


class FrameTime:
    """Dates a frame's event (`_date`) for `Extractor`."""

    def _date(self, fact: SentenceFacts, frame: Frame, frames: list[Frame], facts: list[SentenceFacts],
              index: int, recent: list[tuple[int, EventRecord]],
              sentences: list[Sentence]) -> tuple[date | None, str, Evidence]:
        """Returns (date, precision, evidence) for a frame: its own time words, then the sentence's,
        then the paragraph's previous sentence; relative words ("a day later") count from the
        event told before."""
        text = fact.text
        primary = frame.primary
        usable = [t for t in fact.times if self._event_time(text, t) and not _starts_a_period(text, t, primary)
                  and not dates_another_noun(text, t, frame)]
        # "…early on Monday, just two | days after drones attacked…": a relative expression the
        # clause break cut in two belongs to the clause it opens.
        own = [t for t in usable if (frame.start <= t.start < frame.end
                                     and not (t.relative_to_event and t.start < frame.end < t.end))
               or (t.relative_to_event and t.start < frame.start < t.end)]
        # "a day later" counts from the event told before; "a day after explosions occurred"
        # (relative words just before this trigger) makes this event the earlier one.
        for expr in own:
            if not expr.relative_to_event:
                continue
            anchor = anchor_of(text[:expr.start], recent, index)
            if anchor is None:
                continue
            inverse = expr.end <= primary.start and primary.start - expr.end < 12
            resolved, precision = time_words.resolve_relative(expr, anchor[0], anchor[1],
                                                              inverse=inverse)
            return resolved, precision, Evidence(
                resolved.isoformat(), expr.text,
                f"own: {expr.rule or 'relative'}, counted from the event told before ({anchor[0]})")
        absolute = [t for t in own if t.date is not None and not getattr(t, "relative_to_event", False)]
        told = when_clause_time(text, frame, fact.times)
        if told is not None and not any(t.start > told.end for t in absolute):
            return told.date, told.precision, Evidence(told.date.isoformat(), told.text,
                                                       f"own: {told.rule}; the date a 'when' clause follows")
        if absolute:
            best = min(absolute, key=lambda t: abs(t.start - primary.start))
            return best.date, best.precision, Evidence(best.date.isoformat(), best.text, f"own: {best.rule}")
        cause = cause_time(text, frame, frames, usable)
        if cause is not None:
            return cause
        outside = [t for t in usable if t.date is not None and not getattr(t, "relative_to_event", False)
                   and not any(f is not frame and f.start <= t.start < f.end for f in frames)]
        if outside:
            best = outside[0]
            return best.date, best.precision, Evidence(best.date.isoformat(), best.text,
                                                       f"sentence: {best.rule}")
        if not frame.prior and index > 0 and sentences[index - 1].paragraph == sentences[index].paragraph:
            previous = facts[index - 1]
            earlier = [t for t in previous.times if t.date is not None and self._event_time(previous.text, t)
                       and not getattr(t, "relative_to_event", False)]
            if earlier:
                best = earlier[0]
                return best.date, best.precision, Evidence(
                    best.date.isoformat(), best.text, f"previous sentence: {best.rule}")
        return None, "unknown", Evidence(None, None, "no time words for this event")

    @staticmethod
    def _event_time(text: str, expr: Any) -> bool:
        """True when time words date an event, not a speech ("said on Tuesday") or a period."""
        if expr.future or expr.role != "point":
            return False
        before = text[max(0, expr.start - 60):expr.start]
        if _PERIOD_WORD.search(before) or re.match(r"(?i)(?:since|between|from|until)\b", expr.text):
            return False
        speech = _SPEECH_BEFORE.search(before)
        if speech and not (_REPORTED_CLAUSE.match(speech.group(1))
                           or _REPORTED_SUBJECT_CLAUSE.match(speech.group(1))):
            return False
        if _SPEECH_AFTER.match(text[expr.end:expr.end + 40]):
            return False
        if not text[:expr.start].strip(" “\"'(") and _SPEECH_AFTER_OPENING.match(text[expr.end:expr.end + 60]):
            return False
        return True


def anchor_of(before: str, recent: list[tuple[int, EventRecord]], index: int) -> tuple[date, str] | None:
    """The day (and precision) that relative words ("a day later", "came two days after") count
    from: the event told last with a day or a span of its own; for a plural subject ("The attacks
    came a day after…") the earliest of the set just told. None when no event told has one (a
    count from the day of publication dates nothing)."""
    dated = [(i, e) for i, e in recent if e.event_date and e.date_precision in ("day", "range")]
    if not dated:
        return None
    if _PLURAL_ANAPHOR.search(before):
        # "The attacks came a day after…": the set of attacks just told starts at its earliest.
        window = [e for i, e in dated if index - i <= 5] or [dated[-1][1]]
        first = min(window, key=lambda e: e.event_date or "")
        return date.fromisoformat(first.event_date or ""), first.date_precision
    last = dated[-1][1]
    return date.fromisoformat(last.event_date or ""), last.date_precision


def counted_day(when: tuple[date | None, str, Evidence]) -> bool:
    """True for a day counted from a dated event by a stated number ("two days after")."""
    return when[1] == "day" and "counted from the event told before" in when[2].rule and \
        bool(re.search(r"\b(?:\d+|an?|one|two|three|four|five|six|seven)\s+days?\b|\bthe\s+(?:next|following|previous)\s+day\b|"
                       r"\bthe\s+day\s+(?:before|after)\b", when[2].span or "", re.I))


_SINCE_OPEN = re.compile(r"\bsince\b[^,;.:]*$", re.I)


def _starts_a_period(text: str, expr: Any, primary: Any) -> bool:
    """"Since the onset of the war on October 7, 2023, the group has conducted…": a day inside a
    since-phrase dates what started then, not the clause after the phrase."""
    if primary.start < expr.end or not _SINCE_OPEN.search(text[max(0, expr.start - 120):expr.start]):
        return False
    return "," in text[expr.end:primary.start]


__all__ = ["FrameTime", "anchor_of", "counted_day"]
