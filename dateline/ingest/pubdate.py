"""The publication date of an article and the method that found it.

Methods, tried in this order: `given` (in the input), `html-metadata`, `text` (a date printed on
the page), `url`, `weekday-inference` (a weekday and day of month with no year), else `none`.
A date is never guessed from today's date, and none is accepted after today.
"""
from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from urllib.parse import urlsplit

from dateline.ingest.era import terms_in_office

EARLIEST = date(1990, 1, 1)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NUMBERS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for name in names}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"

# "January 24, 2024", "Jan. 24 2024"; "24 January 2024", "24th of Jan, 2024"
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>{_YEAR})\b")
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month>{_MONTH})\.?,?\s+(?P<year>{_YEAR})\b")
# 09-02-2024, 9/2/2024, 09.02.2024: day and month in an order the outlet decides.
_NUMERIC = re.compile(rf"(?<![\d/.-])(?P<first>\d{{1,2}})(?P<sep>[-/.])(?P<second>\d{{1,2}})"
                      rf"(?P=sep)(?P<year>{_YEAR})(?![\d/.-]?\d)")
# 2024-02-09, 2024/2/9
_YEAR_FIRST = re.compile(rf"(?<![\d/.-])(?P<year>{_YEAR})(?P<sep>[-/.])(?P<month>\d{{1,2}})"
                         rf"(?P=sep)(?P<day>\d{{1,2}})(?![\d/.-]?\d)")
# "Thursday (October 1)", "Thursday, Oct. 1", "Thursday 1 October", with an optional year.
_WEEKDAY_DATE = re.compile(
    rf"\b(?P<weekday>{_WEEKDAY}),?\s*\(?\s*(?:(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL}"
    rf"|(?P<day2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month2>{_MONTH})\b)\.?\)?"
    rf"(?:,?\s*(?P<year>{_YEAR})\b)?")
_WEEKDAY_NAME = re.compile(rf"\b{_WEEKDAY}\b")
_YEAR_MENTION = re.compile(rf"(?<![\d,.])\b(?P<year>{_YEAR})\b(?![\d,.]\d)")
_UPDATED = re.compile(r"\b(updated|modified|edited)\b", re.IGNORECASE)
# Words a date line may hold besides the date itself.
_DATE_LINE_WORDS = re.compile(
    rf"\b(?:published|posted|updated|last|on|at|am|pm|gmt|utc|ast|est|edt|date|dated|{_WEEKDAY})\b",
    re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]{2,}")
# URL paths: /2023/10/29/, /2023-10-29-, _20231029
_URL_SLASHED = re.compile(
    r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>\d{1,2})[/-](?P<day>\d{1,2})(?:[/_.-]|$)")
_URL_COMPACT = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)(?!\d)")

# How strongly a weekday named in the text fits a candidate date, by how many days before the
# date it falls: news says "on Friday" for the day of publication or the day or two before.
_WEEKDAY_FIT = {0: 3, 1: 2, 2: 1}
# The weekdays must favour one reading by this much to overrule the outlet's convention.
_DECISIVE_FIT = 2


@dataclass(frozen=True)
class PublicationDate:
    """A publication date (or None), the method that found it and the words it came from."""

    value: date | None
    method: str = "none"
    evidence: str | None = None


@dataclass(frozen=True)
class _Candidate:
    value: date
    evidence: str
    start: int
    end: int


def find_publication_date(*, text: str, header: Sequence[str] = (), given: date | None = None,
                          html_date: date | None = None, url: str | None = None,
                          outlet: str | None = None, today: date | None = None) -> PublicationDate:
    """Returns the publication date found by the first method, in order, that finds one."""
    today = today or date.today()
    if given is not None:
        return PublicationDate(given, "given")
    if html_date is not None and EARLIEST <= html_date <= today:
        return PublicationDate(html_date, "html-metadata")
    order = date_order(outlet, url)
    found = text_date(text, header, order, today)
    if found.value is None and url:
        found = url_date(url, today)
    if found.value is None:
        found = weekday_inference(text, today)
    return found


@dataclass(frozen=True)
class Outlet:
    """An entry of `outlets.toml`: the outlet's names (usual one first) and conventions."""

    names: tuple[str, ...]
    domains: tuple[str, ...]
    date_order: str


@functools.cache
def outlets() -> tuple[Outlet, ...]:
    """Returns the outlets listed in the shipped `outlets.toml`, read once."""
    source = resources.files("dateline.ingest") / "outlets.toml"
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    return tuple(Outlet(tuple(entry.get("names", [])), tuple(entry.get("domains", [])),
                        entry["date_order"]) for entry in data.get("outlet", []))


def known_outlet(name: str | None = None, url: str | None = None) -> Outlet | None:
    """Returns the listed outlet with that name (any case) or serving that URL, else None."""
    wanted = " ".join(name.split()).casefold() if name else None
    host = (urlsplit(url).hostname or "").casefold() if url else ""
    for outlet in outlets():
        if wanted and any(wanted == known.casefold() for known in outlet.names):
            return outlet
        if host and any(host == domain or host.endswith("." + domain) for domain in outlet.domains):
            return outlet
    return None


def outlet_named_in(lines: Iterable[str]) -> str | None:
    """Returns the usual name of a listed outlet when one of the lines is exactly its name."""
    for line in lines:
        if len(line) <= 40 and (outlet := known_outlet(line)) is not None:
            return outlet.names[0]
    return None


def date_order(outlet: str | None, url: str | None = None) -> str | None:
    """Returns "dmy" or "mdy" for an outlet in `outlets.toml` (by name or URL host), else None."""
    known = known_outlet(outlet, url)
    return known.date_order if known else None


def named_weekdays(text: str) -> list[int]:
    """Returns the weekdays (0 = Monday) the text names on their own, not as part of a date."""
    inside_dates = [(m.start(), m.end()) for m in _WEEKDAY_DATE.finditer(text)]
    named = []
    for mention in _WEEKDAY_NAME.finditer(text):
        if any(start <= mention.start() < end for start, end in inside_dates):
            continue
        named.append(WEEKDAYS.index(mention.group(0)))
    return named


def weekday_fit(day: date, weekdays: Iterable[int]) -> int:
    """Returns how well the named weekdays fit a publication date: high when just before it."""
    return sum(_WEEKDAY_FIT.get((day.weekday() - weekday) % 7, 0) for weekday in weekdays)


def resolve_numeric(first: int, second: int, year: int, order: str | None,
                    weekdays: Sequence[int], today: date) -> date | None:
    """Returns the reading of first/second/year favoured by weekdays, outlet or day-first."""
    day_first = _valid(year, second, first, today)
    month_first = _valid(year, first, second, today)
    if day_first is None or month_first is None or day_first == month_first:
        return day_first or month_first
    fit_day_first = weekday_fit(day_first, weekdays)
    fit_month_first = weekday_fit(month_first, weekdays)
    if abs(fit_day_first - fit_month_first) >= _DECISIVE_FIT:
        return day_first if fit_day_first > fit_month_first else month_first
    return month_first if order == "mdy" else day_first


def text_date(text: str, header: Sequence[str] = (), order: str | None = None,
              today: date | None = None) -> PublicationDate:
    """Returns a date printed on the page: a header date line, else a body date on a named weekday.

    A body date counts only when the text names its weekday elsewhere: "on Wednesday" with
    "in a presser on January 24, 2024" (a Wednesday). Other body dates are events, not the page's.
    """
    today = today or date.today()
    weekdays = named_weekdays(text)
    header_dates = []
    for line in header:
        candidates = _full_dates(line, order, weekdays, today)
        if len(candidates) == 1 and _is_date_line(line, candidates[0]):
            header_dates.append((bool(_UPDATED.search(line)), candidates[0]))
    if header_dates:
        # The first date line that is not an "Updated" stamp is the original publication.
        _updated, chosen = min(header_dates, key=lambda pair: pair[0])
        return PublicationDate(chosen.value, "text", chosen.evidence)
    named = set(weekdays)
    supported = [c for c in _full_dates(text, order, weekdays, today) if c.value.weekday() in named]
    if supported:
        chosen = max(supported, key=lambda c: (c.value, -c.start))
        return PublicationDate(chosen.value, "text", chosen.evidence)
    return PublicationDate(None)


def url_date(url: str, today: date | None = None) -> PublicationDate:
    """Returns the date in a URL path (/2023/10/29/ or 20231029), if it is a real past date."""
    today = today or date.today()
    path = urlsplit(url).path
    for pattern in (_URL_SLASHED, _URL_COMPACT):
        for found in pattern.finditer(path):
            value = _valid(int(found["year"]), int(found["month"]), int(found["day"]), today)
            if value is not None:
                return PublicationDate(value, "url", found.group(0).strip("/-_."))
    return PublicationDate(None)


def weekday_inference(text: str, today: date | None = None) -> PublicationDate:
    """Returns the latest date written as weekday + day of month with no year.

    "Thursday (October 1)" is dated to a year where 1 October is a Thursday, chosen by the other
    clues in the text (officials named in office, years mentioned), else the latest such year.
    """
    today = today or date.today()
    found: list[tuple[date, str]] = []
    for mention in _WEEKDAY_DATE.finditer(text):
        if mention["year"]:
            continue  # a full date, read by text_date
        month = _MONTH_NUMBERS[(mention["month"] or mention["month2"]).lower()]
        day = int(mention["day"] or mention["day2"])
        weekday = WEEKDAYS.index(mention["weekday"])
        years = [year for year in range(EARLIEST.year, today.year + 1)
                 if (value := _valid(year, month, day, today)) is not None
                 and value.weekday() == weekday]
        year = _likeliest_year(text, month, day, years, today)
        if year is not None:
            found.append((date(year, month, day), mention.group(0)))
    if not found:
        return PublicationDate(None)
    value, evidence = max(found)
    return PublicationDate(value, "weekday-inference", evidence)


def _likeliest_year(text: str, month: int, day: int, years: list[int],
                    today: date) -> int | None:
    """Returns the candidate year that best fits the text's other clues, else the latest one."""
    if not years:
        return None
    # People named in an office they held only at certain times narrow the years down.
    terms = terms_in_office(text)
    if terms:
        fits = {year: sum(term.covers(date(year, month, day)) for term in terms) for year in years}
        best = max(fits.values())
        if best > 0:
            years = [year for year in years if fits[year] == best]
    # A text mostly looks back: the year sits at or just after the latest year it mentions.
    mentioned = [int(m["year"]) for m in _YEAR_MENTION.finditer(text)
                 if int(m["year"]) <= today.year]
    if mentioned:
        latest = max(mentioned)
        return min(years, key=lambda year: (year < latest, abs(year - latest)))
    return max(years)


def _full_dates(text: str, order: str | None, weekdays: Sequence[int],
                today: date) -> list[_Candidate]:
    """Returns every complete, valid, past date written in the text, in text order."""
    found: list[_Candidate] = []
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        for m in pattern.finditer(text):
            value = _valid(int(m["year"]), _MONTH_NUMBERS[m["month"].lower()], int(m["day"]), today)
            if value is not None:
                found.append(_Candidate(value, m.group(0), m.start(), m.end()))
    for m in _YEAR_FIRST.finditer(text):
        value = _valid(int(m["year"]), int(m["month"]), int(m["day"]), today)
        if value is not None:
            found.append(_Candidate(value, m.group(0), m.start(), m.end()))
    for m in _NUMERIC.finditer(text):
        value = resolve_numeric(int(m["first"]), int(m["second"]), int(m["year"]), order,
                                weekdays, today)
        if value is not None:
            found.append(_Candidate(value, m.group(0), m.start(), m.end()))
    # A weekday written with the date must agree with it ("Friday, 9 February 2024").
    stated = {(m.start(), m.end()): WEEKDAYS.index(m["weekday"])
              for m in _WEEKDAY_DATE.finditer(text) if m["year"]}
    consistent = [c for c in found
                  if all(weekday == c.value.weekday() for (start, end), weekday in stated.items()
                         if start <= c.start < end)]
    return sorted(consistent, key=lambda c: c.start)


def _is_date_line(line: str, candidate: _Candidate) -> bool:
    """Tells whether a line holds only a date (and maybe a label, a time, a weekday)."""
    rest = line[:candidate.start] + " " + line[candidate.end:]
    if not _LETTERS.search(_DATE_LINE_WORDS.sub(" ", rest)):
        return True
    # "29 January 2024 | Euphrates Post", "By A. Writer • 5 March 2024": a date set apart from a
    # short byline or outlet name by a separator is still the page's date line.
    before, after = line[:candidate.start], line[candidate.end:]
    parts = [p for p in re.split(r"\s[|•·—–/]\s|\s-\s", before + " | " + after) if p.strip()]
    separated = bool(re.search(r"[|•·—–/]\s*$|\s-\s*$", before) or re.match(r"^\s*(?:[|•·—–/]|-\s)", after))
    return separated and len(line) <= 90 and all(len(p.split()) <= 6 for p in parts)


def _valid(year: int, month: int, day: int, today: date) -> date | None:
    """Returns the date when it exists and lies between 1990 and today, else None."""
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value if EARLIEST <= value <= today else None
