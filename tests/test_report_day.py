"""An event with no time of its own takes the day its report was given, carried from the
sentence that gave it; never a day long before the publication."""
from __future__ import annotations

from datetime import date

from extract_support import events_of

from dateline.extract.extractor import Extractor


def test_the_reports_day_carries_to_the_sentences_that_go_on_with_it(extractor: Extractor) -> None:
    text = ("The coalition announced on Thursday that it had concluded a review of its operations in Anbar.\n\n"
            "It added that its aircraft struck 12 Islamic State hideouts in the desert near Rutba.")
    events = events_of(extractor, text, date(2022, 3, 12))   # a Saturday: Thursday is 10 March
    strike = next(e for e in events if e.sub_event_type == "Air/drone strike")
    assert strike.event_date == "2022-03-10" and strike.date_precision == "unknown"
    assert "a sentence before" in strike.evidence["event_date"].rule


def test_an_old_day_in_an_earlier_sentence_is_not_carried(extractor: Extractor) -> None:
    text = ("The group was founded on March 3, 2014, in the town of Tikrit.\n\n"
            "Gunmen attacked an army checkpoint near Rutba, killing two soldiers.")
    events = events_of(extractor, text, date(2022, 3, 12))
    attack = next(e for e in events if e.fatalities == 2)
    assert attack.event_date == "2022-03-12" and attack.date_precision == "unknown"
