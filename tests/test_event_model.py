"""The learned sentence judge, its combination with the rules, and the grammar of issue 9c."""
from __future__ import annotations

import csv
import hashlib
from datetime import date
from pathlib import Path

import pytest

from dateline.extract.event_model import TYPES, default_model
from dateline.extract.extractor import Extractor
from dateline.extract.glued import split_glued
from dateline.extract.sentences import split_sentences
from dateline.model import Article, EventRecord


def _events(extractor: Extractor, text: str) -> list[EventRecord]:
    article = Article(id="t", text=text, content_hash="t", published=date(2024, 2, 8), published_method="given")
    return [r for r in extractor.extract(article) if isinstance(r, EventRecord)]


def test_the_shipped_model_loads_and_tells_an_event_from_a_threat() -> None:
    model = default_model()
    assert model is not None
    told = model.judge("Turkish drones struck a car in Duhok on Friday, killing two people.")
    threat = model.judge("The group warned it would target American bases if the occupation continues.")
    assert told.event > 0.5 > threat.event
    assert max(told.types, key=told.types.__getitem__) == "Explosions/Remote violence"
    assert set(told.types) == set(TYPES)


def test_glued_sentences_are_cut_with_their_offsets() -> None:
    text = 'Rockets hit the base."The ministry said nobody was hurt. U.S.Army officials confirmed it.'
    pieces = split_glued(split_sentences(text), text)
    assert [p.text for p in pieces] == ['Rockets hit the base."', "The ministry said nobody was hurt.",
                                        "U.S.Army officials confirmed it."]
    assert all(text[p.start:p.end] == p.text for p in pieces)


@pytest.mark.parametrize("phrase,trigger", [
    ("a drone-strike on the base", "drone-strike"),
    ("rebels fired Grad rockets at the airport", "generic-attack"),
    ("a missile-and-drone attack on the field", "drone-strike"),
    ("the downing of a drone", "interception"),
    ("police seized a cache of weapons", "interception"),
    ("shells fell on the town", "shelling"),
])
def test_compound_and_missing_trigger_words(extractor: Extractor, phrase: str, trigger: str) -> None:
    assert trigger in [h.trigger.name for h in extractor.lexicon.find(phrase)]


def test_no_trigger_inside_a_negating_compound(extractor: Extractor) -> None:
    assert extractor.lexicon.find("anti-aircraft guns and a counter-attack") == []


def test_interceptor_is_actor1_and_launcher_actor2(extractor: Extractor) -> None:
    [event] = _events(extractor, "On Monday one drone was shot down near Erbil airport, which hosts US troops.")
    assert event.sub_event_type == "Disrupted weapons use"
    assert event.actor1 == "Military Forces of the United States"
    assert event.actor2 == "Unidentified Armed Group (Iraq)"


def test_state_announcing_an_interception_is_the_interceptor(extractor: Extractor) -> None:
    events = _events(extractor, "Two drones were shot down before they could reach their target near "
                                "Erbil on Monday, the Iraqi interior ministry said.")
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]
    assert events[0].actor1 is not None and events[0].actor1.endswith("of Iraq")


def test_accuser_and_condemner_are_not_the_attacker(extractor: Extractor) -> None:
    [accused] = _events(extractor, "Kataib Hezbollah accused the United States of striking its "
                                   "headquarters in Jurf al-Sakhar on Tuesday.")
    assert accused.actor1 == "Military Forces of the United States"
    [condemned] = _events(extractor, "Syria's government condemned the Israeli air strikes on Damascus on Monday.")
    assert condemned.actor1 == "Military Forces of Israel"


def test_explain_evidence_carries_the_model_score(extractor: Extractor) -> None:
    [event] = _events(extractor, "Turkish drones struck a car in Duhok on Friday, killing two people.")
    assert "model: event" in event.evidence["event_type"].rule
    assert "combined" in event.evidence["event_type"].rule


def test_type_model_on_acled_dev_notes_it_never_saw(acled_notes: Path) -> None:
    """ACLED dev rows (the split of tools/acled_bench.py) are not in the training data."""
    model = default_model()
    assert model is not None
    old_to_new = {"Remote violence": "Explosions/Remote violence", "Riots/Protests": "Protests/Riots",
                  "Violence against civilians": "Violence against civilians",
                  "Strategic development": "Strategic developments"}
    right = total = 0
    for row in csv.DictReader(open(acled_notes, encoding="utf-8")):
        if hashlib.sha1(row["data_id"].encode()).digest()[0] % 5 or not row["notes"].strip():
            continue
        gold = "Battles" if row["event_type"].startswith("Battle") else old_to_new.get(row["event_type"])
        if gold is None:
            continue
        types = model.judge(row["notes"]).types
        right += max(types, key=types.__getitem__) == gold
        total += 1
    assert total > 1000 and right / total >= 0.93
