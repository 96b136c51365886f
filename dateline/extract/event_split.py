"""Events told together with others: a detail sentence that lists several places of an event
told before (one event a place), and "another attack" told beside an event (one of its kind).

"Israeli jets struck near Damascus on Wednesday. … The strikes hit depots in Kisweh and Qudsaya."
The definite mention ("The strikes") tells more about the event told before, and the builder
already gives it one record per coordinated place. The first place completes the event told
before (its place, its toll); each further place is another event of the same report: a copy of
that event (its day, type, actors and sources) at the further place, as ACLED codes one event
per location.
"""
from __future__ import annotations

import copy
import re

from dateline.extract.discourse import fold_into_antecedent
from dateline.model import EventRecord, Evidence

_PLACE_FIELDS = ("country", "admin1", "location", "latitude", "longitude", "geo_precision")
_FURTHER_PLACE = "one of several places a later sentence lists for the event told before"
# What stands between two names of a list: "Kisweh and Qudsaya", "Zap, Gara", "Gara, and in the
# village of Sidakan"; not "Camp Taji, north of Baghdad" (where one lies) or "near".
_LIST_JOINT = re.compile(
    r"^\s*(?:,\s*(?:and\s+)?|and\s+|,?\s*as\s+well\s+as\s+)(?:(?:in|at|on)\s+)?(?:the\s+)?"
    r"(?:(?:towns?|villages?|cit(?:y|ies)|areas?|districts?|suburbs?|neighbou?rhoods?|camps?)\s+of\s+)?$", re.I)


def fold_listed_places(text: str, built: list[EventRecord], earlier: list[EventRecord],
                       any_type: bool = False) -> tuple[list[EventRecord | None], list[EventRecord]]:
    """Folds the records of one definite mention in `text` (its sentence) into the events told
    before. Returns the antecedent of each record (None where none fits) and the new events for
    the further places the mention lists (copies of the antecedent of its first place)."""
    if not built:
        return [], []
    first = fold_into_antecedent(built[0], earlier, any_type=any_type)
    antecedents: list[EventRecord | None] = [first]
    copies: list[EventRecord] = []
    listed = _listed(text, built)
    for event, in_list in zip(built[1:], listed[1:]):
        placed = [first, *copies] if first is not None else []
        if first is not None and in_list and event.location and event.country == first.country \
                and all(event.location != other.location for other in placed):
            copies.append(_at_place(first, event))
            antecedents.append(first)
        else:
            antecedents.append(fold_into_antecedent(event, earlier, any_type=any_type))
    return antecedents, copies


# "…, along with another attack in Syria", "a second attack", "a similar attack": an event of
# the kind just told, named by a word that gives no kind of its own.
_ANOTHER = re.compile(r"\b(?:another|a\s+second|a\s+third|a\s+further|a\s+similar|one\s+more)\s+(?:[\w-]+\s+)?$", re.I)


def like_the_one_told(clause_before_trigger: str, vague: bool, built: list[EventRecord],
                      told: list[EventRecord]) -> None:
    """"Militants fired rockets at the base, along with another attack in Syria": the events of a
    vague trigger (`vague`: a word that needs a weapon to have a kind) named as "another" of the
    event its sentence just told take that event's type, weapons and actors (an unidentified group
    of that event's country stays of its own)."""
    if not vague or not told or not built or not _ANOTHER.search(clause_before_trigger[-40:]):
        return
    model = told[-1]
    local = f"({model.country})" if model.country else None
    for event in built:
        event.event_type, event.sub_event_type = model.event_type, model.sub_event_type
        event.weapons = list(model.weapons)
        for name in ("actor1", "actor2"):
            theirs = getattr(model, name)
            if theirs and local and theirs.endswith(local) and event.country != model.country:
                theirs = theirs[: -len(local)] + f"({event.country})" if theirs.startswith("Unidentified") else None
            setattr(event, name, theirs)
            if name in model.evidence:
                event.evidence[name] = model.evidence[name]
        told_type = event.evidence.get("event_type")
        if told_type is not None:
            event.evidence["event_type"] = Evidence(model.sub_event_type, told_type.span,
                                                    f"{told_type.rule}; another of the kind its sentence told before")


def _listed(text: str, built: list[EventRecord]) -> list[bool]:
    """For each record, whether its place's name follows the previous record's as the next name
    of a list."""
    out, end = [False], None
    for previous, event in zip(built, built[1:]):
        spans = [e.evidence["location"].span if "location" in e.evidence else None for e in (previous, event)]
        if not spans[0] or not spans[1]:
            out.append(False)
            end = None
            continue
        start = text.find(spans[0], end or 0)
        end = start + len(spans[0]) if start >= 0 else None
        after = text.find(spans[1], end) if end is not None else -1
        out.append(after >= 0 and end is not None and bool(_LIST_JOINT.match(text[end:after])))
        end = after if after >= 0 else None
    return out


def _at_place(antecedent: EventRecord, listed: EventRecord) -> EventRecord:
    """The antecedent event at the place of `listed`, with the toll (if any) that `listed` gives."""
    twin = copy.deepcopy(antecedent)
    for name in _PLACE_FIELDS:
        setattr(twin, name, getattr(listed, name))
    for name in ("country", "location"):
        twin.evidence.pop(name, None)
        if name in listed.evidence:
            told = listed.evidence[name]
            twin.evidence[name] = Evidence(told.value, told.span, f"{told.rule}; {_FURTHER_PLACE}")
    for name in ("fatalities", "injured"):
        setattr(twin, name, getattr(listed, name))
        twin.evidence.pop(name, None)
        if name in listed.evidence:
            twin.evidence[name] = listed.evidence[name]
    return twin


__all__ = ["fold_listed_places", "like_the_one_told"]
