"""Numbers, qualified counts and casualty figures split by grammar.

Sentences marked (000)…(004) are copied from shared/dev/articles; the others are written for the case.
"""
from __future__ import annotations


import pytest

from dateline.extract.numbers import Casualties, find_casualties, find_counts, parse_number

ANBAR = ("After a drone strike in late January killed three US troops in Jordan, Washington retaliated on "
         "February 2 by hitting more than 85 targets against the Islamic Revolutionary Guard Corps-Quds Force "
         "(IRGC-QF) and Iran-aligned groups in Iraq and Syria, killing at least 16 Popular Mobilization Forces "
         "(PMF) fighters and injuring another 36 in Iraq’s western Anbar province, near the Syrian border.")  # (000)


@pytest.mark.parametrize("text, value", [
    ("2,500", 2500), ("36", 36), ("three", 3), ("twenty-five", 25), ("twenty five", 25), ("a hundred", 100),
    ("one hundred and twenty", 120), ("a dozen", 12), ("two dozen", 24), ("2.5 million", 2_500_000),
    ("three thousand four hundred", 3400), ("One", 1),
    ("dozens", None), ("several", None), ("two-thirds", None), ("a", None), ("1.5", None), ("", None),
    ("troops", None),
])
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def test_article_counts_as_one_only_when_asked() -> None:
    assert parse_number("a", article_as_one=True) == 1 and parse_number("an", article_as_one=True) == 1


def test_counts_carry_their_qualifier() -> None:
    found = find_counts("at least 16, more than 85, about 140, Around 2,500, over 40, up to 30, nearly 20, "
                        "some 30, another 36, as many as 7, between 10 and 15, 3-5")
    assert [(c.value, c.qualifier) for c in found] == [
        (16, "at least"), (85, "more than"), (140, "about"), (2500, "about"), (40, "over"), (30, "up to"),
        (20, "nearly"), (30, "about"), (36, "exact"), (7, "up to"), (10, "at least"), (3, "at least")]
    assert found[3].text == "Around 2,500"


def test_counts_in_an_article_sentence() -> None:
    found = find_counts(ANBAR)
    assert [(c.value, c.qualifier, c.text) for c in found] == [
        (3, "exact", "three"), (85, "more than", "more than 85"), (16, "at least", "at least 16"),
        (36, "exact", "another 36")]
    assert all(ANBAR[c.start:c.end] == c.text for c in found)


def test_dates_years_times_and_names_are_not_counts() -> None:
    text = ("On 09-02-2024 and February 2 and 2 February, at 10:30 a.m., 5% of the Tower 22 staff, "
            "COVID-19, F-16, a 48-hour truce, the 1st Brigade, in 2017 and 2019 respectively.")
    assert find_counts(text) == []
    assert [c.value for c in find_counts("a force of 2000 troops")] == [2000]
    assert find_counts("no one was there, one another") == []


def test_vague_words_only_on_request() -> None:
    assert find_counts("Dozens of people were hurt.") == []
    assert [(c.value, c.qualifier) for c in find_counts("Dozens of people", include_vague=True)] == [(12, "vague")]


# -- casualties -------------------------------------------------------------------------------------
def figures(sentence: str) -> tuple[int | None, int | None, int | None]:
    found = find_casualties(sentence)
    return found.killed, found.injured, found.killed_or_injured


def test_killing_and_injuring_are_split() -> None:
    found = find_casualties("Washington retaliated, killing at least 16 Popular Mobilization Forces (PMF) fighters "
                            "and injuring another 36 in Iraq’s western Anbar province.")
    assert (found.killed, found.injured, found.killed_or_injured) == (16, 36, None)
    assert found.killed_span == "killing at least 16 Popular Mobilization Forces"
    assert found.injured_span is not None and found.injured_span.startswith("injuring another 36")


def test_two_events_in_one_sentence_are_not_summed() -> None:  # (000)
    found = find_casualties(ANBAR)
    assert [(m.kind, m.value) for m in found.mentions] == [("killed", 3), ("killed", 16), ("injured", 36)]
    assert (found.killed, found.injured) == (3, 36)  # the first of each kind, not 3 + 16
    assert "first-of-several" in found.rule


@pytest.mark.parametrize("sentence, expected", [
    # (000)
    ("A US drone strike in eastern Baghdad’s Mashtal neighborhood in the late hours of Wednesday killed another "
     "three people, including Abu Baqer al-Saadi, a leading commander of the Kataib Hezbollah armed group.",
     (3, None, None)),
    # (002)
    ("On Monday three children and two women were killed when two militia rockets hit a family home, the Iraqi "
     "military said.", (5, None, None)),
    # (001)
    ("At least one militiaman was killed in American overnight airstrikes on facilities of pro-Iran militias.",
     (1, None, None)),
    # (003)
    ("In early January, an American drone strike targeted the PMF’s Harakat al-Nujaba in Baghdad, killing two of "
     "its members, including former commander Mushtaq Talib al-Saeedi, better known as Abu Taqwa.",
     (2, None, None)),
    # (003)
    ("After a drone strike in late January killed three US troops in Jordan, Washington retaliated.",
     (3, None, None)),
    # (004): a combined figure is never split
    ("The Pentagon spokesman also said initial indications are that “over 40 militants associated with Iranian "
     "proxy groups were killed or injured” as a result of the February 2 strikes.", (None, None, 40)),
    ("two soldiers were wounded in the attack", (None, 2, None)),
    ("Several rockets were launched, wounding 12.", (None, 12, None)),
    ("The blast left five dead and 12 injured.", (5, 12, None)),
    ("A soldier was killed in the attack.", (1, None, None)),
    ("The strike killed a commander of the group.", (1, None, None)),
    ("A 12-year-old boy was killed.", (1, None, None)),
    ("Two US service members were injured and one contractor was killed.", (1, 2, None)),
    ("The attack killed two people, including a child, and wounded four others.", (2, 4, None)),
    ("16 people killed in Anbar", (16, None, None)),
    ("The death toll rose to 14 on Tuesday.", (14, None, None)),
    ("Between 10 and 15 people were killed.", (10, None, None)),
    ("Five people died in the strike.", (5, None, None)),
    ("The attack caused 12 casualties.", (None, None, 12)),
])
def test_casualty_grammar(sentence: str, expected: tuple[int | None, int | None, int | None]) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("No casualties were reported.", (0, 0)),
    ("No injuries were reported.", (0, 0)),
    ("Nobody was hurt in the attack.", (0, 0)),
    ("The rockets landed without causing casualties.", (0, 0)),
    ("There were no immediate reports of casualties.", (0, 0)),
    ("No one was killed in the attack.", (0, None)),
    ("There were no deaths.", (0, None)),
    ("One soldier was killed; no injuries were reported.", (1, 0)),
])
def test_zero_only_where_the_text_says_so(sentence: str, expected: tuple[int | None, int | None]) -> None:
    found = find_casualties(sentence)
    assert (found.killed, found.injured) == expected
    assert "none-stated" in found.rule


@pytest.mark.parametrize("sentence", [
    # (000): targets, troops and drones are not casualties
    "Around 2,500 American troops in Iraq and 900 in Syria are leading an international coalition.",
    "A day later, US troops shot down two drones targeting the Ain al-Asad base in Iraq’s western Anbar province.",
    "Washington retaliated on February 2 by hitting more than 85 targets in Iraq and Syria.",
    # (004): civilian casualties denied is not "nobody was hurt"
    "Ryder said “there are no indications of collateral damage or civilian casualties” from the Mashtal strike.",
    "“Additionally, initial assessments indicate that there were not additional militants injured or killed "
    "beyond the one Kataib Hezbollah commander who was targeted.”",
    "Rudaw moderates all comments submitted on our website.",
])
def test_numbers_that_are_not_casualties(sentence: str) -> None:
    assert find_casualties(sentence) == Casualties()


def test_vague_casualty_words_follow_acled() -> None:
    found = find_casualties("Dozens of people were killed and several were wounded.")
    assert (found.killed, found.injured) == (12, 10) and "acled-vague" in found.rule
    assert figures("Dozens of people were killed.") == (12, None, None)
    assert find_casualties("Dozens of people were killed.", vague=False).killed is None




@pytest.mark.parametrize("sentence, killed", [
    ("A district commander was assassinated outside his home in the town.", 1),
    ("One shopkeeper was shot and killed by gunmen near the market.", 1),
    ("Gunmen killed a farmer and his son in an orchard east of the city.", 2),
    ("A woman and her daughter were killed when a shell hit their house.", 2),
    ("Militants stormed the village, killing a teacher and child.", 2),
    ("The blast caused the death of a local journalist.", 1),
    ("Gunmen killed a man and wounded his son.", 1),
])
def test_victims_named_without_a_figure(sentence: str, killed: int) -> None:
    assert find_casualties(sentence, vague=False).killed == killed


def test_vague_words_leave_events_without_a_figure() -> None:
    found = find_casualties("Several civilians were wounded and dozens were killed by the shelling.", vague=False)
    assert (found.killed, found.injured) == (None, None)


@pytest.mark.parametrize("sentence, killed", [
    ("The shelling resulted in the killing of at least a dozen fighters.", 12),
    ("Rasheed al-Obeidi, 52, was gunned down outside his office on Monday.", 1),
    ("The attack led to the death of a number of soldiers.", None),
])
def test_death_of_and_named_victims(sentence: str, killed: int | None) -> None:
    assert find_casualties(sentence, vague=False).killed == killed


def test_a_list_of_single_victims_is_counted() -> None:
    assert find_casualties("Soldiers killed a man, woman, and child at the checkpoint.", vague=False).killed == 3


def test_shot_dead_and_gunned_down_are_killings() -> None:
    assert find_casualties("Gunmen shot dead three farmers near the village.", vague=False).killed == 3
    assert find_casualties("Militants gunned down two policemen at a checkpoint.", vague=False).killed == 2
