"""An interception by a system named only by the site it defends, on reports written for these tests."""
from __future__ import annotations

from datetime import date

from extract_support import events_of

from dateline.extract.extractor import Extractor


def test_a_system_set_up_to_protect_a_states_site_is_that_states_forces(extractor: Extractor) -> None:
    text = ("Several rockets were fired at the US embassy compound in Baghdad's Green Zone late on Sunday, "
            "Iraqi police said. One of the rockets was brought down by a defence system installed to protect "
            "the compound, a security source said.")
    events = events_of(extractor, text, date(2022, 5, 10))
    by_type = {e.sub_event_type: e for e in events}
    # Only part was stopped: the attack that got through and the interception are two events.
    assert set(by_type) == {"Shelling/artillery/missile attack", "Disrupted weapons use"}
    interception = by_type["Disrupted weapons use"]
    assert interception.actor1 == "Military Forces of the United States"
    assert interception.actor2 == by_type["Shelling/artillery/missile attack"].actor1
    assert (interception.location, interception.event_date) == ("Green Zone", "2022-05-08")
    assert "whose site the system defends" in interception.evidence["actor1"].rule


def test_a_system_with_no_defended_site_named_leaves_the_attack_alone(extractor: Extractor) -> None:
    text = ("Several rockets were fired at the US embassy compound in Baghdad's Green Zone late on Sunday, "
            "Iraqi police said. One of the rockets was brought down by a defence system, a security source said.")
    events = events_of(extractor, text, date(2022, 5, 10))
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]
