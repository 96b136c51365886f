"""A wire dateline with the agency set off by dashes ("Mosul - (Reuters) - …"), in words of our own."""
from __future__ import annotations

from datetime import date

from extract_support import events_of

from dateline.extract.extractor import Extractor
from dateline.ingest.dateline_header import dateline_place


def test_a_dash_before_the_agency_still_makes_a_dateline() -> None:
    assert dateline_place("Mosul - (Reuters) - Gunmen attacked a checkpoint") == "Mosul"
    assert dateline_place("Mosul - the city was quiet on Friday") is None


def test_the_dateline_city_is_not_where_the_event_happened(extractor: Extractor) -> None:
    text = "Baghdad - (Reuters) - Protesters stormed and set fire to the provincial council in Basra on Friday."
    events = events_of(extractor, text, date(2022, 5, 14))
    assert [(e.sub_event_type, e.admin1) for e in events] == [("Violent demonstration", "Basra")]
