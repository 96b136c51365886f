"""Short coder-style event summaries (written for these tests), one event each."""
from __future__ import annotations

from datetime import date

import pytest

from dateline.extract.extractor import Extractor
from dateline.model import Article, EventRecord

CASES = [
    ("On 3 January 2024, an IED planted by ISIS exploded targeting a vehicle of the Iraqi army in the "
     "Wadi al-Shay area of Daquq district (Kirkuk), killing 2 soldiers and injuring 3 others.",
     {"event_date": "2024-01-03", "sub_event_type": "Remote explosive/landmine/IED", "actor1": "Islamic State (Iraq)",
      "actor2": "Military Forces of Iraq", "admin1": "Kirkuk", "country": "Iraq", "fatalities": 2, "injured": 3}),
    ("On 14 January 2024, unidentified gunmen on a motorcycle shot dead a shop owner in Basra city (Basra).",
     {"event_type": "Violence against civilians", "actor2": "Civilians (Iraq)", "admin1": "Basra", "fatalities": 1}),
    ("On 22 January 2024, Syrian regime forces clashed with ISIS militants in the desert of Homs, resulting in "
     "the death of 4 regime soldiers.",
     {"event_type": "Battles", "actor1": "Military Forces of Syria", "actor2": "Islamic State (Syria)",
      "admin1": "Homs", "fatalities": 4}),
    ("On 25 January 2024, dozens of people demonstrated in front of the provincial council building in "
     "Nasiriyah (Dhi Qar) demanding jobs.",
     {"event_type": "Protests", "actor1": "Protesters (Iraq)", "admin1": "Dhi Qar", "fatalities": None}),
    ("On 10 January 2024, Turkish forces shelled the vicinity of Tal Rifaat (Aleppo). No casualties reported.",
     {"sub_event_type": "Shelling/artillery/missile attack", "actor1": "Military Forces of Turkey",
      "admin1": "Aleppo", "fatalities": 0}),
    ("Around 5 January 2024, SDF forces arrested five men in a village near Deir ez-Zor city on charges of "
     "belonging to ISIS.",
     {"event_type": "Strategic developments", "sub_event_type": "Arrests", "actor1": "Syrian Democratic Forces",
      "country": "Syria"}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1].get("actor1", c[1].get("event_type", "")) for c in CASES])
def test_summary_gives_one_coded_event(extractor: Extractor, text: str, expected: dict[str, object]) -> None:
    article = Article(id="s", text=text, content_hash="s", published=date(2024, 3, 1), published_method="given")
    [event] = [r for r in extractor.extract(article) if isinstance(r, EventRecord)]
    got = {field: getattr(event, field) for field in expected}
    assert got == expected
