"""Event extraction on short reports written for these tests (not copied from any outlet)."""
from __future__ import annotations

from datetime import date

from extract_support import events_of

from dateline.extract.extractor import Extractor
from dateline.model import Article, EventRecord, TallyRecord


def test_passive_voice_target_and_unidentified_attacker(extractor: Extractor) -> None:
    text = "A US military convoy was hit by a roadside bomb near Fallujah on Tuesday, officials said."
    [event] = events_of(extractor, text, date(2024, 3, 7))  # a Thursday
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert event.actor2 == "Military Forces of the United States"
    assert event.event_date == "2024-03-05"
    assert event.admin1 == "Anbar"
    assert event.weapons == ["ied"]


def test_hypothetical_and_threatened_attacks_are_not_events(extractor: Extractor) -> None:
    text = ("The militia warned it could launch drone attacks on US bases in Syria if the strikes "
            "continued. Officials said Washington would strike back at any group that attacked its troops.")
    assert events_of(extractor, text, date(2024, 2, 1)) == []


def test_interception_codes_the_interceptor_as_actor(extractor: Extractor) -> None:
    text = "On Sunday, US-led coalition air defences shot down a drone approaching the Harir air base north of Erbil."
    [event] = events_of(extractor, text, date(2024, 1, 9))  # a Tuesday
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Disrupted weapons use")
    assert event.actor1 == "Coalition Forces"
    assert event.actor2 == "Unidentified Armed Group (Iraq)"
    assert event.event_date == "2024-01-07"
    assert event.weapons == ["drone"]


def test_denied_explosion_keeps_the_denier_out_of_actor1(extractor: Extractor) -> None:
    text = ("An explosion struck a weapons depot of the Popular Mobilization Forces in Babil province "
            "on Friday. The US military denied involvement.")
    [event] = events_of(extractor, text, date(2024, 4, 20))
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert event.denied_by == ["Military Forces of the United States"]
    assert event.admin1 == "Babil"


def test_two_places_in_one_sentence_are_two_events(extractor: Extractor) -> None:
    text = ("US aircraft struck Kataib Hezbollah weapons depots near Al-Qaim and Jurf al-Sakhar overnight, "
            "killing at least four fighters.")
    events = events_of(extractor, text, date(2024, 1, 24))
    assert sorted(e.admin1 or "" for e in events) == ["Anbar", "Babil"]
    assert all(e.actor1 == "Military Forces of the United States" for e in events)
    assert all(e.actor2 == "Kataib Hezbollah" for e in events)
    assert [e.fatalities for e in events].count(4) == 1  # one total, put on the first place named


def test_weekday_across_a_year_boundary(extractor: Extractor) -> None:
    text = "Rockets struck near the Ain al-Asad air base on Sunday, causing no casualties."
    [event] = events_of(extractor, text, date(2024, 1, 2))  # Tuesday 2 January 2024
    assert event.event_date == "2023-12-31"
    assert event.location == "Ain al-Asad Air Base"
    assert (event.fatalities, event.injured) == (0, 0)


def test_civilian_victims_in_words_are_summed(extractor: Extractor) -> None:
    text = "Two rockets hit a house in Baghdad's Dora district on Monday, killing a man and his two sons."
    [event] = events_of(extractor, text, date(2021, 6, 9))
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.fatalities == 3
    assert event.actor2 == "Civilians (Iraq)"


def test_generic_repeated_activity_is_not_an_event(extractor: Extractor) -> None:
    text = "Iran-aligned militias have repeatedly attacked US bases with rockets and drones."
    assert events_of(extractor, text, date(2024, 2, 1)) == []


def test_tally_with_period_and_attribution(extractor: Extractor) -> None:
    text = ("US forces have been attacked more than 150 times in Iraq and Syria since October 17, "
            "according to the Pentagon.")
    article = Article(id="t2", text=text, content_hash="x", published=date(2024, 1, 20),
                      published_method="given")
    records = extractor.extract(article)
    tallies = [r for r in records if isinstance(r, TallyRecord)]
    assert not [r for r in records if isinstance(r, EventRecord)]
    assert len(tallies) == 1
    assert tallies[0].value == 150 and tallies[0].qualifier == "more than"
    assert tallies[0].period_start == "2023-10-17"
    assert tallies[0].attributed_to == "Pentagon"


def test_a_foiled_attack_is_a_battle_with_the_attacker_as_the_other_side(extractor: Extractor) -> None:
    text = "Iraqi forces repelled an Islamic State attack on a checkpoint near Tikrit on Friday."
    [event] = events_of(extractor, text, date(2020, 8, 3))
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    assert (event.actor1, event.actor2) == ("Military Forces of Iraq", "Islamic State (Iraq)")
    # A remote weapon named before the noun keeps it an interception.
    [event] = events_of(extractor, "Air defences foiled a drone attack near Erbil on Monday.", date(2020, 8, 3))
    assert event.sub_event_type == "Disrupted weapons use"


def test_a_base_set_up_is_a_strategic_development(extractor: Extractor) -> None:
    [event] = events_of(extractor, "US forces set up a new base near Kobani on Sunday.", date(2020, 8, 3))
    assert (event.event_type, event.sub_event_type) == ("Strategic developments", "Headquarters or base established")
    assert (event.actor1, event.location) == ("Military Forces of the United States", "Kobani")


def test_a_country_owning_a_consulate_is_not_where_the_event_was(extractor: Extractor) -> None:
    [event] = events_of(extractor, "Protesters set fire to Iran consulate in Basra on Friday.", date(2020, 8, 3))
    assert (event.country, event.admin1) == ("Iraq", "Basra")


def test_an_armed_groups_attack_with_no_weapon_named_is_a_battle(extractor: Extractor) -> None:
    [event] = events_of(extractor, "Islamic State militants attacked the prison in Hasakah on Friday.", date(2022, 1, 22))
    assert (event.event_type, event.sub_event_type) == ("Battles", "Armed clash")
    [event] = events_of(extractor, "Militants attacked the base with rockets near Erbil on Monday.", date(2022, 1, 22))
    assert event.sub_event_type == "Shelling/artillery/missile attack"


def test_violence_at_a_protest_takes_the_place_of_the_crowd_named_in_the_other_clause(extractor: Extractor) -> None:
    text = "A protester was killed on Friday after the demonstrators marched toward the centre of Basra."
    riots = [e for e in events_of(extractor, text, date(2021, 11, 8)) if e.event_type == "Riots"]
    assert [(e.admin1, e.fatalities) for e in riots] == [("Basra", 1)]


def test_a_reason_closed_by_a_comma_and_a_crowds_size_leave_the_clause_an_event(extractor: Extractor) -> None:
    text = "In response to the violence, the government imposed a curfew and deployed hundreds of troops to Basra."
    [event] = events_of(extractor, text, date(2022, 8, 30))
    assert (event.event_type, event.sub_event_type, event.admin1) == ("Strategic developments", "Other", "Basra")
    # A count of events is still no event of its own.
    assert events_of(extractor, "Militants have carried out dozens of attacks on the base.", date(2022, 8, 30)) == []


def test_clashes_backed_by_strikes_or_shelling_are_one_battle(extractor: Extractor) -> None:
    text = "Clashes, backed by air strikes and accompanied by shelling, took place near Hajin on Monday."
    [event] = events_of(extractor, text, date(2018, 2, 20))
    assert (event.event_type, event.sub_event_type, event.location) == ("Battles", "Armed clash", "Hajin")
    text = "Warplanes carried out air strikes on Hajin on Monday in conjunction with clashes on the ground."
    assert [e.event_type for e in events_of(extractor, text, date(2018, 2, 20))] == ["Battles"]
    # Strikes alone stay strikes.
    [event] = events_of(extractor, "Warplanes carried out air strikes on Hajin on Monday.", date(2018, 2, 20))
    assert event.sub_event_type == "Air/drone strike"


def test_people_killed_as_others_are_kidnapped_is_an_attack(extractor: Extractor) -> None:
    text = "Militants on Saturday killed three shepherds and kidnapped 20 others near Palmyra."
    [event] = events_of(extractor, text, date(2024, 2, 18))
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    [event] = events_of(extractor, "Gunmen kidnapped two engineers near Kirkuk on Monday.", date(2024, 2, 18))
    assert event.sub_event_type == "Abduction/forced disappearance"


def test_a_protest_dispersed_with_nobody_hurt_is_a_protest_with_intervention(extractor: Extractor) -> None:
    [event] = events_of(extractor, "Police fired tear gas to disperse hundreds of protesters in Basra on Monday.",
                        date(2019, 11, 28))
    assert (event.event_type, event.sub_event_type) == ("Protests", "Protest with intervention")
    [event] = events_of(extractor, "Hundreds of protesters rallied in Basra on Monday.", date(2019, 11, 28))
    assert event.sub_event_type == "Peaceful protest"


def test_a_military_exercise_is_not_an_event(extractor: Extractor) -> None:
    text = ("US troops fired artillery shells near Mosul as part of a joint training exercise on Tuesday. "
            "Gunmen fired mortar rounds at an army post near Kirkuk on Wednesday, killing two soldiers.")
    events = events_of(extractor, text, date(2024, 2, 1))
    assert len(events) == 1
    assert events[0].fatalities == 2


def test_a_protest_named_as_a_purpose_is_not_a_protest_held(extractor: Extractor) -> None:
    text = "Kafr Nabl, in Idlib province, was one of the early centres for protest against the government."
    assert events_of(extractor, text, date(2024, 2, 1)) == []


def test_exercise_of_a_right_and_a_training_base_are_no_drill(extractor: Extractor) -> None:
    text = ("Israeli jets struck positions near Naqoura on Monday in the exercise of the right to self-defence. "
            "Rockets struck a base used for training Iraqi forces near Baghdad on Tuesday.")
    assert len(events_of(extractor, text, date(2024, 2, 1))) == 2
