"""What one sentence adds to the events of the sentence before it.

News tells an event over several sentences: "Rockets hit the base on Friday. Nobody was hurt,
police said." / "…The US military denied responsibility." / "The Islamic Resistance in Iraq said
it launched a drone at Harir. US officials said the drone was shot down." These rules carry the
figures, claims and denials of a follow-up sentence to the events it is about (interceptions:
`interceptions.py`).
"""
from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any

from dateline.extract import numbers
from dateline.extract.background import tells_a_period
from dateline.extract.day_lists import listed_days
from dateline.extract.places import LEVEL
from dateline.model import EventRecord, Evidence, Source

_DENIAL = re.compile(r"\b(?:denied|denies|deny|denying|rejected\s+(?:claims|reports)|fabricated|"
                     r"false\s+(?:claims|reports)|not\s+(?:involved|responsible)|had\s+nothing\s+to\s+do)\b",
                     re.I)
# Claims of one attack, not of "most of the attacks".
_CLAIM = re.compile(
    r"\b(?:claim(?:ed|s)?|t(?:ook|akes?|aking)|assum(?:ed|es)|accept(?:ed|s))\s+(?:responsibility|credit)\s+for\s+(?!(?:most|many|some|several|all|dozens|scores|"
    r"a\s+number|the\s+majority)\b)(?:the|this|that|an?|\w+[’']s)\b"
    r"|\bclaimed\s+(?:an?|the|two|three|several)\s+(?:[\w-]+\s+){0,2}(?:attacks?|strikes?|operations?)\b"
    r"|\b(?:said|says|announced|stated)\s+(?:that\s+)?(?:it|its\s+fighters|they)\s+(?:had\s+)?"
    r"(?:launched|fired|targeted|attacked|struck|hit|carried\s+out|shelled|bombed)\b", re.I)


def attach_claims_and_denials(fact: Any, events: list[EventRecord], previous: list[EventRecord]) -> None:
    """A denial or claim belongs to its own sentence's events, else to the sentence before's."""
    denial = _DENIAL.search(fact.text)
    claim = _CLAIM.search(fact.text)
    owners = events or previous
    for cue, field in ((denial, "denied_by"), (claim, "claimed_by")):
        if cue is None or not owners:
            continue
        parties = [a for a in fact.actors if a.start < cue.start() and a.end <= cue.start() + 40
                   and not getattr(a.actor, "generic", False)]
        if not parties:
            continue
        party = parties[-1].actor.name
        armed = getattr(parties[-1].actor, "type", "") in ("militia", "rebel", "terrorist", "state_military")
        for event in owners:
            if field == "claimed_by" and armed and event.actor1.startswith("Unidentified"):
                # ACLED codes a claimed attack to the group that claimed it.
                event.actor1 = party
                event.evidence["actor1"] = Evidence(party, fact.text, "the group that claimed the attack")
            values: list[str] = getattr(event, field)
            if party in values or (field == "denied_by" and party in (event.actor1, event.actor2)
                                   and not event.actor1.startswith("Unidentified")):
                continue
            values.append(party)
            event.evidence[field] = Evidence(list(values), fact.text,
                                             "denial words about this event" if field == "denied_by"
                                             else "claim of responsibility for this event")


_DEFINITE_EVENT = re.compile(r"\bthe\s+(?:[\w-]+\s+){0,2}(?:attack|strike|airstrike|bombing|explosion|blast|"
                             r"shelling|assault|ambush|raid|incident)\b", re.I)


def attach_late_denial(fact: Any, lead: EventRecord | None) -> None:
    """"Iran denied any role in the attack", told paragraphs later: a denial of *the* attack with
    no event nearby is about the article's lead event."""
    if lead is None or not _DENIAL.search(fact.text) or not _DEFINITE_EVENT.search(fact.text):
        return
    attach_claims_and_denials(fact, [], [lead])


def fold_into_antecedent(event: EventRecord, earlier: list[EventRecord],
                         any_type: bool = False) -> EventRecord | None:
    """"The drone hit the living quarters of Tower 22": a definite mention with no date of its own
    tells more about the latest event of the same type (of any type, with `any_type`, for a
    mention that adds nothing of its own); returns that event, or None."""
    for antecedent in reversed(earlier):
        if (not any_type and antecedent.event_type != event.event_type) or (
                antecedent.country and event.country and antecedent.country != event.country):
            continue
        if _elsewhere(event, antecedent):
            continue
        more_precise = (event.location and (not antecedent.location or _level(antecedent) > _level(event))) \
            or (event.admin1 and not antecedent.admin1 and not antecedent.location)
        if more_precise:
            for name in ("admin1", "location", "latitude", "longitude", "geo_precision"):
                setattr(antecedent, name, getattr(event, name))
            if "location" in event.evidence:
                antecedent.evidence["location"] = event.evidence["location"]
        for name in ("fatalities", "injured"):
            if getattr(antecedent, name) is None and getattr(event, name) is not None:
                setattr(antecedent, name, getattr(event, name))
                if name in event.evidence:
                    antecedent.evidence[name] = event.evidence[name]
        antecedent.sources.extend(s for s in event.sources if all(s.quote != t.quote for t in antecedent.sources))
        return antecedent
    return None


def _elsewhere(event: EventRecord, antecedent: EventRecord) -> bool:
    """"Strikes hit Damascus. … The strikes hit depots in Kisweh": a town in another province
    than the event told before, named at least as precisely, is a place of its own."""
    return bool(event.location and antecedent.location and event.admin1 and antecedent.admin1
                and event.admin1 != antecedent.admin1 and _level(event) <= _level(antecedent))


def _level(event: EventRecord) -> int:
    """How precise the event's place is (0 a facility … 5 a country), from the gazetteer rule."""
    rule = event.evidence["location"].rule if "location" in event.evidence else ""
    match = re.search(r"gazetteer: (\w+)", rule)
    if match and match.group(1) in LEVEL:
        return LEVEL[match.group(1)]
    return 2 + event.geo_precision  # no kind recorded: fall back on ACLED's precision


# Words that introduce an earlier or other event whose toll a follow-up sentence may give.
_EARLIER_EVENT_LEAD = re.compile(
    r"\b(?:after|following|since|amid|over|before|in\s+(?:response|retaliation|revenge)\s+(?:to|for))\s+"
    r"(?:[\w’'-]+\s+){0,6}$", re.I)


def attach_follow_up_casualties(fact: Any, previous: list[EventRecord]) -> EventRecord | None:
    """Casualty figures in a sentence with no event of its own ("Nobody was hurt, police said.",
    "Five fighters were killed, a monitor said.") complete the events told just before."""
    if not previous:
        return None
    casualties = numbers.find_casualties(fact.text, vague=False)
    if casualties is None or (casualties.killed is None and casualties.injured is None):
        return None
    span = casualties.killed_span or casualties.injured_span or ""
    found = fact.text.find(span) if span else -1
    if found > 0 and _EARLIER_EVENT_LEAD.search(fact.text[:found]):
        return None  # "The attack comes amid tension after the killing of a Hamas leader": another event
    if tells_a_period(fact.text, fact.times):
        return None  # "…launched 257 attacks, killing 387 people over the past year": a running toll
    countries = {m.places[0].country for m in fact.places if m.places}
    countries |= {getattr(a.actor, "country", None) for a in fact.actors} - {None}
    target = next((e for e in previous if e.country in countries), previous[0])
    rule = f"{casualties.rule}; told in the sentence after the event"
    if target.fatalities is None and casualties.killed is not None:
        target.fatalities = casualties.killed
        target.evidence["fatalities"] = Evidence(casualties.killed, casualties.killed_span or fact.text, rule)
    if target.injured is None and casualties.injured is not None:
        target.injured = casualties.injured
        target.evidence["injured"] = Evidence(casualties.injured, casualties.injured_span or fact.text, rule)
    return target


def attach_clause_casualties(text: str, frame: Any, told: list[EventRecord]) -> EventRecord | None:
    """A casualty verb (or an event noun: ", in an attack that killed two") that opened a clause
    of its own and told no event ("Coalition strikes, likely in the Bukamal area, reportedly
    killed 6 fighters") gives its figures to the event told last in the same sentence, where
    that event has none; returns that event, or None."""
    if frame.prior or not told or not (frame.primary.trigger.name == "killed-by" or frame.primary.is_noun):
        return None
    target = told[-1]
    if target.fatalities is not None or target.injured is not None:
        return None
    casualties = numbers.find_casualties(text[frame.start:frame.end], vague=False)
    rule = f"{casualties.rule}; a casualty clause after the event in its sentence"
    if casualties.killed is not None:
        target.fatalities = casualties.killed
        target.evidence["fatalities"] = Evidence(casualties.killed, casualties.killed_span, rule)
    if casualties.injured is not None:
        target.injured = casualties.injured
        target.evidence["injured"] = Evidence(casualties.injured, casualties.injured_span, rule)
    return target if casualties.killed is not None or casualties.injured is not None else None


__all__ = ["date_undated_events", "date_spans_ending_by", "attach_clause_casualties", "attach_claims_and_denials", "attach_follow_up_casualties", "Source"]



_SENTENCE_OF_RULE = {"own:": 0, "sentence:": 0, "previous sentence:": -1}


def split_listed_days(events: list[EventRecord], facts: list[Any],
                      sentence_of: dict[int, int]) -> dict[int, list[EventRecord]]:
    """"Jets struck Duhok on October 18, 19 and 21": one event a day. Returns, by id of the event
    dated by the list's first (or last) day, the copies for its other days."""
    copies: dict[int, list[EventRecord]] = {}
    for event in events:
        evidence = event.evidence.get("event_date")
        index = sentence_of.get(id(event))
        if evidence is None or index is None or event.date_precision != "day" or not evidence.span:
            continue
        shift = next((v for k, v in _SENTENCE_OF_RULE.items() if evidence.rule.startswith(k)), None)
        if shift is None or index + shift < 0:
            continue
        fact = facts[index + shift]
        expr = next((t for t in fact.times if t.text == evidence.span and t.date is not None
                     and t.date.isoformat() == event.event_date), None)
        if expr is None:
            continue
        for day in listed_days(fact.text, expr):
            twin = copy.deepcopy(event)
            twin.event_date = day.isoformat()
            twin.evidence["event_date"] = Evidence(twin.event_date, evidence.span,
                                                   f"{evidence.rule}; one of the days listed")
            copies.setdefault(id(event), []).append(twin)
            sentence_of[id(twin)] = index
    return copies


# "the operation struck over 75 targets", "Further attacks were reported in Daraa": words that
# refer back to an event told before.
_BACK_REFERENCE = re.compile(
    r"\b(?:the|this|that|these|those|further|other|more|similar)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|"
    r"airstrikes?|air\s+strikes?|operations?|raids?|projectiles|missiles|drones|rockets|bombardment|"
    r"shelling|assaults?|barrage|salvo|offensive)\b", re.I)


def _antecedent(event: EventRecord, index: int | None, dated: list[EventRecord], facts: list[Any],
                sentence_of: dict[int, int]) -> EventRecord | None:
    """The latest dated event of the same type told before a sentence that refers back to one."""
    if index is None or not _BACK_REFERENCE.search(facts[index].text):
        return None
    before = [e for e in dated if sentence_of.get(id(e), index) < index and e.event_type == event.event_type
              and (not e.country or not event.country or e.country == event.country)]
    return before[-1] if before else None


REPORT_DAY_REACH = 2   # sentences back that a report's day carries to an undated event


REPORT_DAY_AGE = 7     # days before publication a report's day may be, when carried from another sentence


def _day_named(fact: Any, published: Any, carried: bool = False) -> Any:
    """The first past day a sentence names as a point in time ("on Sunday"), or None; a day
    carried from another sentence must be recent (the report's, not a date from the past)."""
    return next((t for t in fact.times if t.date is not None and not t.future
                 and t.role == "point" and not t.relative_to_event and t.precision == "day"
                 and (published is None or t.date <= published)
                 and not (carried and published is not None and (published - t.date).days > REPORT_DAY_AGE)),
                None)


_BY_DAY = re.compile(r"^by\s", re.I)
_PAST_PERFECT = re.compile(r"\bhad\s+(?:already\s+|also\s+)?(?:been\s+)?[a-z]+(?:ed|en|ung|ought|aken|ost|ell|on)\b",
                           re.I)
BY_DAY_REACH = 31  # days back the start of a "by <day>" span may lie


def date_spans_ending_by(events: list[EventRecord], facts: list[Any], sentence_of: dict[int, int]) -> None:
    """"On November 27, rebels launched an offensive. By December 7, they had captured Hama":
    what had happened by a day happened between the day the story told before and that day
    (ACLED range precision: the span's middle day)."""
    for event in events:
        evidence = event.evidence.get("event_date")
        index = sentence_of.get(id(event))
        if (event.date_precision != "day" or not event.event_date or evidence is None or index is None
                or not _BY_DAY.match(evidence.span or "") or not _PAST_PERFECT.search(facts[index].text)):
            continue
        end = date.fromisoformat(event.event_date)
        starts = [date.fromisoformat(e.event_date) for e in events
                  if e.event_date and e.date_precision == "day" and sentence_of.get(id(e), index) < index
                  and 0 < (end - date.fromisoformat(e.event_date)).days <= BY_DAY_REACH]
        if not starts:
            continue
        start = starts[-1]
        event.event_date = date.fromordinal(start.toordinal() + (end - start).days // 2).isoformat()
        event.date_precision = "range"
        rule = f"what had happened {evidence.span!r}: the middle of the span from the day told before ({start})"
        event.evidence["event_date"] = Evidence(event.event_date, evidence.span, rule)
        event.evidence["date_precision"] = Evidence("range", evidence.span, rule)


# "The rockets, which were fired late on Sunday, landed…", "The violence was sparked when … on
# Saturday": a sentence that opens on a definite mention of an event tells more about the one just told.
_DEFINITE_OPENING = re.compile(
    r"^\W*(?:the|this|that|these|those)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|airstrikes?|rockets?|"
    r"missiles?|drones?|violence|clashes|fighting|explosions?|blasts?|bombings?|shelling|raids?|assault|"
    r"protests?|demonstrations?|barrage|incident|unrest|ambush)\b", re.I)
_SPEECH_JUST_BEFORE = re.compile(r"\b(?:said|says|announced|reported|stated|added|told\s+[\w-]+)\s*$", re.I)
LATER_MENTION_REACH = 3  # sentences ahead where a definite mention may date an undated event


def _day_of_later_mention(index: int, facts: list[Any], published: Any) -> Any:
    """The day a definite mention in one of the next sentences gives as the time of what it
    mentions (not the day someone spoke), or None."""
    for ahead in range(1, LATER_MENTION_REACH + 1):
        if index + ahead >= len(facts):
            break
        fact = facts[index + ahead]
        if not _DEFINITE_OPENING.search(fact.text):
            continue
        day = _day_named(fact, published, carried=True)
        if day is not None and not _SPEECH_JUST_BEFORE.search(fact.text[:day.start]):
            return day
    return None


def _same_day_as_told(event: EventRecord, index: int | None, dated: list[EventRecord], facts: list[Any],
                      sentence_of: dict[int, int]) -> EventRecord | None:
    """"The airstrikes followed developments earlier in the day when rebels seized the city": a
    same-day phrase ("earlier in the day", "later that day", "hours later") in the sentence of an
    undated event dates it by the latest dated event told before; returns that event, or None."""
    if index is None or not any(t.relative_to_event and t.offset_days == 0 for t in facts[index].times):
        return None
    expr = next(t for t in facts[index].times if t.relative_to_event and t.offset_days == 0)
    before = [e for e in dated if sentence_of.get(id(e), index) < index
              and (not e.country or not event.country or e.country == event.country)]
    if not before:
        return None
    anchor = before[-1]
    event.event_date, event.date_precision = anchor.event_date, anchor.date_precision
    rule = f"own: {expr.text!r}, the day of the event told before ({anchor.event_date})"
    event.evidence["event_date"] = Evidence(event.event_date, expr.text, rule)
    event.evidence["date_precision"] = Evidence(event.date_precision, expr.text, rule)
    return anchor


def date_undated_events(events: list[EventRecord], facts: list[Any], sentence_of: dict[int, int],
                        published: Any) -> None:
    """An event whose words give no time of its own takes the day its report was given in its
    sentence ("…has bombed the headquarters, the Pentagon said Sunday"), else the publication
    date; precision "unknown" either way (EVENTS.md: never empty for a dated article)."""
    dated = [e for e in events if e.event_date and e.date_precision in ("day", "range")]
    for event in events:
        if event.event_date:
            continue
        index = sentence_of.get(id(event))
        antecedent = _antecedent(event, index, dated, facts, sentence_of)
        if antecedent is not None and antecedent.event_date:
            event.event_date, event.date_precision = antecedent.event_date, antecedent.date_precision
            event.evidence["event_date"] = Evidence(
                event.event_date, antecedent.evidence["event_date"].span if "event_date" in antecedent.evidence
                else None, "no time of its own: the date of the event it refers back to")
            event.evidence["date_precision"] = Evidence(event.date_precision, event.evidence["event_date"].span,
                                                        event.evidence["event_date"].rule)
            continue
        anchored = _same_day_as_told(event, index, dated, facts, sentence_of)
        if anchored is not None:
            continue
        spoken, where = None, "its sentence"
        if index is not None:
            spoken = _day_named(facts[index], published)
            later = None if spoken is not None else _day_of_later_mention(index, facts, published)
            if later is not None:
                event.event_date, event.date_precision = later.date.isoformat(), later.precision
                event.evidence["event_date"] = Evidence(event.event_date, later.text,
                                                        "no time of its own: the day a later mention of it gives")
                event.evidence["date_precision"] = Evidence(event.date_precision, later.text,
                                                            event.evidence["event_date"].rule)
                continue
            # "CENTCOM announced on Sunday that its forces struck ISIS camps. … It added that the
            # operation struck over 75 targets": the report's day carries to the sentences that
            # go on with it.
            for back in range(1, REPORT_DAY_REACH + 1):
                if spoken is not None or index - back < 0:
                    break
                spoken, where = _day_named(facts[index - back], published, carried=True), "a sentence before"
        if spoken is not None:
            event.event_date = spoken.date.isoformat()
            event.evidence["event_date"] = Evidence(event.event_date, spoken.text,
                                                    f"no time of its own: the day named in {where} (as of a report)")
        elif published is not None:
            event.event_date = published.isoformat()
            event.evidence["event_date"] = Evidence(event.event_date, None,
                                                    "no time words for this event: the publication date")
        else:
            continue
        event.date_precision = "unknown"
        event.evidence["date_precision"] = Evidence("unknown", event.evidence["event_date"].span,
                                                    event.evidence["event_date"].rule)


# "Iraq has denied reports of a rocket attack", "described the reports as unfounded", "Reports of
# an aerial bombardment … are false", "…, which is denied": the article denies what was reported.
_REPORTS_DENIED = re.compile(
    r"\b(?:denied|denies|deny|denying|refuted|refutes|dismissed|rejected|debunked|disputed)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:reports?|claims?|rumou?rs|news|allegations)\b"
    r"|\b(?:reports?|claims?|rumou?rs|news)\b[^.;]{0,120}?\b(?:(?:are|were|is|was)\s+(?:false|untrue|baseless|"
    r"unfounded|fabricated|fake|incorrect|inaccurate)|which\s+(?:is|was|were)\s+denied|as\s+[“\"']?(?:false|"
    r"unfounded|baseless|fabricated|fake))", re.I)
# A sentence that tells an event only as what unnamed media or reports said.
_HEARSAY = re.compile(
    r"\b(?:(?:media|news|press|initial|earlier|unconfirmed|local)\s+reports?|reports\s+(?:of|that|on|said|claimed|"
    r"suggested|circulated)|rumou?rs)\b"
    r"|\b(?:social\s+media|news\s+(?:websites?|sites?|outlets?|agencies)|media\s+outlets?|some\s+media|"
    r"(?:some|several|various)\s+outlets?)\b[^.;]{0,60}?\b(?:reported|claimed|said|suggested|circulated|spread)\b",
    re.I)


def drop_denied_hearsay(events: list[EventRecord], facts: list[Any]) -> list[EventRecord]:
    """An article that denies "reports" of an attack does not assert the attack: the events it
    tells only as what media reports said are dropped (those it tells as fact are kept)."""
    if not any(_REPORTS_DENIED.search(f.text) for f in facts):
        return events
    return [e for e in events if not e.sources or not all(_HEARSAY.search(s.quote) for s in e.sources)]


# "condemned … tonight's rocket attacks on Erbil", "denounced the July 14 and July 15 drone
# attacks": an event named as the object of a statement about it.
_STATEMENT_OBJECT = re.compile(
    r"\b(?:condemn\S*|denounc\w*|decr(?:y|ies|ied)|deplor\w*|slam(?:s|med)?|critici[sz]\w*)\s+"
    r"(?:(?:[\w’'\[\]“\"-]+\s+){0,8}|[^.;]{0,160}?\bincluding\s+(?:[\w-]+\s+){0,3})$", re.I)
# "Monday's attack", "tonight's rocket attacks": a day in the possessive names an event by its day.
_POSSESSIVE_DAY = re.compile(r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|yesterday)['’]s\s+"
                             r"(?:[\w-]+\s+){0,2}$", re.I)


def names_told_event(text: str, trigger_start: int) -> str | None:
    """How the words before a trigger make it a mention of an event rather than a report of one:
    "statement" (the object of a condemnation), "possessive" (Monday's attack), or None."""
    lead = text[max(0, trigger_start - 200):trigger_start]
    lead = re.split(r"[.;:]\s", lead)[-1]
    if _STATEMENT_OBJECT.search(lead):
        return "statement"
    if _POSSESSIVE_DAY.search(lead[-40:]):
        return "possessive"
    return None


def fold_reference(event: EventRecord, earlier: list[EventRecord]) -> EventRecord | None:
    """Folds a mention of an event told before into it: the latest earlier event of the same type
    within a day of it, else of any type; returns that event, or None."""
    def near(other: EventRecord) -> bool:
        if not event.event_date or not other.event_date:
            return True
        days = (date.fromisoformat(event.event_date) - date.fromisoformat(other.event_date)).days
        return abs(days) <= 1 and (not event.country or not other.country or event.country == other.country)
    candidates = [e for e in earlier if near(e)]
    same = [e for e in candidates if e.event_type == event.event_type]
    pool = same or candidates
    return fold_into_antecedent(event, pool[-1:], any_type=True) if pool else None


def date_undated_antecedent(event: EventRecord, earlier: list[EventRecord]) -> EventRecord | None:
    """A definite mention with a day of its own ("The rockets, which were fired late on Sunday")
    of the latest undated event of the same type just told gives that event its day, and folds
    into it; returns that event, or None."""
    for antecedent in reversed(earlier):
        if antecedent.event_type != event.event_type or (
                antecedent.country and event.country and antecedent.country != event.country):
            continue
        if antecedent.event_date is not None:
            return None  # the latest event of the kind has its own day: this one is another
        antecedent.event_date, antecedent.date_precision = event.event_date, event.date_precision
        for name in ("event_date", "date_precision"):
            if name in event.evidence:
                told = event.evidence[name]
                antecedent.evidence[name] = Evidence(told.value, told.span,
                                                     f"{told.rule}; given by a later mention of this event")
        return fold_into_antecedent(event, [antecedent])
    return None
