"""Actors the lead names, carried to the sentences that elaborate the same strikes (texts written
for these tests, not copied from any outlet or dev set)."""
from __future__ import annotations

from datetime import date

import pytest

from dateline.extract.extractor import Extractor
from dateline.extract.kb import load_knowledge_base
from extract_support import events_of


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.from_kb(load_knowledge_base())


def test_a_later_sentence_with_no_attacker_takes_the_leads(extractor: Extractor) -> None:
    text = ("Turkish warplanes struck PKK positions near Amadiya in Duhok province on Monday, the Turkish "
            "defence ministry said.\n\nVillages near Sidakan in Erbil province also came under air strikes "
            "on Monday, local officials said.")
    events = events_of(extractor, text, date(2024, 6, 4))
    assert len(events) == 2
    assert {e.actor1 for e in events} == {"Military Forces of Turkey"}
    later = next(e for e in events if e.location and "Sidakan" in e.location)
    assert later.evidence["actor1"].rule.startswith("discourse:")


def test_the_target_is_never_carried_as_the_attacker(extractor: Extractor) -> None:
    text = ("US warplanes struck three Kataib Hezbollah sites near Qaim on Tuesday, the Pentagon said.\n\n"
            "Hours later a US base near Erbil came under drone attack, officials said.")
    events = events_of(extractor, text, date(2024, 6, 5))
    attack = next(e for e in events if e.actor2 == "Military Forces of the United States")
    assert attack.actor1.startswith("Unidentified Armed Group")


def test_a_generic_description_stays_unidentified(extractor: Extractor) -> None:
    text = ("The Islamic Resistance in Iraq said it launched a drone at a US base in Syria on Sunday.\n\n"
            "On Monday, Iran-aligned militias fired drones at the Harir air base in Erbil, officials said.")
    events = events_of(extractor, text, date(2024, 6, 5))
    harir = next(e for e in events if e.admin1 == "Erbil")
    assert harir.actor1 == "Unidentified Armed Group (Iraq)"


def test_further_attacks_with_no_weapon_are_the_leads_air_strikes(extractor: Extractor) -> None:
    text = ("Israeli warplanes struck army depots near Homs on Sunday, a war monitor said.\n\n"
            "Further attacks were reported in Hama province on Sunday, where the targets included rocket launchers.")
    events = events_of(extractor, text, date(2024, 6, 3))
    hama = next(e for e in events if e.admin1 == "Hama")
    assert hama.actor1 == "Military Forces of Israel"
    assert hama.sub_event_type == "Air/drone strike"


def test_a_town_taken_by_the_army_is_regained_territory(extractor: Extractor) -> None:
    text = "Syrian government forces captured the town of Kafr Nabl in Idlib province on Tuesday, state media said."
    [event] = events_of(extractor, text, date(2024, 6, 5))
    assert event.sub_event_type == "Government regains territory"
    assert event.actor1 == "Military Forces of Syria"


def test_the_subject_before_an_appositive_comma_is_the_agent(extractor: Extractor) -> None:
    text = ("Warplanes struck army depots near Homs on Sunday after rebel groups, led by Hayat Tahrir al-Sham, "
            "seized control of Hama.")
    events = events_of(extractor, text, date(2024, 12, 9))
    capture = next(e for e in events if e.event_type == "Battles")
    assert capture.actor1 == "Hayat Tahrir al-Sham"


def test_strikes_told_first_only_as_activity_still_name_whose_later_strikes_are(extractor: Extractor) -> None:
    # The lead is no event (plural, with no time or place), but it says whose the strikes are.
    text = ("Turkish forces have carried out airstrikes against PKK hideouts, officials said.\n\n"
            "The strikes were carried out on Sunday evening on three sites near Amadiya.")
    [strike] = events_of(extractor, text, date(2024, 3, 7))
    assert strike.actor1 == "Military Forces of Turkey"
    assert "earlier" in strike.evidence["actor1"].rule


def test_a_detail_sentence_takes_the_target_of_the_same_attackers_lead(extractor: Extractor) -> None:
    text = ("US warplanes struck Kataib Hezbollah depots near Qaim in Anbar province on Tuesday, the Pentagon "
            "said.\n\nOn Tuesday an air strike destroyed a weapons depot near Rutba, officials said.")
    events = events_of(extractor, text, date(2024, 6, 5))
    later = next(e for e in events if e.location and "Rutba" in e.location)
    assert later.actor1 == "Military Forces of the United States"
    assert later.actor2 == "Kataib Hezbollah"
    assert later.evidence["actor2"].rule.startswith("discourse: the target")


def test_another_attackers_target_is_not_carried(extractor: Extractor) -> None:
    text = ("US warplanes struck Kataib Hezbollah depots near Qaim in Anbar province on Tuesday, the Pentagon "
            "said.\n\nTurkish drones hit a village near Sidakan in Erbil province on Tuesday, officials said.")
    events = events_of(extractor, text, date(2024, 6, 5))
    turkish = next(e for e in events if e.actor1 == "Military Forces of Turkey")
    assert turkish.actor2 != "Kataib Hezbollah"


def test_a_detail_of_strikes_the_lead_told_in_two_countries_is_one_event_per_country(extractor: Extractor) -> None:
    text = ("US forces have carried out airstrikes against Kataib Hezbollah sites in Iraq and Syria, the Pentagon "
            "said.\n\nThe precision strikes were carried out on Sunday evening on five of the group's depots.")
    events = [e for e in events_of(extractor, text, date(2024, 6, 3)) if e.sub_event_type == "Air/drone strike"]
    assert sorted(e.country for e in events) == ["Iraq", "Syria"]
    assert {e.event_date for e in events} == {"2024-06-02"}


def test_a_target_is_not_carried_from_strikes_told_on_another_day(extractor: Extractor) -> None:
    # Two rounds of US strikes, each on a day of its own: the second names no target it could
    # take from the first.
    text = ("US warplanes struck Kataib Hezbollah depots near Qaim in Anbar province on Tuesday, June 4, "
            "the Pentagon said.\n\n"
            "On Sunday, June 9, US aircraft hit more than 20 targets in Anbar province, officials said.")
    events = events_of(extractor, text, date(2024, 6, 10))
    later = [e for e in events if e.event_date == "2024-06-09"]
    assert len(later) == 1 and later[0].actor1 == "Military Forces of the United States"
    assert later[0].actor2 != "Kataib Hezbollah"
