"""The place named in the dateline that opens most news copy: "BAGHDAD (Reuters) -" → "Baghdad"."""
from __future__ import annotations

import re

_DASH = r"(?:-{1,2}|[–—−])"
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?")
# A place word in capitals: ERBIL, AL-QAIM, SANA'A, ST. LOUIS. Three letters at least, so that
# acronyms opening a sentence ("US -", "UN -") are not read as places.
_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_CAPS_PLACE = rf"(?P<place>(?=[A-Z'’.\-]{{3}}){_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}})"
# Mixed-case places ("Baghdad (AFP) -") are taken only with an agency in brackets, the one shape
# that tells them from an ordinary sentence opening with a capitalised word and a dash.
_TITLE_PLACE = r"(?P<tplace>[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){0,2})"
# ", Kurdistan Region" / ", Lebanon" / ", Syria" after the city; a date in wire style (", Jan 5").
_REGION = r"(?:,\s*(?!" + _MONTH + r"\s*\d)[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3})?"
_DATE = rf"(?:,?\s*{_MONTH}\s+\d{{1,2}}(?:,?\s*\d{{4}})?)?"
_AGENCY = r"\((?P<agency>[^()\n]{2,40})\)"

# "Baghdad - (Reuters) - …": some outlets set the agency off with a dash too.
_AGENCY_DASH = rf"(?:{_DASH}\s*)?"

DATELINE = re.compile(
    rf"^\s*(?:{_CAPS_PLACE}{_REGION}{_DATE}\s*(?:{_AGENCY_DASH}{_AGENCY})?"
    rf"|{_TITLE_PLACE}{_REGION}{_DATE}\s*{_AGENCY_DASH}\((?P<tagency>[^()\n]{{2,40}})\))"
    # The sentence after the dash starts with a capital, digit or quote: "ISIS - the group" is
    # not a dateline.
    rf"\s*{_DASH}\s+(?=[^\s\-a-z])")

# How many opening paragraphs may hold the dateline: a standfirst can come first.
_PARAGRAPHS_SEARCHED = 3


def dateline_place(text: str) -> str | None:
    """Returns the place of the opening dateline, title-cased ("ERBIL" → "Erbil"), or None."""
    searched = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        found = DATELINE.match(line)
        if found:
            return title_case(found.group("place") or found.group("tplace"))
        searched += 1
        if searched >= _PARAGRAPHS_SEARCHED:
            break
    return None


def starts_with_dateline(line: str) -> bool:
    """Tells whether a paragraph opens with a dateline."""
    return DATELINE.match(line) is not None


def title_case(place: str) -> str:
    """Returns a capitalised place name: words start upper-case after spaces and hyphens only."""
    # str.title() would also capitalise after apostrophes ("Sana'A"), which place names never do.
    return re.sub(r"(^|[\s\-])([^\W\d_])([^\s\-]*)",
                  lambda m: m.group(1) + m.group(2).upper() + m.group(3).lower(), place.strip())
