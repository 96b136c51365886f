"""Furniture removal on page captures written for these tests, in the shapes of several outlets."""
from __future__ import annotations

from pathlib import Path

import pytest

from dateline.ingest import clean
from dateline.ingest.clean import clean_text, learn_outlet_lines, load_rules
from dateline.ingest.dateline_header import dateline_place

WIRE_PAGE = """World
Air defences down drone near base hosting coalition advisers
Updated: 14 March 2024 10:42
By Sara Ahmed and Tom Reed
Share
Facebook | Twitter | WhatsApp | Email
A A A
BAGHDAD (Reuters) - Air defences shot down a drone approaching a base hosting coalition advisers in western Iraq on Wednesday, two security officials said.
Soldiers inspect debris at the base. (AP Photo/John Doe)
The officials, who spoke on condition of anonymity, said the drone was launched from desert areas near the Syrian border.
Read more: Iraq and US begin talks on the coalition's future
“We detected it early and engaged it before it reached the perimeter,” one official said.
Related
Coalition hands over another base to the Iraqi army
Parliament votes on budget after months of delay
The incident follows a string of similar attacks since October that were claimed by an umbrella group of armed factions.
Advertisement
No casualties were reported, the officials added.
Tags: Iraq, drones, coalition
You may also like
Kirkuk governor survives no-confidence vote
Oil exports through northern pipeline to resume next week
Leave a Reply
Your email address will not be published. Required fields are marked *
Comment *
Name *
Email *
Website
Save my name, email, and website in this browser for the next time I comment.
Post Comment
"""

WIRE_BODY = [
    "BAGHDAD (Reuters) - Air defences shot down a drone approaching a base hosting coalition"
    " advisers in western Iraq on Wednesday, two security officials said.",
    "The officials, who spoke on condition of anonymity, said the drone was launched from desert"
    " areas near the Syrian border.",
    "“We detected it early and engaged it before it reached the perimeter,” one official said.",
    "The incident follows a string of similar attacks since October that were claimed by an"
    " umbrella group of armed factions.",
    "No casualties were reported, the officials added.",
]

COMMENT_PAGE = """Local council agrees to rebuild market hit by shelling
Home › Syria
Written by Omar Khalil | Staff reporter
IDLIB, Syria - The local council said on Saturday it would rebuild the covered market that was destroyed by shelling last month, using money raised by traders.
Traders said the market had served the town for more than forty years, and that most of them had lost their stock in the fire that followed the shelling.
The council’s head said\u00a0work would start\u00a0“as soon as the rubble is cleared”, probably within two weeks.
3 Comments
Our readers' comments are checked by moderators before they are published. Offensive or abusive comments will be removed.
Ahmad
This is good news for the town, the market was the heart of it.
Reply
"""


def test_wire_page_keeps_the_body_only() -> None:
    cleaned = clean_text(WIRE_PAGE)
    assert cleaned.text.split("\n\n") == WIRE_BODY
    assert cleaned.title == "Air defences down drone near base hosting coalition advisers"
    assert cleaned.author == "Sara Ahmed and Tom Reed"
    non_blank = [line for line in WIRE_PAGE.splitlines() if line.strip()]
    assert cleaned.removed_lines == len(non_blank) - len(WIRE_BODY) - 1  # minus the title
    # The header keeps what dates the page; the after-article zone is not searched for dates.
    assert "Updated: 14 March 2024 10:42" in cleaned.header
    assert "Leave a Reply" not in cleaned.scan_text


def test_comment_section_with_reader_comments_is_cut() -> None:
    cleaned = clean_text(COMMENT_PAGE)
    paragraphs = cleaned.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("IDLIB, Syria - The local council")
    assert "heart of it" not in cleaned.text and "moderators" not in cleaned.text
    assert cleaned.author == "Omar Khalil"
    assert cleaned.title == "Local council agrees to rebuild market hit by shelling"


def test_kept_lines_are_verbatim() -> None:
    cleaned = clean_text(COMMENT_PAGE)
    quote = "The council’s head said\u00a0work would start\u00a0“as soon as the rubble is cleared”"
    assert quote in cleaned.text


def test_section_label_is_not_a_title_but_a_headline_after_it_is() -> None:
    body = ("ERBIL, Kurdistan Region - Parliament approved the regional budget on Tuesday after"
            " a delay of four months, the speaker's office said.")
    assert clean_text(f"Iraq\n{body}\n").title is None
    with_headline = clean_text(f"Iraq\nParliament approves budget after long delay\n12-03-2024\n{body}\n")
    assert with_headline.title == "Parliament approves budget after long delay"
    assert with_headline.text == body


def test_a_paragraph_repeated_in_the_page_is_kept_once() -> None:
    paragraphs = [
        "MOSUL, Iraq - Engineers began clearing explosives from the old city on Sunday, the"
        " governorate said in a statement.",
        "The work is expected to take several months, and residents were asked to stay away"
        " from marked streets until it is finished.",
    ]
    page = "\n".join(paragraphs + paragraphs + ["Share"])
    cleaned = clean_text(page)
    assert cleaned.text.split("\n\n") == paragraphs
    assert cleaned.removed_lines == 3


def test_navigation_label_mid_body_removes_only_the_listed_headlines() -> None:
    cleaned = clean_text(WIRE_PAGE)
    assert "Coalition hands over another base" not in cleaned.text
    assert "Parliament votes on budget" not in cleaned.text
    assert cleaned.text.endswith("No casualties were reported, the officials added.")


def test_captions_and_credits() -> None:
    rules = clean.default_rules()
    captions = [
        "File – Soldiers stand guard at a checkpoint near the airport road in Baghdad. Reuters",
        "A general view of the damaged building, March 3, 2024. Photo: Ministry of Interior/Handout",
        "Smoke rises after the strike. (AP Photo/Hadi Example)",
        "Photo: Kurdistan Region Security Council",
        "FILE PHOTO: Members of the security forces gather at the site of an explosion",
        "Firefighters work at the site of a blast in Mosul, Iraq, Sunday, March 7, 2021.",
        "Damaged cars outside the stadium in Basra, Jan. 9, 2023.",
        "In this photo provided by the press office, rescuers search the rubble of a house.",
    ]
    for caption in captions:
        assert clean.classify(clean.line_key(caption), rules) is clean.Kind.CAPTION, caption
    sentences = [
        "The ministry published photos taken by its media office of the damaged building.",
        "“We will not accept this,” he told Reuters on Monday.",
        "Two rockets hit the airport on March 7, 2021.",
        "Two rockets hit the airport, officials said on Sunday, March 7, 2021.",
        "Reuters could not independently verify the footage, which was shared by a local group.",
    ]
    for sentence in sentences:
        assert clean.classify(clean.line_key(sentence), rules) is clean.Kind.TEXT, sentence


def test_bylines_are_not_taken_from_sentences() -> None:
    rules = clean.default_rules()
    assert clean.byline_name("By Jane Roe, Associated Press", rules) == "Jane Roe"
    assert clean.byline_name("Azhi Rasul @AzhiYR", rules) == "Azhi Rasul"
    line = "By Thursday, the army had retaken most of the district, officials said."
    assert clean.classify(line, rules) is clean.Kind.TEXT


def test_outlet_lines_repeated_across_pages_are_removed() -> None:
    background = ("Around 2,500 US troops are deployed in Iraq as part of the coalition, which"
                  " advises local forces.")
    slogan = "Tigris Ledger – independent news from the two rivers"
    pages = []
    for number in range(4):
        story = (f"KIRKUK, Iraq - Report number {number} begins with its own opening sentence"
                 f" about event {number}, officials said.")
        pages.append("\n".join([story, background, slogan]))
    learned = learn_outlet_lines(pages)
    assert slogan in learned
    assert background not in learned  # long paragraphs are article text even when repeated
    cleaned = clean_text(pages[0], known_lines=learned)
    assert slogan not in cleaned.text and background in cleaned.text
    assert slogan in clean_text(pages[0]).text
    assert learn_outlet_lines(pages[:2]) == frozenset()  # two pages are not enough evidence


def test_user_rules_extend_the_shipped_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text("[line]\npatterns = ['support independent journalism.{0,40}']\n",
                     encoding="utf-8")
    page = ("BASRA, Iraq - Port workers ended a three-day strike on Monday after the ministry"
            " agreed to pay overdue wages, a union official said.\n"
            "Support independent journalism today\n")
    assert "Support independent" in clean_text(page).text
    assert "Support independent" not in clean_text(page, rules=load_rules([extra])).text
    monkeypatch.setenv(clean.RULES_ENVIRONMENT, str(extra))
    clean.default_rules.cache_clear()
    try:
        assert "Support independent" not in clean_text(page).text
    finally:
        monkeypatch.delenv(clean.RULES_ENVIRONMENT)
        clean.default_rules.cache_clear()
    broken = tmp_path / "broken.toml"
    broken.write_text("[line]\npatterns = ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="regular expression"):
        load_rules([broken])


def test_text_without_any_article_is_empty() -> None:
    assert clean_text("Share\nA+ A-\nAdvertisement\n\u00a0\nComments\nPost a comment\n").text == ""




@pytest.mark.parametrize(("opening", "place"), [
    ("ERBIL, Kurdistan Region - The US State Department said", "Erbil"),
    ("SULAIMANI (ESTA) — The United States will not hesitate", "Sulaimani"),
    ("BAGHDAD (Reuters) - Rockets hit", "Baghdad"),
    ("BEIRUT, Lebanon (AP) — Israeli strikes", "Beirut"),
    ("WASHINGTON, Jan 5 (Reuters) - The Pentagon", "Washington"),
    ("UNITED NATIONS (AP) — The Security Council", "United Nations"),
    ("AL-QAIM, Iraq — Militants", "Al-Qaim"),
    ("SANA'A, Yemen (AP) — Houthi rebels", "Sana'a"),
    ("Baghdad (AFP) - A rocket", "Baghdad"),
    ("DEIR EZZOR, Syria -- Clashes", "Deir Ezzor"),
])
def test_dateline_place(opening: str, place: str) -> None:
    assert dateline_place(opening) == place


@pytest.mark.parametrize("opening", [
    "The US State Department on Friday said",
    "US - Iraq talks resumed on Monday",
    "ISIS - the group that once held Mosul - is weaker",
    "Kataib Hezbollah - a powerful faction - denied it",
    "",
])
def test_no_dateline(opening: str) -> None:
    assert dateline_place(opening) is None


def test_dateline_is_read_after_a_standfirst_and_text_is_untouched() -> None:
    text = "Officials say the attack was the third this month\n\nKIRKUK, Iraq - A bomb exploded."
    assert dateline_place(text) == "Kirkuk"


@pytest.mark.parametrize("text", [
    "Turkish forces shelled the outskirts of the village in the north of the district. No fatalities reported",
    "Warplanes bombed the town with neither injuries nor fatalities reported",
])
def test_a_short_report_without_a_closing_full_stop_is_the_body(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned.text == text and cleaned.title is None


def test_a_capture_date_stamp_is_header_not_body() -> None:
    text = " date 2024-01-21 Rockets hit a base in the west of the country on Saturday, officials said.\n\n" \
           "Nobody was hurt in the attack, a spokesman for the base said in a statement."
    cleaned = clean_text(text)
    assert "2024-01-21" not in cleaned.text
    assert cleaned.text.startswith("Rockets hit a base")
    assert cleaned.header[0] == "date 2024-01-21"
