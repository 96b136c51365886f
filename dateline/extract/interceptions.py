"""An interception and the attack it stopped.

ACLED codes an attack that was stopped whole once, as Disrupted weapons use (actor1 who
intercepted, actor2 who launched): "The group said it launched two drones at the base. Both were
shot down." When only part was stopped ("one of the rockets was intercepted", "most of the
missiles were downed, but some hit the base", "two other drones were shot down") the attack that
got through and the interception are two events. An interception told after an attack, with no
time or place of its own, happened where and when that attack did.
"""
from __future__ import annotations

import re
from typing import Any

from dateline.model import EventRecord, Evidence

INTERCEPTION = "Disrupted weapons use"
REMOTE = "Explosions/Remote violence"

# Words saying only part of the weapons launched was stopped (the rest got through).
_PART = re.compile(
    r"\b(?:one|two|three|four|five|six|some|most|many|several|part|half|\d+|a\s+(?:few|number|handful)"
    r"|the\s+(?:majority|bulk))\s+of\b"
    r"|\b(?:almost|nearly|virtually|not)\s+all\b|\ball\s+but\b|\bmost\b"
    r"|\b\d+(?:\.\d+)?\s*(?:percent|per\s+cent|%)"
    r"|\b(?:an|one|two|three|four|five|six|several|\d+)\s+others?\b"
    r"|\bbut\s+(?:some|one|two|three|others?|several|a\s+few|the\s+rest)\b", re.I)


def stopped_part(text: str) -> bool:
    """True when a sentence says only part of an attack was stopped ("one of the rockets", "most
    of the drones", "99 percent", "two other drones", "but some hit")."""
    return _PART.search(text) is not None


def takes_over_attack(event: EventRecord, near: list[EventRecord]) -> bool:
    """"Rockets hit the Green Zone on Sunday. Two other rockets were shot down.": an interception
    with no time or place of its own, told after an attack, is an event of its own on the day and
    at the place of that attack, the attacker its actor2. Returns True when `event` was completed
    so; False when it is no interception, names no interceptor, or the latest such event told is
    no attack (more about an interception told before)."""
    if event.sub_event_type != INTERCEPTION or not _named(event.actor1):
        # Nobody named as the interceptor ("air defences intercepted most of the missiles"):
        # ACLED codes the attack alone, the interception a detail of it.
        return False
    attack = _stopped_attack(event, near)
    if attack is None or attack.sub_event_type == INTERCEPTION or attack.event_date is None:
        return False
    event.event_date, event.date_precision = attack.event_date, attack.date_precision
    told = attack.evidence.get("event_date")
    event.evidence["event_date"] = Evidence(attack.event_date, told.span if told else None,
                                            "the day of the attack told before, which it intercepted")
    event.evidence["date_precision"] = Evidence(event.date_precision, event.evidence["event_date"].span,
                                                event.evidence["event_date"].rule)
    if (attack.location or attack.admin1) and event.country in (None, attack.country):
        for name in ("country", "admin1", "location", "latitude", "longitude", "geo_precision"):
            setattr(event, name, getattr(attack, name))
        for name in ("location", "country"):
            if name in attack.evidence:
                event.evidence[name] = attack.evidence[name]
    _name_launcher(event, attack)
    return True


def intercepts_recent_attack(frame: Any, near: list[EventRecord]) -> bool:
    """True for a clause telling an interception when an attack was told in the sentences just
    before: "Two other drones were shot down" is an event of its own (`takes_over_attack`)."""
    return frame.primary.trigger.sub_event_type == INTERCEPTION and any(r.event_type == REMOTE for r in near)


def _stopped_attack(event: EventRecord, near: list[EventRecord]) -> EventRecord | None:
    """The event an interception is about: the latest attack (or interception) told before that
    its interceptor did not launch, one with the weapon it names first."""
    candidates = [r for r in reversed(near) if (r.event_type == REMOTE or r.sub_event_type == INTERCEPTION)
                  and not (r.event_type == REMOTE and _named(r.actor1) and r.actor1 == event.actor1)]
    armed = [r for r in candidates if set(r.weapons) & set(event.weapons)]
    return (armed or candidates or [None])[0]


def _named(actor: str | None) -> bool:
    return bool(actor) and not str(actor).startswith("Unidentified")


def absorb_intercepted_attacks(events: list[EventRecord], sentence_of: dict[int, int]) -> list[EventRecord]:
    """Folds an attack into the interception that stopped it, when both are told within two
    sentences with the same weapon and no other date, nobody was hurt and the interception's
    sentence does not say only part was stopped; returns the remaining events."""
    absorbed: set[int] = set()
    interceptions = [e for e in events if e.sub_event_type == INTERCEPTION]
    for interception in interceptions:
        if any(stopped_part(s.quote) for s in interception.sources[:1]):
            continue
        for attack in events:
            if attack is interception or id(attack) in absorbed or attack.event_type != REMOTE:
                continue
            near = abs(sentence_of[id(attack)] - sentence_of[id(interception)]) <= 1
            # "…, which were shot down": a clause naming no weapon stopped the attack's.
            same_weapon = not interception.weapons or bool(set(attack.weapons) & set(interception.weapons))
            same_day = not attack.event_date or not interception.event_date or \
                attack.event_date == interception.event_date
            unhurt = all(e.fatalities is None and e.injured is None for e in (attack, interception))
            if near and same_weapon and same_day and unhurt:
                _fold(interception, attack)
                absorbed.add(id(attack))
                break
    return [e for e in events if id(e) not in absorbed]


def _name_launcher(interception: EventRecord, attack: EventRecord) -> None:
    if not attack.actor1.startswith("Unidentified") and (interception.actor2 or "").startswith("Unidentified") \
            or interception.actor2 is None:
        interception.actor2 = attack.actor1
        if "actor1" in attack.evidence:
            interception.evidence["actor2"] = Evidence(attack.actor1, attack.evidence["actor1"].span,
                                                       "the attacker of the intercepted attack")


def _fold(interception: EventRecord, attack: EventRecord) -> None:
    _name_launcher(interception, attack)
    if attack.location and (not interception.location or interception.geo_precision > attack.geo_precision):
        for name in ("country", "admin1", "location", "latitude", "longitude", "geo_precision"):
            setattr(interception, name, getattr(attack, name))
        if "location" in attack.evidence:
            interception.evidence["location"] = attack.evidence["location"]
    if not interception.event_date and attack.event_date:
        interception.event_date, interception.date_precision = attack.event_date, attack.date_precision
        interception.evidence["event_date"] = attack.evidence.get("event_date", Evidence(attack.event_date))
    for name in ("claimed_by", "denied_by"):
        values: list[str] = getattr(interception, name)
        values.extend(v for v in getattr(attack, name) if v not in values)
    interception.sources.extend(s for s in attack.sources
                                if all(s.quote != t.quote for t in interception.sources))
