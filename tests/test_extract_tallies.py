"""Officials' tallies on report-style sentences written for these tests (not from any dev set):
word and vague numbers, breakdowns, casualty totals, frequencies, counts of other things,
attribution, and one event's figure that is not a tally."""
from __future__ import annotations

import hashlib
from datetime import date

from dateline.extract.extractor import Extractor
from dateline.model import Article, TallyRecord


def _tallies(extractor: Extractor, text: str, published: date = date(2024, 3, 14)) -> list[TallyRecord]:
    article = Article(id="tt", text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                      published=published, published_method="given")
    return [r for r in extractor.extract(article) if isinstance(r, TallyRecord)]


def _values(tallies: list[TallyRecord]) -> list[tuple[float, str]]:
    return sorted((t.value, t.qualifier) for t in tallies)


def test_word_numbers_and_vague_counts(extractor: Extractor) -> None:
    [dozen] = _tallies(extractor, "Militants have launched a dozen attacks on the airport since January.")
    assert (dozen.value, dozen.qualifier) == (12, "exact") and "attacks" in dozen.metric
    [dozens] = _tallies(extractor, "Dozens of drone attacks have hit the border posts so far this year.")
    assert (dozens.value, dozens.qualifier) == (12, "about")
    [ten] = _tallies(extractor, "Rebels said they had shot down ten drones over the province in the past month, "
                                "and carried out ten raids on army posts since the truce collapsed.")
    assert ten.value == 10 and ten.metric.startswith("raids")


def test_a_breakdown_gives_one_tally_per_figure_with_its_own_scope(extractor: Extractor) -> None:
    tallies = _tallies(extractor, "Since the truce ended, American personnel have been attacked at least 21 "
                                  "times in Iraq and eight times in Syria, the Pentagon said.")
    assert _values(tallies) == [(8, "at least"), (21, "at least")]
    scopes = {t.value: t.scope for t in tallies}
    assert scopes == {21: ["Iraq"], 8: ["Syria"]}
    assert {t.attributed_to for t in tallies} == {"Pentagon"}


def test_casualty_totals_over_a_period(extractor: Extractor) -> None:
    tallies = _tallies(extractor, "Since the offensive began in March, 212 people have been killed and "
                                  "more than 900 have been wounded, according to the Health Ministry.")
    assert _values(tallies) == [(212, "exact"), (900, "more than")]
    assert {t.metric for t in tallies} == {"people killed", "people injured"}
    assert {t.attributed_to for t in tallies} == {"Health Ministry"}
    parts = _tallies(extractor, "Over the past year, 95 people - 60 of them soldiers - have been killed by "
                                "mines left by the retreating militants, the monitor said.")
    assert _values(parts) == [(60, "exact"), (95, "exact")]


def test_frequency_and_counts_of_other_things(extractor: Extractor) -> None:
    [times] = _tallies(extractor, "The base has come under attack more than 40 times since November.")
    assert (times.value, times.qualifier, times.metric) == (40, "more than", "attacks")
    [towns] = _tallies(extractor, "Army units have recaptured about 15 villages since the start of the month, "
                                  "a military spokesman said.")
    assert (towns.value, towns.qualifier, towns.metric) == (15, "about", "villages")
    [nth] = _tallies(extractor, "Officials said it was the 19th attack on supply convoys in six weeks.")
    assert nth.value == 19


def test_attribution_to_officials(extractor: Extractor) -> None:
    [blamed] = _tallies(extractor, "US officials have blamed Iran-backed militias for more than 90 attacks "
                                   "on American troops since October.")
    assert blamed.value == 90 and blamed.attributed_to == "Government of the United States"
    assert blamed.metric == "attacks on US forces"


def test_one_events_figure_is_not_a_tally(extractor: Extractor) -> None:
    assert _tallies(extractor, "The rocket attack on the base earlier this week killed two contractors "
                               "and injured nine soldiers.") == []
    assert _tallies(extractor, "Several attacks have targeted the base in recent months.") == []
    assert _tallies(extractor, "Two drones attacked the airport on Monday.") == []


def test_a_combined_casualty_figure_is_a_tally_only_across_several_events(extractor: Extractor) -> None:
    # With no period in the sentence, "killed or injured" spans the strikes it names ...
    [several] = _tallies(extractor, "Officials said more than 30 fighters were killed or injured as a result "
                                    "of the overnight strikes on the depots.")
    assert several.value == 30 and "killed or injured" in several.metric
    # ... but one attack's toll, broken down into dead and wounded, stays that attack's.
    assert _tallies(extractor, "The guards at the checkpoint suffered seven casualties (three dead and four "
                               "wounded) after gunmen launched a surprise assault on their post.") == []
