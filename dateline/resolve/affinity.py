"""How strongly two reports point to the same event: one score from date, place, type, actors and
wording, compared with ONE threshold.

Each part adds or takes away points, and a few facts rule a pair out whatever the rest says (two
countries, two provinces, places far apart, two places with two death tolls, dates outside both
precisions, a day outside the calendar week another report names, two reports without a time
published days apart, an event type that cannot be the other's, one report's attacker being the
other's target, or its target's people (a strike and the reply to it; an interception excepted),
the same sentence split on purpose, one article's interception and attack,
or two states' interceptions, that extraction told apart). A report whose attacker and target are
one party (a coalition against its lead state's troops or civilians) has its roles misread: they are
not compared, and the merged event takes its sides from the other reports.

| part | points |
|---|---|
| date | same day 1.5; a day outside the calendar week or weekend a range report names ("last week") ruled out; a day apart 0.25 (two days of one article are two events, unless at one place: -1); the same stated span 1, within a stated span (range, month) 0.5; a report whose text gives no time (dated by publication, within a week before it) 0, as a publication date is not the event's day, or 0.75 beside a dated report of its own article (-1 when the article dates that report more than two days before publication: background it recalls); two such reports published a day apart -1, further apart ruled out; when neither report names a place, 0.5 for two such reports published the same day, or for one published the day of the other's dated day or the next (the day's news: a placed report is told apart by its place, and an unplaced one joins only the one event of its kind there) |
| place | same place 2; one place under two spellings (within 2 km) 1.75; a neighbourhood, airport or base and the city it is in or by (within 15 km) 1; two other places within 10 km 0.25 (-2.5 for two quarters or sites one article names: it tells two targets), within 30 km -1.5 (each report names where it happened: nearness alone is no proof), further apart, in two provinces, or with two different death tolls ruled out; one inside the other's province, or the same province 0.75; only the country, or a region wider than one province (Kurdistan Region), 0 |
| type | same sub-event type 1; an interception against an attack on the same target -0.5 (the other reading is kept as a conflicting figure); within one article ruled out (extraction folds an attack stopped whole into its interception, so both told means part got through), as are two states' interceptions there; two explosions told by two weapons ruled out; two other kinds of one type (a clash and the territory it won, a protest and its repression) -1 |
| actors | each role: the same named actor 0.5, affiliated through the knowledge base or the same state 0.3, unnamed 0, a state's troops and its civilians as target 0, two different named actors -3 for the actor, -1.5 for the target, -0.5 for the host state's forces and a foreign force based with them (reports name
  targets more loosely: the base, its garrison, the state; among ACLED train notes of one day, province, type and
  place that are distinct events, the actor differs in 69 of 139 pairs, the target alone in 13), and -0.5 for either within one article (its lead and
  its detail name the parties from two angles; the article tells two events apart by place, day, type or toll) |
| toll | the same death toll (two or more) in both 0.5 (a report dated by its month and not placed meets the day's event it tells by its victims and their number; two different tolls at two places rule the pair out, above) |
| sole candidate | a report placed only in a province (or only in the country, of a stated day) 0.5 against the one placed event of its sub-event type there within its time (a range at most, not a month), none when there are two (`merge`) |
| wording | the same sentence in another article (a reprint or wire copy) 2; a run of six words holding three common words (not names or attributions) shared with another article's report (one statement quoted in each outlet's words) 1, where one of the two is dated by its text and they do not name two places (`merge`); the same article (its lead and its detail) 1.25 (chosen by 3-fold article cross-validation on dev-real among 0.5-2: every fold chose 1.25 and its held-out articles gained event F1) |
"""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from dateline.model import EventRecord
from dateline.resolve.regions import province

THRESHOLD = 2.5
"""A report joins an event when its score reaches this."""

Related = Callable[[str, str], bool]

# Days a date may stand for, before and after it, by precision. A report whose text gives no
# time is dated by publication (EVENTS.md): the event happened at most a week before it.
SPAN = {"day": (0, 0), "range": (6, 6), "month": (16, 16), "unknown": (7, 0)}
INTERCEPTION = "Disrupted weapons use"
REMOTE = "Explosions/Remote violence"
# A coalition and the state that leads it count as one party for matching reports.
_LEADS = {"Coalition Forces": "United States"}
_CIVILIANS = re.compile(r"^Civilians \((?P<state>.+)\)$")
_STATE = re.compile(r"^(?:Government|Military Forces|Police Forces|Armed Forces) of (?:the )?(?P<state>.+)$")


@dataclass
class Affinity:
    """The score of a report against an event, with the reasons in words (for `explain`)."""

    score: float = 0.0
    # (points, wording, values): worded only when shown, as most candidates are never shown.
    parts: list[tuple[float, str, tuple[object, ...]]] = field(default_factory=list)
    veto: tuple[str, tuple[object, ...]] | None = None

    def add(self, points: float, reason: str, *values: object) -> None:
        self.score += points
        self.parts.append((points, reason, values))

    def rule_out(self, reason: str, *values: object) -> None:
        self.veto = (reason, values)

    @property
    def ruled_out(self) -> str | None:
        return self.veto[0].format(*self.veto[1]) if self.veto else None

    @property
    def joins(self) -> bool:
        return self.veto is None and self.score >= THRESHOLD

    @property
    def reasons(self) -> list[str]:
        return [f"{reason.format(*values)} ({points:+g})" for points, reason, values in self.parts]

    def describe(self) -> str:
        if self.veto:
            return f"ruled out: {self.ruled_out}"
        return f"score {self.score:g} (threshold {THRESHOLD:g}): " + "; ".join(self.reasons)


def family(record: EventRecord) -> str:
    """Event types that can be one event: an interception is the other side of an attack."""
    if record.sub_event_type == INTERCEPTION:
        return REMOTE
    return record.event_type


def window(record: EventRecord) -> tuple[int, int] | None:
    """The first and last day (ordinals) the record's date can stand for."""
    if not record.event_date:
        return None
    return _window(record.event_date, record.date_precision)


@functools.lru_cache(maxsize=65536)
def _window(event_date: str, precision: str) -> tuple[int, int]:
    day = date.fromisoformat(event_date).toordinal()
    before, after = SPAN.get(precision, (1, 1))
    return day - before, day + after


def affinity(record: EventRecord, event: EventRecord, related: Related | None = None,
             same_article: bool = False) -> Affinity:
    """Scores `record` (one report) against `event` (a report or a merged event)."""
    result = Affinity()
    for part in (_type_part, _date_part, _place_part):
        part(record, event, result, same_article)
        if result.veto:
            return result
    _actor_part(record, event, result, related, same_article)
    if result.veto:
        return result
    _toll_part(record, event, result)
    if same_article:
        result.add(1.25, "same article")
    return result


def _type_part(a: EventRecord, b: EventRecord, out: Affinity, same_article: bool) -> None:
    if a.sub_event_type == b.sub_event_type:
        if a.sub_event_type == INTERCEPTION and same_article and named(a.actor1) and named(b.actor1) \
                and state_of(a.actor1) != state_of(b.actor1):
            # "Israel intercepted most of them … Jordan said it shot down drones": ACLED codes
            # each state's interception of one attack apart, as extraction tells them.
            out.rule_out("one article tells interceptions by {} and by {}", a.actor1, b.actor1)
            return
        out.add(1.0, "both {}", a.sub_event_type.lower())
        return
    if family(a) != family(b):
        out.rule_out("{} cannot be {}", a.event_type, b.event_type)
        return
    if INTERCEPTION in (a.sub_event_type, b.sub_event_type) and same_article:
        # Extraction folds an attack stopped whole into its interception: an article that
        # keeps both tells an attack that got through and the part that was stopped.
        out.rule_out("one article tells the interception and the attack apart")
        return
    if INTERCEPTION in (a.sub_event_type, b.sub_event_type):
        out.add(-0.5, "an interception and an attack")
        return
    if a.weapons and b.weapons and not set(a.weapons) & set(b.weapons):
        out.rule_out("{} against {}", '/'.join(a.weapons), '/'.join(b.weapons))
        return
    if a.event_type != REMOTE:
        # A clash and the territory it won, a protest and its repression, are told apart by kind
        # (weapons tell explosions apart).
        out.add(-1.0, "{} and {}", a.sub_event_type.lower(), b.sub_event_type.lower())


def _date_part(a: EventRecord, b: EventRecord, out: Affinity, same_article: bool) -> None:
    wa, wb = window(a), window(b)
    if wa is None or wb is None:
        if same_article:
            out.add(0.75, "no time in its sentence, in the article that dates it")
        else:
            out.rule_out("an undated report")
        return
    if a.date_precision == "day" and b.date_precision == "day":
        gap = abs(wa[0] - wb[0])
        if gap == 0:
            out.add(1.5, "same day")
        elif gap == 1 and not same_article:
            out.add(0.25, "a day apart")  # one article dates all it tells against one day
        elif gap == 1 and _same_place(a, b):
            # One article tells two days at one place rarely (none of dev-real's gold events do;
            # its two-day pairs are at two places); more often it dates one event twice ("overnight
            # Sunday", "on Monday the army confirmed").
            out.add(-1.0, "a day apart in one article, at the same place")
        else:
            out.rule_out("{} days apart", gap)
        return
    if wa[0] > wb[1] + 1 or wb[0] > wa[1] + 1:
        out.rule_out("{} ({}) against {} ({})", a.event_date, a.date_precision, b.event_date, b.date_precision)
    elif "unknown" in (a.date_precision, b.date_precision) and same_article:
        published, dated = (wa, wb) if a.date_precision == "unknown" else (wb, wa)
        if dated[1] < published[1] - 2:
            # An undated sentence tells the article's news (published within a day or two of it);
            # a day the article dates days before publication is the background it recalls.
            out.add(-1.0, "no time in its sentence, the article dates the other days before publication")
        else:
            out.add(0.75, "no time in its sentence, in the article that dates it")
    elif a.date_precision == b.date_precision == "unknown" and a.event_date != b.event_date:
        # Neither text gives the day and they were published on different days: nothing says
        # they tell of the same day (a daily bulletin tells of a new shelling every day). News of
        # one event runs the day it happens and the next; beyond that it is another event.
        apart = abs(wa[1] - wb[1])
        if apart > 1:
            out.rule_out("no time in either text, published {} days apart", apart)
        else:
            out.add(-1.0, "no time in either text, published a day apart")
    elif a.date_precision == b.date_precision == "unknown" and not (a.location or b.location):
        # Neither text gives a time or a place, and both were published the same day: the day's
        # news of the country (a placed report is told apart by its place; an unplaced one joins
        # only the one event of its kind there, `merge.choose`).
        out.add(0.5, "no time or place in either text, published the same day")
    elif "unknown" in (a.date_precision, b.date_precision):
        published, other = (wa[1], b) if a.date_precision == "unknown" else (wb[1], a)
        dated = window(other)
        assert dated is not None
        if other.date_precision == "day" and 0 <= published - dated[0] <= 1 and not (a.location or b.location):
            # No time in its text, published the day of the other's event or the next, and neither
            # names a place: news runs then (a publication date alone is not the event's day, but
            # it is the day's news; a placed event is told apart by its place).
            out.add(0.5, "no time in the text, published the day of the other's or the next")
        else:
            # A publication date is not the event's day: it neither agrees nor disagrees.
            out.add(0.0, "no time in the text, within a week before publication")
    elif (a.event_date, a.date_precision) == (b.event_date, b.date_precision):
        out.add(1.0, "the same {}", a.date_precision)
    elif (unit := _day_outside_unit(a, b) or _day_outside_unit(b, a)) is not None:
        # "Monday's attack" and "rockets fired at the base last week": a day outside the calendar
        # week (or weekend) another report names is another event, however near (as two days are).
        out.rule_out("a day outside the {} the other names", unit)
    else:
        out.add(0.5, "within the stated span")


# Calendar units a range date can name, by the date rule's name, and the days either side of
# their middle day they cover ("last week": the middle day and three either side).
_CALENDAR_UNITS = {"relative-weekend": ("weekend", 1), "relative-week": ("week", 3)}


def _day_outside_unit(ranged: EventRecord, dated: EventRecord) -> str | None:
    """The calendar unit ("week") `ranged`'s date names when `dated` (a day) falls outside it."""
    evidence = ranged.evidence.get("event_date") if ranged.evidence else None
    if ranged.date_precision != "range" or dated.date_precision != "day" or evidence is None:
        return None
    name = (evidence.rule or "").rsplit(":", 1)[-1].strip().split(";")[0].split(",")[0].strip()
    if name not in _CALENDAR_UNITS:
        return None
    unit, half = _CALENDAR_UNITS[name]
    gap = abs(date.fromisoformat(ranged.event_date).toordinal() - date.fromisoformat(dated.event_date).toordinal())
    return unit if gap > half else None


def _place_part(a: EventRecord, b: EventRecord, out: Affinity, _same: bool) -> None:
    if a.country and b.country and a.country != b.country:
        out.rule_out("{} against {}", a.country, b.country)
        return
    pa, pb = province(a.admin1, a.country), province(b.admin1, b.country)
    if a.location and b.location:
        if pa and pb and pa != pb:
            out.rule_out("{} ({}) against {} ({})", a.location, a.admin1, b.location, b.admin1)
            return
        if _norm(a.location) == _norm(b.location):
            out.add(2.0, "same place ({})", b.location)
            return
        # Two precise places named: each report says where it happened, and they differ. Near
        # each other they may be one strike told from two villages, but that alone is no proof.
        distance = km(a, b)
        if distance is not None and distance <= 2:
            out.add(1.75, "{} and {}: one place, two spellings", a.location, b.location)
        elif distance is not None and distance <= 15 and _inside_city(a, b):
            out.add(1.0, "{} and {}: a site in or by the city", a.location, b.location)
        elif distance is None or distance > 30:
            out.rule_out("{} against {}", a.location, b.location)
        elif _figures_differ(a, b):
            out.rule_out("{} killed in {} against {} in {}", a.fatalities, a.location, b.fatalities, b.location)
        elif distance <= 10 and _same and _kind(a) in _SITES and _kind(b) in _SITES:
            # One article that names two sites a few km apart (two quarters of a city, a base and
            # the quarter next to it) tells two targets: its lead and detail would name one.
            out.add(-2.5, "{} and {} {:.0f} km apart, two sites one article names", a.location, b.location, distance)
        elif distance <= 10:
            out.add(0.25, "{} and {} {:.0f} km apart", a.location, b.location, distance)
        else:
            out.add(-1.5, "{} and {} {:.0f} km apart", a.location, b.location, distance)
        return
    if pa and pb:
        if pa != pb:
            out.rule_out("{} against {}", a.admin1, b.admin1)
            return
        out.add(0.75, "in {}", b.admin1)
        return
    # Only the country, or a region wider than one province ("Kurdistan Region"): no agreement.
    out.add(0.0, "only the country" if not (a.admin1 or b.admin1) else "only the country or a wider region")


def _actor_part(a: EventRecord, b: EventRecord, out: Affinity, related: Related | None,
                same_article: bool = False) -> None:
    a1, a2 = a.actor1, a.actor2
    intercepted = (a.sub_event_type == INTERCEPTION) != (b.sub_event_type == INTERCEPTION)
    if intercepted:
        a1, a2 = a2, a1  # the interceptor is actor1 of an interception, the target of an attack
    if one_side(a.actor1, a.actor2, related) or one_side(b.actor1, b.actor2, related):
        # A state's forces attacking its own civilians, a coalition its lead state: the roles were
        # misread (the unit that reported it taken for the attacker), and say nothing either way.
        out.add(0.0, "one report's two sides are one party: its roles are not compared")
        return
    # (An interception's other side is often the force that reported it, not the attacker: its
    # roles against an attack's are compared name by name below, never ruled out.)
    if not intercepted and _opposed(a1, a2, b, related):
        if _half_told(a1, a2, b) and _same_toll(a, b):
            # One report names a single side, in the other's other role, and both give the same
            # toll: the one side was misread ("a strike that led to the deaths of three service
            # members": the victims' side read as the attacker). Its roles say nothing either way.
            out.add(0.0, "one side named in one report, in the other role, with the same toll: its roles are not compared")
            return
        out.rule_out("the two sides' roles are swapped (a reply, not the same event)")
        return
    # Within one article the lead and its detail name the parties from two angles (the attackers
    # in one sentence, the base's users or the unit that reported it in the next): two names there
    # weigh little; the article tells two events apart by place, day, type or toll.
    conflicts = (-0.5, -0.5) if same_article else (-3.0, -1.5)
    for role, mine, theirs, conflict in (("actor1", a1, b.actor1, conflicts[0]),
                                         ("actor2", a2, b.actor2, conflicts[1])):
        if not named(mine) or not named(theirs):
            continue
        assert mine is not None and theirs is not None
        if mine == theirs:
            out.add(0.5, "{} {}", role, mine)
        elif same_party(mine, theirs, related):
            out.add(0.3, "{} {} / {} (affiliated)", role, mine, theirs)
        elif role == "actor2" and (_citizens_of(mine, theirs) or _citizens_of(theirs, mine)):
            out.add(0.0, "{} {} / {}: one state's people at the target", role, mine, theirs)
        elif role == "actor2" and _host_and_guest(mine, theirs, a.country or b.country):
            out.add(-0.5, "{} {} / {}: the host state's forces and a force based with them", role, mine, theirs)
        else:
            out.add(conflict, "{} {} against {}", role, mine, theirs)


def _toll_part(a: EventRecord, b: EventRecord, out: Affinity) -> None:
    if _same_toll(a, b):
        out.add(0.5, "the same death toll ({})", a.fatalities)


def _same_toll(a: EventRecord, b: EventRecord) -> bool:
    """Both give the same death toll of two or more: the number of dead is told alike by every
    report of one event, and seldom shared by two events of one type, country and span (a single
    death is too common to tell)."""
    return bool(a.fatalities and a.fatalities >= 2 and a.fatalities == b.fatalities)


def _citizens_of(x: str, y: str) -> bool:
    """`x` is the civilians of the state `y` belongs to (a base's contractors and its troops)."""
    civilians = _CIVILIANS.match(x)
    return bool(civilians and state_of(y) == civilians.group("state"))


def _host_and_guest(x: str, y: str, country: str | None) -> bool:
    """Two states' forces as the target, one of them the country's own: a base the country's army
    shares with a foreign force stationed there is told as an attack on either."""
    sx, sy = state_of(x), state_of(y)
    return bool(country and sx and sy and sx != sy and country in (sx, sy))


def one_side(x: str | None, y: str | None, related: Related | None) -> bool:
    """A report's attacker and target are one party (the target's civilians counted as their
    state's: a coalition does not shell its lead state's civilians)."""
    if not (named(x) and named(y)):
        return False
    assert x is not None and y is not None
    if _citizens_of(y, x):
        return True
    return x == y or same_party(x, y, related) and not (x.startswith("Civilians") and y.startswith("Civilians"))


def _half_told(a1: str | None, a2: str | None, b: EventRecord) -> bool:
    """One of the two reports names only one side."""
    return not (named(a1) and named(a2)) or not (named(b.actor1) and named(b.actor2))


def _opposed(a1: str | None, a2: str | None, b: EventRecord, related: Related | None) -> bool:
    """One report's attacker is the other's target (a strike and the reply to it: the US strike
    after a militia drone hit a US base). Roles compare as parties (a state's government and its
    forces, a coalition and its lead state); a report whose own two sides are one party has its
    roles misread and is not judged by them."""
    def one(x: str | None, y: str | None) -> bool:
        return named(x) and named(y) and (x == y or same_party(x, y, related))  # type: ignore[arg-type]

    def hit_and_reply(target: str | None, attacker: str | None) -> bool:
        # "A drone killed a US contractor, leading to US airstrikes": a state's people hit, and
        # that state's forces striking back.
        return named(target) and named(attacker) and _citizens_of(target, attacker)  # type: ignore[arg-type]
    return one(a1, b.actor2) or one(a2, b.actor1) or hit_and_reply(a2, b.actor1) or hit_and_reply(b.actor2, a1)


_SITES = ("neighbourhood", "facility", "airport")


def _kind(record: EventRecord) -> str:
    """The gazetteer kind of the record's place ("locality", "facility", ...), when recorded."""
    evidence = record.evidence.get("location")
    match = re.search(r"gazetteer: (\w+)", evidence.rule or "") if evidence else None
    return match.group(1) if match else ""


def _inside_city(a: EventRecord, b: EventRecord) -> bool:
    """One names a city, the other a neighbourhood, airport or base in or by it."""
    kinds = {_kind(a), _kind(b)}
    return "locality" in kinds and bool(kinds & set(_SITES))


def _same_place(a: EventRecord, b: EventRecord) -> bool:
    """Both name a place, and it is one place (one name, or two spellings within 2 km)."""
    if not (a.location and b.location):
        return False
    if _norm(a.location) == _norm(b.location):
        return True
    distance = km(a, b)
    return distance is not None and distance <= 2


def _figures_differ(a: EventRecord, b: EventRecord) -> bool:
    """Both give a death toll and the tolls differ."""
    return a.fatalities is not None and b.fatalities is not None and a.fatalities != b.fatalities


def named(actor: str | None) -> bool:
    return bool(actor) and not str(actor).startswith("Unidentified")


def same_party(a: str, b: str, related: Related | None) -> bool:
    """Affiliated through the knowledge base, the same state (its government and its forces), a
    coalition and its lead state, or both civilians."""
    if related and (related(a, b) or related(b, a)):
        return True
    sa, sb = state_of(a), state_of(b)
    if sa and sa == sb:
        return True
    return a.startswith("Civilians") and b.startswith("Civilians")


def state_of(actor: str) -> str | None:
    match = _STATE.match(actor)
    if match:
        return match.group("state")
    return _LEADS.get(actor)


def more_specific(a: str, b: str, related: Related | None) -> str:
    """Of two names for one party, the one that says more: the faction within its umbrella, the
    armed forces rather than the government or the coalition."""
    if related and related(a, b):
        return a
    if related and related(b, a):
        return b
    if state_of(a) and state_of(a) == state_of(b):
        for name in (a, b):
            if name.startswith("Military Forces"):
                return name
    return a


def km(a: EventRecord, b: EventRecord) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


@functools.lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
