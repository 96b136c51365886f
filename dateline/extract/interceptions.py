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
    r"|\b(?:almost|nearly|virtually|not)\s+all\b|\ball\s+but\b|(?<!\bthe\s)(?<!\bat\s)\bmost\b"
    r"|\b\d+(?:\.\d+)?\s*(?:percent|per\s+cent|%)"
    r"|\b(?:an|one|two|three|four|five|six|several|\d+)\s+others?\b"
    r"|\bbut\s+(?:some|one|two|three|others?|several|a\s+few|the\s+rest)\b", re.I)


def stopped_part(text: str) -> bool:
    """True when a sentence says only part of an attack was stopped ("one of the rockets", "most
    of the drones", "99 percent", "two other drones", "but some hit")."""
    return _PART.search(text) is not None


KEPT = "kept: an interception of the attack told before"
# Finding or defusing weapons after an attack ("police found the rocket launcher nearby") is a
# detail of that attack, not a stop of it in flight.
_FOUND = re.compile(r"\b(?:seiz|confiscat|found|discover|uncover|dismantl|defus|cache)", re.I)


def takes_over_attack(event: EventRecord, near: list[EventRecord]) -> bool:
    """"Rockets hit the Green Zone on Sunday. Two other rockets were shot down, police said.": an
    interception with no time or place of its own, told after an attack, is an event of its own
    on the day and at the place of that attack, the attacker its actor2; after another state's
    interception of it ("Jordan said it had shot down drones"), on that day, with that launcher.
    Returns True when `event` was completed so; False when it is no interception, names no
    interceptor, or tells more about an interception by the same forces."""
    trigger = event.evidence.get("sub_event_type")
    if event.sub_event_type == INTERCEPTION and not _named(event.actor1):
        _defender_of_target(event, near)
    if event.sub_event_type != INTERCEPTION or not _named(event.actor1) or \
            (trigger is not None and _FOUND.search(trigger.span or "")):
        # Nobody named as the interceptor ("air defences intercepted most of the missiles"):
        # ACLED codes the attack alone, the interception a detail of it.
        return False
    source = _stopped_attack(event, near)
    # An attack not dated yet (its day is read at the end of the article) still stopped: the
    # interception is dated with it then, as an event that refers back to it.
    undated_attack = source is not None and source.event_date is None and source.event_type == REMOTE and \
        "actor1" in event.evidence and event.evidence["actor1"].rule.startswith(_DEFENDER_RULE)
    if source is None or (source.event_date is None and not undated_attack) or (
            source.sub_event_type == INTERCEPTION and (source.actor1 == event.actor1 or not _named(source.actor1))):
        return False
    if source.event_date is not None:
        event.event_date, event.date_precision = source.event_date, source.date_precision
        told = source.evidence.get("event_date")
        event.evidence["event_date"] = Evidence(source.event_date, told.span if told else None,
                                                "the day of the attack told before, which it intercepted")
        event.evidence["date_precision"] = Evidence(event.date_precision, event.evidence["event_date"].span,
                                                    event.evidence["event_date"].rule)
    if source.sub_event_type == INTERCEPTION:
        # Each state intercepts over its own ground: only the day and the launcher carry over.
        if source.actor2 and (event.actor2 is None or not _named(event.actor2)):
            event.actor2 = source.actor2
            event.evidence["actor2"] = Evidence(source.actor2, source.evidence["actor2"].span
                                                if "actor2" in source.evidence else None,
                                                "the launcher of the attack another state intercepted")
        return True
    if (source.location or source.admin1) and event.country in (None, source.country):
        for name in ("country", "admin1", "location", "latitude", "longitude", "geo_precision"):
            setattr(event, name, getattr(source, name))
        for name in ("location", "country"):
            if name in source.evidence:
                event.evidence[name] = source.evidence[name]
    _name_launcher(event, source)
    return True


# "diverted by an anti-rocket system set up to defend the embassy": a system named by the site it
# was put there to defend, with no force named, is that site's. ("The base's air defences", at a
# base many forces share, says less: nobody is named then, and the attack alone is coded.)
_DEFENDING_SITE = re.compile(
    r"\b(?:defend|protect|guard|shield)(?:s|ing)?\s+(?:the|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:embassy|consulate|diplomatic\s+mission|mission|base|air\s*base|airport|compound|camp)\b", re.I)
_STATE_SIDE = re.compile(r"^(?:Government|Military Forces) of (.+)$")
_DEFENDER_RULE = "interception: the forces of the state whose site the system defends"


def _defender_of_target(event: EventRecord, near: list[EventRecord]) -> None:
    """An interception by a system that defends "the embassy" or "the base", nobody named: the
    site is the one the attack told before targeted, and a state's site is defended by its
    forces, who are the interceptor (ACLED: actor1 who intercepted)."""
    quote = event.sources[0].quote if event.sources else ""
    defended = _DEFENDING_SITE.search(quote)
    if defended is None:
        return
    source = _stopped_attack(event, near)
    state = _STATE_SIDE.match(source.actor2 or "") if source is not None and source.event_type == REMOTE else None
    if state is None:
        return
    event.actor1 = f"Military Forces of {state.group(1)}"
    event.evidence["actor1"] = Evidence(event.actor1, defended.group(),
                                        f"{_DEFENDER_RULE} (the target of the attack told before)")


def kept_as_interception(event: EventRecord) -> bool:
    """True for an event kept only as the interception of an attack told before (`KEPT`)."""
    evidence = event.evidence.get("event_type")
    return evidence is not None and KEPT in evidence.rule


def intercepts_recent_attack(frame: Any, near: list[EventRecord]) -> bool:
    """True for a clause telling an interception when an attack was told in the sentences just
    before: "Two other drones were shot down" is an event of its own (`takes_over_attack`)."""
    return frame.primary.trigger.sub_event_type == INTERCEPTION and not _FOUND.search(frame.primary.text) \
        and any(r.event_type == REMOTE for r in near)


def _stopped_attack(event: EventRecord, near: list[EventRecord]) -> EventRecord | None:
    """What an interception is about: the latest attack told before that its interceptor did
    not launch, or the latest interception (one with the weapon it names first)."""
    candidates = [r for r in reversed(near) if r.sub_event_type == INTERCEPTION
                  or (r.event_type == REMOTE and not (_named(r.actor1) and r.actor1 == event.actor1))]
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
            apart = abs(sentence_of[id(attack)] - sentence_of[id(interception)])
            # "…launched two drones, which were shot down by fighter jets": in the attack's own
            # sentence, or naming no weapon, the interception stopped the attack's weapons.
            same_weapon = apart == 0 or not interception.weapons or \
                bool(set(attack.weapons) & set(interception.weapons))
            near = apart <= 1
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

