"""Interceptions and the attacks they stopped (ACLED Disrupted weapons use: actor1 who intercepted,
actor2 who launched), on short general texts: an attack stopped whole is one interception; when
part got through, the attack and the interception are two events."""
from __future__ import annotations

from datetime import date

import pytest

from dateline.extract.extractor import Extractor
from dateline.extract.interceptions import stopped_part
from dateline.model import EventRecord, Source
from tests.extract_support import events_of

INTERCEPTION = "Disrupted weapons use"


def _events(extractor: Extractor, text: str) -> list[EventRecord]:
    return events_of(extractor, text, date(2024, 4, 2))


def _split(events: list[EventRecord]) -> tuple[list[EventRecord], list[EventRecord]]:
    return ([e for e in events if e.sub_event_type != INTERCEPTION],
            [e for e in events if e.sub_event_type == INTERCEPTION])


@pytest.mark.parametrize("sentence, part", [
    ("Two other drones were shot down before they reached the base.", True),
    ("One of the rockets was intercepted by the air defence system.", True),
    ("Most of the missiles were intercepted, but some hit the base.", True),
    ("About 90 percent of the projectiles were intercepted.", True),
    ("Air defences destroyed almost all of the drones.", True),
    ("Both drones were shot down over the airport.", False),
    ("The most advanced air defences shot down the drone.", False),
    ("The drone was intercepted before it reached its target.", False),
    ("Air defences shot down three rockets fired at the base.", False),
])
def test_a_sentence_saying_only_part_was_stopped(sentence: str, part: bool) -> None:
    assert stopped_part(sentence) is part


def test_an_interception_after_an_attack_that_got_through_is_an_event_on_its_day_and_place(
        extractor: Extractor) -> None:
    attacks, stopped = _split(_events(extractor, "Rockets hit the Green Zone in Baghdad on Sunday night. "
                                                 "Two other rockets were shot down, police said."))
    [attack] = attacks
    [interception] = stopped
    assert (interception.event_date, interception.location) == (attack.event_date, attack.location) == \
        ("2024-03-31", "Green Zone")
    assert interception.actor2 == attack.actor1
    assert "attack told before" in interception.evidence["event_date"].rule


def test_an_attack_stopped_whole_is_one_interception_with_its_launcher(extractor: Extractor) -> None:
    for text in ("The Islamic Resistance in Iraq said it launched two drones at the Harir base on Sunday. "
                 "US officials said both drones were shot down.",
                 "The Islamic Resistance in Iraq said it launched two drones at the Harir base on Sunday, "
                 "which were shot down by US fighter jets."):
        attacks, stopped = _split(_events(extractor, text))
        assert attacks == [], text
        [interception] = stopped
        assert (interception.actor1, interception.actor2, interception.event_date) == \
            ("Military Forces of the United States", "Islamic Resistance in Iraq", "2024-03-31"), text


def test_part_stopped_in_the_attacks_own_sentence_leaves_both(extractor: Extractor) -> None:
    attacks, stopped = _split(_events(extractor, "Militants fired three rockets at the Ain al-Asad base in Anbar "
                                                 "on Monday, two of which were intercepted by US air defences."))
    assert len(attacks) == 1 and len(stopped) == 1
    assert stopped[0].actor1 == "Military Forces of the United States"


def test_each_state_that_intercepted_one_attack_is_an_event(extractor: Extractor) -> None:
    events = _events(extractor, "Iran launched missiles and drones at Israel on Saturday. Most of them were "
                                "intercepted, the Israeli army said. Jordan said it had dealt with objects that "
                                "flew over its airspace. The US military helped Israel destroy almost all of the "
                                "drones.")
    attacks, stopped = _split(events)
    assert [a.actor1 for a in attacks] == ["Military Forces of Iran"]
    assert {(e.actor1, e.actor2, e.event_date) for e in stopped} == {
        (f"Military Forces of {state}", "Military Forces of Iran", "2024-03-30")
        for state in ("Israel", "Jordan", "the United States")}
    jordan = next(e for e in stopped if e.actor1 == "Military Forces of Jordan")
    assert jordan.country == "Jordan"  # over its own airspace, not at the target


def test_an_unnamed_interceptor_of_part_of_an_attack_is_a_detail_of_it(extractor: Extractor) -> None:
    # ACLED codes the attack alone when the text names no one who intercepted.
    attacks, stopped = _split(_events(extractor, "Militants fired missiles at the Ain al-Asad base in Anbar on "
                                                 "Saturday. Air defence systems intercepted most of the missiles."))
    assert len(attacks) == 1 and stopped == []


def test_the_launchers_weapons_before_the_interception_name_the_launcher(extractor: Extractor) -> None:
    [event] = _events(extractor, "A military source said Israeli missiles were fired from the Golan Heights on "
                                 "Monday and that Syrian air defences intercepted most of them.")
    assert (event.sub_event_type, event.actor1, event.actor2) == \
        (INTERCEPTION, "Military Forces of Syria", "Military Forces of Israel")


@pytest.mark.parametrize("phrase", [
    "One rocket was diverted by an anti-rocket system near the embassy.",
    "Jordan said it had dealt with objects that flew over its airspace.",
    "The US helped Israel destroy the drones.",
    "Air defences destroyed most of the drones.",
])
def test_phrasings_of_an_interception(extractor: Extractor, phrase: str) -> None:
    hits = extractor.lexicon.find(phrase)
    assert any(h.trigger.sub_event_type == INTERCEPTION for h in hits), [h.text for h in hits]


def test_one_articles_interception_and_attack_stay_two_events_in_the_ledger() -> None:
    from dateline.resolve.merge import resolve

    def report(quote: str, **fields: object) -> EventRecord:
        base = dict(event_date="2024-01-20", date_precision="day", event_type="Explosions/Remote violence",
                    sub_event_type="Shelling/artillery/missile attack", actor1="Unidentified Armed Group (Iraq)",
                    actor2=None, country="Iraq", admin1="Baghdad", location="Green Zone", latitude=33.31,
                    longitude=44.39, geo_precision=1, fatalities=None, injured=None)
        base.update(fields)
        return EventRecord(**base, sources=[Source("a", quote)])  # type: ignore[arg-type]

    attack = report("Rockets hit the Green Zone.")
    stopped = report("Two other rockets were shot down.", event_type="Strategic developments",
                     sub_event_type=INTERCEPTION, actor1="Military Forces of Iraq",
                     actor2="Unidentified Armed Group (Iraq)")
    told = [r for _id, r, _m in resolve([(0, "a", attack), (1, "a", stopped)]) if isinstance(r, EventRecord)]
    assert sorted(e.sub_event_type for e in told) == [INTERCEPTION, "Shelling/artillery/missile attack"]
    # Two states' interceptions of one attack told by one article stay two events.
    other = report("Jordan said it shot down drones.", event_type="Strategic developments",
                   sub_event_type=INTERCEPTION, actor1="Military Forces of Jordan",
                   actor2="Unidentified Armed Group (Iraq)")
    told = [r for _id, r, _m in resolve([(0, "a", stopped), (1, "a", other)]) if isinstance(r, EventRecord)]
    assert sorted(e.actor1 for e in told) == ["Military Forces of Iraq", "Military Forces of Jordan"]


def test_a_states_interception_naming_no_launcher_takes_the_one_told_just_before(extractor: Extractor) -> None:
    stopped = [e for e in _events(extractor, "Britain said its jets had shot down Iranian drones on Saturday, "
                                             "while Jordan said it had dealt with objects that flew over its "
                                             "airspace overnight.") if e.sub_event_type == INTERCEPTION]
    assert {(e.actor1, e.actor2) for e in stopped} == {
        ("Military Forces of the United Kingdom", "Military Forces of Iran"),
        ("Military Forces of Jordan", "Military Forces of Iran")}


@pytest.mark.parametrize("text, kind", [
    ("The Syrian army foiled an attempted attack by Islamic State gunmen near Khanasser in Aleppo on Sunday.",
     ("Armed clash", "Military Forces of Syria", "Islamic State (Syria)")),
    ("PMF fighters repelled an attack by IS militants near Tuz Khurmatu in Salahuddin on Sunday, killing four.",
     ("Armed clash", "Popular Mobilization Forces", "Islamic State (Iraq)")),
])
def test_a_ground_assault_foiled_is_a_battle_with_the_attacker_the_other_side(
        extractor: Extractor, text: str, kind: tuple[str, str, str]) -> None:
    [event] = _events(extractor, text)
    assert (event.sub_event_type, event.actor1, event.actor2) == kind


def test_a_drone_attack_foiled_stays_an_interception(extractor: Extractor) -> None:
    [event] = _events(extractor, "Iraqi forces thwarted a drone attack on the Ain al-Asad base in Anbar on Sunday.")
    # the forces before the trigger are the interceptor, not the owner of the drone after it
    assert (event.sub_event_type, event.actor1) == (INTERCEPTION, "Military Forces of Iraq")
