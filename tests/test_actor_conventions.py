"""ACLED's name for an air strike in Syria its report attributes to the regime or Russia."""
from __future__ import annotations

from datetime import date

import pytest
from extract_support import events_of

from dateline.extract.actor_conventions import ALLIED_SYRIAN_RUSSIAN
from dateline.extract.extractor import Extractor
from dateline.extract.kb import load_knowledge_base
from dateline.model import EventRecord


def _events(extractor: Extractor, text: str) -> list[EventRecord]:
    return events_of(extractor, text, date(2019, 5, 6))


@pytest.mark.parametrize("text", [
    "Warplanes, probably Russian or regime, bombed the town of Kafr Nabl in southern Idlib on Sunday.",
    "Suspected Russian air strikes hit the town of Khan Shaykhun in Idlib on Sunday, killing four civilians.",
])
def test_an_unsure_attribution_takes_acleds_name(extractor: Extractor, text: str) -> None:
    events = _events(extractor, text)
    assert events and events[0].actor1 == ALLIED_SYRIAN_RUSSIAN
    assert "ACLED convention" in events[0].evidence["actor1"].rule


@pytest.mark.parametrize(("text", "actor"), [
    ("Russian warplanes bombed the town of Kafr Nabl in southern Idlib on Sunday.", "Military Forces of Russia"),
    ("Suspected Russian air strikes hit the town of Bakhmut in Ukraine on Sunday.", None),
])
def test_a_sure_attribution_or_another_country_keeps_its_actor(extractor: Extractor, text: str,
                                                               actor: str | None) -> None:
    events = _events(extractor, text)
    assert events and events[0].actor1 != ALLIED_SYRIAN_RUSSIAN
    if actor:
        assert events[0].actor1 == actor


@pytest.mark.parametrize(("sentence", "first", "actor"), [
    ("US and Iraqi forces raided a farm near Tikrit.", "US", "Military Forces of the United States"),
    ("Regime and allied militia forces stormed the village.", "Regime", "Military Forces of Syria"),
])
def test_a_shared_head_noun_names_the_forces_of_both_words(sentence: str, first: str, actor: str) -> None:
    from dateline.extract.actors import ActorBook
    book = ActorBook.from_kb(load_knowledge_base())
    mentions = {m.text: m.actor.name for m in book.find(sentence)}
    assert mentions.get(first) == actor, mentions


def test_either_state_named_first_takes_acleds_name(extractor: Extractor) -> None:
    events = _events(extractor, "Syrian or Russian warplanes bombed the town of Kafr Nabl in Idlib on Sunday.")
    assert events and events[0].actor1 == ALLIED_SYRIAN_RUSSIAN


@pytest.mark.parametrize("sentence", ["Syrian rebels shelled an army post.", "Rebel fighters shelled an army post."])
def test_unnamed_rebels_are_opposition_rebels_not_the_state(sentence: str) -> None:
    from dateline.extract.actors import ActorBook
    book = ActorBook.from_kb(load_knowledge_base())
    names = [m.actor.name for m in book.find(sentence)]
    assert names and names[0] == "Opposition Rebels ({country})", names


def test_a_strike_with_no_target_named_takes_acleds_standing_enemy(extractor: Extractor) -> None:
    # In the ACLED train rows Turkey's strikes in Iraq are coded against the PKK (actor2_defaults.toml).
    events = _events(extractor, "Turkish warplanes bombed villages near Amadiya in Duhok province on Sunday.")
    assert events and events[0].actor1 == "Military Forces of Turkey"
    assert events[0].actor2 == "Kurdistan Workers' Party"
    assert "actor2_default" in events[0].evidence["actor2"].rule


@pytest.mark.parametrize("text", [
    # A target the text names wins over the default; the default is for the attacker's country.
    "Turkish warplanes bombed a base of the Syrian Democratic Forces near Amadiya in Duhok province on Sunday.",
    "Turkish warplanes bombed villages near Tal Abyad in Raqqa province on Sunday.",
])
def test_a_named_target_or_another_country_keeps_its_actor2(extractor: Extractor, text: str) -> None:
    events = _events(extractor, text)
    assert events and events[0].actor2 != "Kurdistan Workers' Party"
