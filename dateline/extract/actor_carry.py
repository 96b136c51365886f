"""Carries the actors an article named earlier to the sentences that elaborate the same strikes.

News names the attacker once, in the lead ("Turkish jets struck PKK positions in Duhok on
Monday"), and then tells the details without it ("Villages near Amedi came under air raids",
"The strikes were carried out on five facilities", "The group said its fighters fired
rockets"). Read alone, such a sentence has nobody named as the attacker and becomes
"Unidentified Armed Group (X)". These rules give it the attacker of the nearest earlier event of
the same kind in the article, and give an interception the launcher the article named.

Only an attacker the sentence itself leaves open is carried: nobody named, or a definite
anaphor ("the group", "the militia"); a generic description ("Iran-aligned militias") stays
unidentified, as ACLED codes it. The carried actor is never the event's own target.
"""
from __future__ import annotations

import copy
import re
from datetime import date

from dateline.model import EventRecord, Evidence

# "the (armed) group", "this militia": words that refer back to a group named before.
_GROUP_NOUN = r"(?:armed\s+|militant\s+|same\s+)?(?:group|militia|militants|faction|organi[sz]ation|movement)"
_ANAPHOR = re.compile(rf"^(?:the|this|that)\s+(?:{_GROUP_NOUN}|(?:armed\s+|militant\s+|same\s+)?(?:attackers|gunmen))$",
                      re.I)
_BY_THE_GROUP = re.compile(rf"\b(?:fired|launched|sent|flown|dispatched)\s+by\s+(?:the|this|that)\s+{_GROUP_NOUN}\b",
                           re.I)
_SUBJECT_ANAPHOR = re.compile(
    rf"\s*(?:It|They|The\s+{_GROUP_NOUN})"
    r"\s+(?:has\s+|have\s+|had\s+)?(?:also\s+|later\s+|then\s+|previously\s+|since\s+)?"
    r"(?:attempted|launched|fired|claimed|carried\s+out|conducted|targeted|attacked|staged|sent)\b")
# ACLED's names of a state's own forces: never what "the group" refers to.
_STATES = ("Military Forces of", "Government of", "Police Forces of", "Coalition Forces", "Allied Syrian")
_CROWDS = ("Civilians", "Protesters", "Rioters", "Unidentified")
# Kinds of event whose attacker the article's earlier events of the same kind may name.
_CARRIED_TYPES = ("Explosions/Remote violence", "Battles", "Violence against civilians")


def carry_lead_actors(events: list[EventRecord], sentence_of: dict[int, int],
                      leads: list[tuple[int, EventRecord]] | None = None) -> None:
    """Fills an unnamed attacker (and an interception's unnamed launcher) from earlier events;
    `leads` (sentence, event) are strikes a sentence told only as activity ("US forces have
    carried out airstrikes on KH sites"), no events of their own but naming whose they were."""
    ordered = sorted(events, key=lambda e: sentence_of.get(id(e), 0))
    for position, event in enumerate(ordered):
        here = sentence_of.get(id(event), 0)
        earlier = [e for e in ordered[:position] if sentence_of.get(id(e), 0) < here]
        if event.event_type in _CARRIED_TYPES and _left_open(event, "actor1"):
            if not _subject_anaphor(event, earlier):
                before = [(sentence_of.get(id(e), 0), e) for e in earlier] + \
                    [(i, e) for i, e in leads or [] if i < here]
                _carry_attacker(event, [e for _i, e in sorted(before, key=lambda pair: pair[0])])
        if event.event_type in _CARRIED_TYPES and _left_open(event, "actor2") and _named(event.actor1):
            before = [(sentence_of.get(id(e), 0), e) for e in earlier] + \
                [(i, e) for i, e in leads or [] if i < here]
            _carry_target(event, [e for _i, e in sorted(before, key=lambda pair: pair[0])])
        elif event.sub_event_type == "Disrupted weapons use" and _left_open(event, "actor2"):
            _carry_launcher(event, ordered, here, sentence_of)
        if event.sub_event_type in _TERRITORY and not event.actor2:
            _carry_loser(event, earlier)


def _last_group(earlier: list[EventRecord], event: EventRecord) -> EventRecord | None:
    """The latest earlier event whose attacker is a named non-state group."""
    groups = [e for e in earlier if _named(e.actor1) and not e.actor1.startswith(_STATES) and e.actor1 != event.actor2]
    return groups[-1] if groups else None


def _subject_anaphor(event: EventRecord, earlier: list[EventRecord]) -> bool:
    """"It has attempted other attacks…", "The group also launched…": the sentence's subject is
    the group the article named last; True when it filled the attacker so."""
    quote = event.sources[0].quote if event.sources else ""
    found = _SUBJECT_ANAPHOR.match(quote)
    group = _last_group(earlier, event) if found else None
    if group is None or found is None:
        return False
    event.actor1 = group.actor1
    event.evidence["actor1"] = Evidence(group.actor1, found.group().strip(),
                                        "discourse: the subject 'it/the group' is the armed group the article named last")
    return True


def _named(actor: str | None) -> bool:
    return bool(actor) and not str(actor).startswith(_CROWDS)


def _left_open(event: EventRecord, field: str) -> bool:
    """True when the sentence named nobody for the field, or only "the group" (an anaphor)."""
    value = getattr(event, field)
    if value is not None and not str(value).startswith("Unidentified"):
        return False
    evidence = event.evidence.get(field)
    if evidence is None:
        return value is not None
    span = (evidence.span or "").strip()
    return not span or bool(_ANAPHOR.match(span))


_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
# Sub-event types the rules gave only for want of a weapon word ("Further attacks were
# reported in X"): such an event is the same kind as any remote attack told before it.
_DEFAULTED = ("'strikes' with no weapon named", "remote attack with no weapon named")


def _kind(event: EventRecord) -> tuple[str, str]:
    if event.sub_event_type in _TERRITORY:
        return event.event_type, "territory"
    rule = event.evidence["sub_event_type"].rule if "sub_event_type" in event.evidence else ""
    if event.event_type == "Explosions/Remote violence" and any(d in rule for d in _DEFAULTED):
        return event.event_type, "any"
    return event.event_type, event.sub_event_type


def _same_kind(event: EventRecord, other: EventRecord) -> bool:
    (mine, sub), (theirs, other_sub) = _kind(event), _kind(other)
    return mine == theirs and (sub == other_sub or sub == "any")


_SAME_STRIKES_DAYS = 10


def _days_apart(one: EventRecord, other: EventRecord) -> int:
    """Days between two events' dates (0 when either is unknown)."""
    try:
        return abs((date.fromisoformat(str(one.event_date)) - date.fromisoformat(str(other.event_date))).days)
    except ValueError:
        return 0


def _carry_attacker(event: EventRecord, earlier: list[EventRecord]) -> None:
    same_kind = [e for e in earlier if _same_kind(event, e)]
    if not same_kind:
        return
    lead = same_kind[-1]
    if _days_apart(lead, event) > _SAME_STRIKES_DAYS:
        # A caption of a 2020 exercise does not tell who attacked in 2023: the details of one
        # set of strikes fall within days of its lead.
        return
    # The nearest earlier event of the kind tells whose strikes these are; when its own attacker
    # is unknown (or is this event's target: "US strikes … A US base came under attack"), so is this one's.
    if not _named(lead.actor1) or lead.actor1 == event.actor2:
        return
    event.actor1 = lead.actor1
    if _kind(event)[1] in ("any", "territory") and event.sub_event_type != lead.sub_event_type:
        # The same strikes or the same advance: their sub-event type is the lead's (a town the
        # army took is regained territory; "further attacks" after air strikes are air strikes).
        event.sub_event_type = lead.sub_event_type
        event.weapons = list(lead.weapons) if not event.weapons else event.weapons
        event.evidence["sub_event_type"] = Evidence(lead.sub_event_type, event.evidence["sub_event_type"].span
                                                    if "sub_event_type" in event.evidence else None,
                                                    "discourse: the sub-event type of the article's earlier event "
                                                    "it elaborates")
    span = lead.evidence["actor1"].span if "actor1" in lead.evidence else None
    event.evidence["actor1"] = Evidence(lead.actor1, span, "discourse: the attacker of the article's earlier "
                                        f"{event.sub_event_type.lower()} (this sentence names none)")


def _carry_target(event: EventRecord, earlier: list[EventRecord]) -> None:
    """"The Pentagon struck the Kataib Hezbollah group … The strikes hit depots the group uses": a
    detail sentence that names no target (or only "the group") tells the same strikes as the nearest
    earlier event of its kind by the same attacker, and their target is the one named there."""
    same_kind = [e for e in earlier if _same_kind(event, e)]
    if not same_kind:
        return
    lead = same_kind[-1]
    if lead.actor1 != event.actor1 or _days_apart(lead, event) > _SAME_STRIKES_DAYS:
        return
    if lead.date_precision == event.date_precision == "day" and _days_apart(lead, event) > 1:
        # Each told on a day of its own, days apart: two rounds of strikes, not a detail of one.
        return
    if not _named(lead.actor2) or lead.actor2 == event.actor1:
        return
    event.actor2 = lead.actor2
    span = lead.evidence["actor2"].span if "actor2" in lead.evidence else None
    event.evidence["actor2"] = Evidence(lead.actor2, span, "discourse: the target of the article's earlier "
                                        f"{event.sub_event_type.lower()} by the same attacker (this sentence names none)")


def _carry_loser(event: EventRecord, earlier: list[EventRecord]) -> None:
    """"They captured Hama and Homs" after "militants launched an offensive against government
    troops": towns taken in the same campaign were taken from the enemy the article named for the
    same attacker's fighting (the nearest earlier battle of that attacker, or of attackers the
    article left unnamed, within days)."""
    fights = [e for e in earlier if e.event_type == "Battles" and _named(e.actor2)
              and (e.actor1 == event.actor1 or str(e.actor1).startswith("Unidentified")
                   or str(event.actor1).startswith("Unidentified"))
              and e.actor2 != event.actor1 and _days_apart(e, event) <= _SAME_STRIKES_DAYS]
    if not fights:
        return
    lead = fights[-1]
    event.actor2 = lead.actor2
    span = lead.evidence["actor2"].span if "actor2" in lead.evidence else None
    event.evidence["actor2"] = Evidence(lead.actor2, span, "discourse: territory taken in the campaign the article "
                                        "told earlier is taken from the enemy it named (this sentence names none)")


def _carry_launcher(event: EventRecord, ordered: list[EventRecord], here: int,
                    sentence_of: dict[int, int]) -> None:
    """An interception's launcher: the named attacker of a remote attack told within two sentences
    in the same country."""
    quote = " ".join(source.quote for source in event.sources)
    if _BY_THE_GROUP.search(quote):
        # "a drone fired by the group": the group the article last named (whatever it did then).
        groups = [e for e in ordered if e is not event and _named(e.actor1) and not e.actor1.startswith(_STATES)
                  and e.actor1 != event.actor1 and sentence_of.get(id(e), 0) < here]
        if groups:
            group = groups[-1]
            event.actor2 = group.actor1
            span = _BY_THE_GROUP.search(quote).group()  # type: ignore[union-attr]
            event.evidence["actor2"] = Evidence(group.actor1, span, "discourse: 'the group' is the armed group the "
                                                "article named last")
            return
    attacks = [e for e in ordered if e is not event and e.event_type == "Explosions/Remote violence"
               and _named(e.actor1) and e.actor1 != event.actor1 and e.country == event.country
               and abs(sentence_of.get(id(e), 0) - here) <= 2]
    if not attacks:
        # "…Britain shot down Iranian drones, while Jordan said it had dealt with objects over its
        # airspace": another state's interception told just before names the launcher.
        others = [e for e in ordered if e is not event and e.sub_event_type == "Disrupted weapons use"
                  and _named(e.actor2) and not str(e.actor2).startswith("Unidentified")
                  and e.actor1 != event.actor1 and 0 <= here - sentence_of.get(id(e), 0) <= 2]
        if others:
            event.actor2 = others[-1].actor2
            event.evidence["actor2"] = Evidence(event.actor2, others[-1].evidence["actor2"].span
                                                if "actor2" in others[-1].evidence else None,
                                                "discourse: the launcher of the interception told just before")
        return
    nearest = min(attacks, key=lambda e: (abs(sentence_of.get(id(e), 0) - here), sentence_of.get(id(e), 0) > here))
    event.actor2 = nearest.actor1
    span = nearest.evidence["actor1"].span if "actor1" in nearest.evidence else None
    event.evidence["actor2"] = Evidence(nearest.actor1, span, "discourse: the launcher is the attacker the "
                                        "article names for the nearest remote attack")


def spread_over_lead_countries(events: list[EventRecord], sentence_of: dict[int, int],
                               leads: list[tuple[int, EventRecord]]) -> dict[int, list[EventRecord]]:
    """"US forces struck KH sites in Iraq and Syria. … The strikes were carried out on Sunday
    evening": a detail sentence with no place of its own (placed in the article's main country)
    tells the strikes the lead told in several countries, one event per country (ACLED codes a
    strike in two countries as two events). Returns, by id of each such event, its copies in the
    lead's other countries."""
    copies: dict[int, list[EventRecord]] = {}
    for event in events:
        rule = event.evidence["country"].rule if "country" in event.evidence else ""
        if event.location or event.admin1 or "main country" not in rule or not _named(event.actor1):
            continue
        here = sentence_of.get(id(event), 0)
        before = [(i, e) for i, e in leads if i < here and _same_kind(event, e)]
        if not before:
            continue
        last = max(i for i, _e in before)
        told = [e for i, e in before if i == last]
        countries = [e.country for e in told if e.country]
        if len(set(countries)) < 2 or event.country not in countries or \
                any(e.actor1 != event.actor1 or e.actor2 != event.actor2 for e in told):
            continue
        for country in dict.fromkeys(countries):
            if country == event.country:
                continue
            twin = copy.deepcopy(event)
            twin.country = country
            for name in ("actor1", "actor2"):
                value = getattr(twin, name)
                if value and value.endswith(f"({event.country})"):
                    setattr(twin, name, value[:-len(f"({event.country})")] + f"({country})")
            twin.evidence["country"] = Evidence(country, None, "one event per country the lead names for the same strikes")
            copies.setdefault(id(event), []).append(twin)
    return copies


__all__ = ["carry_lead_actors", "spread_over_lead_countries"]
