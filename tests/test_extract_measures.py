"""Measures the authorities take after violence (a curfew), on short reports written for these tests."""
from __future__ import annotations

from datetime import date

from extract_support import events_of

from dateline.extract.extractor import Extractor


def test_a_curfew_after_a_riot_is_its_own_event_where_the_riot_was(extractor: Extractor) -> None:
    text = ("Rioters set fire to the provincial council building in Basra on Tuesday, police said.\n\n"
            "The local security command announced a curfew across the province shortly afterwards, "
            "state television reported.\n\n"
            "A doctor said 14 people were wounded in the unrest.")
    events = events_of(extractor, text, date(2022, 5, 12))
    kinds = {e.sub_event_type: e for e in events}
    assert set(kinds) == {"Violent demonstration", "Other"}
    curfew, riot = kinds["Other"], kinds["Violent demonstration"]
    assert curfew.event_type == "Strategic developments"
    # Named nowhere in its own words, the curfew was imposed where the riot happened ...
    assert (curfew.admin1, riot.admin1) == ("Basra", "Basra")
    assert "where the violence it answers happened" in curfew.evidence["location"].rule
    # ... and the wounded told after it are the riot's, not the curfew's.
    assert (riot.injured, curfew.injured) == (14, None)


def test_a_purpose_clause_does_not_make_a_measure_generic(extractor: Extractor) -> None:
    text = ("Clashes between rival groups killed two people in Kirkuk on Sunday. Local authorities announced "
            "a curfew in the city to prevent an escalation of the fighting, state media reported.")
    events = events_of(extractor, text, date(2023, 3, 6))
    assert [(e.sub_event_type, e.admin1) for e in events] == [("Armed clash", "Kirkuk"), ("Other", "Kirkuk")]
    # Words of repetition that describe the event itself still make it generic.
    assert events_of(extractor, "Authorities have repeatedly imposed curfews in the province.", date(2023, 3, 6)) == []
