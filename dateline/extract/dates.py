"""Time expressions in one news sentence, resolved against the article's publication date.

A fast regex grammar (no dateparser): this runs on every sentence of every article.
Conventions (shared/dev/README.md, ACLED time_precision):
- relative words ("on Wednesday", "yesterday") resolve against the publication date; a weekday is
  the latest such day on or before publication, and "overnight" is the publication day itself;
- a month-day without a year is the latest such date on or before publication (future: the next);
- spans use their middle day with precision "range": early = 1-10, mid = 11-20, late = 21-end,
  "the end of" = last 7 days, "in recent weeks" = the 30 days before publication;
- a month alone is the 15th with precision "month"; a year alone is a "range" over the year;
- nothing resolves past publication unless the sentence is about the future (`future=True`), so
  spans and months that contain the publication day are clipped to it;
- "a day later", "days after" are relative to another event: `date` is None, and
  `resolve_relative` counts from an anchor the caller picks.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from dateline.extract.numbers import parse_number

MONTHS: dict[str, int] = {name: i for i, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), 1)}
MONTH_ABBREVIATIONS: dict[str, int] = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
                                       "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS: dict[str, int] = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
# Words that make the following (or, at clause start, the next) time words a plan, not a report.
FUTURE_MARKERS = r"will|shall|won't|'ll|’ll|(?:is|are)\s+to|(?:due|set|scheduled|slated|expected|" \
                 r"planned|going)\s+to|to\s+be\s+held|plans?\s+to|next|upcoming"
# A reporting or past verb after a future word means the time words belong to the report.
PAST_MARKERS = r"said|says|told|tells|announced|stated|added|reported|noted|warned|confirmed|was|" \
               r"were|had|did"
# Prepositions kept in the span ("since mid-October"), and the role they give.
ROLES: dict[str, str] = {"since": "period-start", "from": "period-start", "starting": "period-start",
                         "beginning": "period-start", "between": "period-start",
                         "until": "period-end", "till": "period-end", "through": "period-end",
                         "to": "period-end", "as of": "period-end"}
_UNSPANNED_PREPS = ("and", "or", "of")  # glue words: they select a rule but are not the expression

Date = dt.date


@dataclass(frozen=True, slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    date: dt.date | None
    precision: str  # day | range | month | unknown
    range_start: dt.date | None = None
    range_end: dt.date | None = None
    rule: str = ""
    relative_to_event: bool = False
    offset_days: int | None = None  # magnitude, >= 0; None for "days later"
    direction: str | None = None  # "after" | "before" for relative_to_event
    future: bool = False
    role: str = "point"  # point | period-start | period-end
    unit: str | None = None  # hour | day | week | month, for relative_to_event


# -- regex grammar --------------------------------------------------------------------------------
def _alt(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


# Month names are case-sensitive: "may", "march" and "august" are ordinary words in lower case.
_MONTH_NAMES = [m.capitalize() for m in MONTHS] + [m.upper() for m in MONTHS]
_MONTH_ABBRS = [a.capitalize() for a in MONTH_ABBREVIATIONS] + [a.upper() for a in MONTH_ABBREVIATIONS]
_MON_FULL = "(?-i:" + _alt(_MONTH_NAMES) + r")\b"
_MON_ANY = "(?-i:(?:" + _alt(_MONTH_NAMES) + r")\b|(?:" + _alt(_MONTH_ABBRS) + r")\b\.?)"
_YEAR = r"(?:19|20)\d{2}(?!\d|,\d)"
_DAY = r"3[01]|[12]\d|0?[1-9]"
_PREP = r"on|in|since|from|between|until|till|through|to|by|during|before|after|and|or|of|as\s+of|starting|beginning"
_NUM = r"\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|forty-eight"


def _explicit(p: str) -> str:
    """Month-day with optional year, either order; group names prefixed so two can coexist."""
    return (rf"(?:(?P<{p}mon>{_MON_ANY})\s*(?P<{p}day>{_DAY})(?!\d)(?:st|nd|rd|th)?\b(?:\s*,?\s*(?P<{p}year>{_YEAR}))?"
            rf"|(?<![\d,.])(?P<{p}day2>{_DAY})(?!\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<{p}mon2>{_MON_ANY})"
            rf"(?:\s*,?\s*(?P<{p}year2>{_YEAR}))?)")


_WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<prep>{_PREP})\s+)?"
    r"(?:(?P<pre>last|this\s+past|past|next|this\s+coming|coming|this|late\s+on|early\s+on|late|early|"
    r"(?:in|during)\s+the\s+(?:late|early|small|wee)\s+hours\s+of|(?:on\s+)?the\s+(?:night|evening|morning|"
    r"afternoon)\s+of|overnight(?:\s+on)?)\s+)?"
    r"(?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b(?:['’]s)?"
    r"(?:\s+(?P<pod>night|morning|afternoon|evening|overnight))?"
    rf"(?:(?:\s*,\s*|\s*\(\s*|\s+){_explicit('x')}\s*\)?)?", re.I)
_EXPLICIT_RE = re.compile(rf"\b(?:(?P<prep>{_PREP})\s+)?(?:the\s+)?{_explicit('')}", re.I)
_NUMERIC_RE = re.compile(
    rf"\b(?:(?P<prep>{_PREP})\s+)?(?:(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})"
    rf"|(?P<iy>{_YEAR})-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)\b)", re.I)
_PART_RE = re.compile(
    rf"\b(?:(?P<prep>{_PREP})\s+)?(?P<part>early|mid|late|(?:the\s+)?(?:beginning|start|end|middle|"
    r"first\s+half|second\s+half|first\s+week|last\s+week)\s+of)[\s-]*"
    rf"(?P<mon>{_MON_ANY})(?:\s*,?\s*(?P<year>{_YEAR}))?(?!\s*\d)", re.I)
_PART_REL_RE = re.compile(
    rf"\b(?:(?P<prep>{_PREP})\s+)?(?P<part>early|mid|late)[\s-]+(?P<rel>last|this|next)\s+(?P<unit>month|year)\b",
    re.I)
_MONTH_RE = re.compile(
    r"\b(?:(?P<prep>in|since|from|until|till|through|to|by|during|before|after|between|and|or|of|last|this|"
    rf"next|as\s+of)\s+(?P<mon>{_MON_FULL})(?:\s*,?\s*(?P<year>{_YEAR}))?"
    rf"|(?P<mon2>{_MON_FULL})\s*,?\s*(?P<year2>{_YEAR}))(?!\s*\d)", re.I)
# phrase -> (kind, offset from publication in units of that kind)
_KEYWORDS: dict[str, tuple[str, int]] = {
    **dict.fromkeys(("today", "tonight", "this morning", "this afternoon", "this evening", "earlier today",
                     "later today"), ("day", 0)),
    "yesterday": ("day", -1), "last night": ("day", -1), "the day before yesterday": ("day", -2),
    "tomorrow": ("day", 1), "overnight": ("overnight", 0), "this week": ("week", 0), "later this week": ("week", 0),
    "earlier this week": ("week-so-far", 0), "last week": ("week", -1), "next week": ("week", 1),
    **dict.fromkeys(("this weekend", "over the weekend", "at the weekend", "on the weekend", "during the weekend",
                     "last weekend", "the last weekend", "past weekend", "the past weekend", "this past weekend"),
                    ("weekend", 0)),
    "next weekend": ("weekend", 1), "this month": ("month-so-far", 0), "earlier this month": ("month-so-far", 0),
    "later this month": ("month", 0), "last month": ("month", -1), "next month": ("month", 1),
    "this year": ("year-so-far", 0), "earlier this year": ("year-so-far", 0), "later this year": ("year", 0),
    "last year": ("year", -1), "next year": ("year", 1)}
_FUTURE_KEYWORDS = frozenset(k for k, (_, o) in _KEYWORDS.items() if o > 0 or k.startswith("later"))
_KW_RE = re.compile(r"\b(?:(?P<prep>since|from|until|by|as\s+of)\s+)?(?P<kw>"
                    + _alt(list(_KEYWORDS)).replace(r"\ ", r"\s+") + r")\b", re.I)
_ROLLING_RE = re.compile(
    r"\b(?:(?P<prep>in|over|during|within|for|since)\s+)?(?P<the>the\s+)?(?P<which>past|last|previous|recent|"
    rf"preceding|coming|next)\s+(?:(?P<n>{_NUM}|few|several|couple\s+of)\s+)?"
    r"(?P<unit>hours|days|weeks|months|years|hour|day|week|month|year)\b", re.I)
_AGO_RE = re.compile(rf"\b(?P<n>{_NUM}|few|several|a\s+few)\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
                     re.I)
_REL_EVENT_RE = re.compile(
    rf"\b(?:(?P<n>{_NUM}|a\s+few|few|several|a\s+couple\s+of|some|many)\s+)?(?P<unit>hours?|days?|weeks?|months?)"
    r"\s+(?P<dir>later|after(?:wards)?|earlier|before|prior\s+to)\b"
    r"|\bthe\s+(?P<which>next|following|previous|preceding|same)\s+(?P<unit2>day|morning|night|evening|"
    r"afternoon|week|month)\b|\bthe\s+day\s+(?P<dir2>before|after)\b"
    r"|\b(?P<that>later|earlier)\s+(?:that|the\s+same|in\s+the|on\s+the\s+same)\s+day\b", re.I)
_YEAR_RE = re.compile(
    r"(?:\b(?P<prep>in|since|from|until|till|through|by|during|before|after|between|early|late|mid-?|"
    r"(?:the\s+)?(?:end|start|beginning|middle)\s+of)\s*|(?<=\d{4}\sand\s)|(?<=\d{4}\sor\s)|(?<=\d{4}\sto\s)"
    rf"|(?<=\d{{4}}-)|(?<=\d{{4}}–)|(?<=\d{{4}},\s))(?P<y>{_YEAR})", re.I)
_FUTURE_RE = re.compile(rf"\b(?:{FUTURE_MARKERS})\b")  # case-sensitive: 3x faster, and these are lower case
_PAST_RE = re.compile(rf"\b(?:{PAST_MARKERS})\b")
_CLAUSE_BREAK_RE = re.compile(r"[.;!?]")
_NAME_BEFORE_RE = re.compile(r"(?:\b[Tt]he|\b[A-Z][a-z]+)\s+\Z")
_NAME_AFTER_RE = re.compile(r"\s+(?!(?:" + _alt([m.capitalize() for m in MONTHS]) + r")\b)[A-Z][a-z]")

# -- calendar helpers ---------------------------------------------------------------------------
def _mid(a: Date, b: Date) -> Date:
    return a + dt.timedelta(days=(b - a).days // 2)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _fields(d: Date | None, precision: str, rule: str, a: Date | None = None,
            b: Date | None = None) -> dict[str, object]:
    return {"date": d, "precision": precision if d else "unknown", "rule": rule,
            "range_start": a if a else d, "range_end": b if b else d}


def _span(a: Date, b: Date, rule: str, pub: Date | None, future: bool) -> dict[str, object]:
    # An event told in an article happened by its publication: clip a span that runs past it.
    if pub is not None and not future and a <= pub < b:
        b = pub
    return _fields(_mid(a, b), "range", rule, a, b)


def _month_fields(year: int, month: int, rule: str, pub: Date | None, future: bool) -> dict[str, object]:
    a, b = Date(year, month, 1), Date(year, month, _last_day(year, month))
    d = Date(year, month, 15)
    if pub is not None and not future and a <= pub < b:
        b, d = pub, min(d, pub)
    return _fields(d, "month", rule, a, b)


def _month_year(month: int, pub: Date, future: bool) -> int:
    if future:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _month_number(text: str) -> int:
    key = text.rstrip(".").lower()
    return MONTHS.get(key) or MONTH_ABBREVIATIONS[key]


def _month_day(month: int, day: int, pub: Date, future: bool) -> Date | None:
    """Latest month-day on or before publication (the next one on or after it, for plans)."""
    step = 1 if future else -1
    for k in range(9):  # 29 February recurs within 8 years
        try:
            d = Date(pub.year + step * k, month, day)
        except ValueError:
            continue
        if (d >= pub) if future else (d <= pub):
            return d
    return None


def _explicit_fields(m: re.Match[str], p: str, pub: Date | None, future: bool) -> dict[str, object] | None:
    mon = m.group(p + "mon") or m.group(p + "mon2")
    day_txt = m.group(p + "day") or m.group(p + "day2")
    year = m.group(p + "year") or m.group(p + "year2")
    if not mon or not day_txt:
        return None
    month, day = _month_number(mon), int(day_txt)
    if day > _last_day(int(year) if year else 2024, month):  # 2024: a leap year allows 29 February
        return None
    if year:
        return _fields(Date(int(year), month, day), "day", "explicit-date")
    return _fields(_month_day(month, day, pub, future) if pub else None, "day", "explicit-date-no-year")


def _future_context(sentence: str, start: int, end: int) -> bool:
    """True when a future word governs the expression: before it, unless a report verb follows
    that word ("said on Monday"); or after it when the expression opens the clause."""
    before = sentence[max(0, start - 70):start]
    cut = max((b.end() for b in _CLAUSE_BREAK_RE.finditer(before)), default=0)
    before = before[cut:]
    fut = [f.start() for f in _FUTURE_RE.finditer(before)]
    if fut:
        past = [p.start() for p in _PAST_RE.finditer(before)]
        if not past or fut[-1] > past[-1]:
            return True
    if before.strip(" ,(“\"'") == "" or before.rstrip().endswith(","):
        after = sentence[end:end + 60]
        cut_m = _CLAUSE_BREAK_RE.search(after)
        after = after[:cut_m.start()] if cut_m else after
        f, p = _FUTURE_RE.search(after), _PAST_RE.search(after)
        return bool(f and (not p or f.start() < p.start()))
    return False


# -- handlers: match -> fields (or None to drop the match) ---------------------------------------------
def _on_weekday(m: re.Match[str], pub: Date | None, future: bool) -> dict[str, object] | None:
    wd = WEEKDAYS[m.group("wd").lower()]
    pre = " ".join((m.group("pre") or "").lower().split())
    if not (pre or m.group("prep") or m.group("pod")) and _NAME_AFTER_RE.match(m.string, m.end()) \
            and _NAME_BEFORE_RE.search(m.string, max(0, m.start() - 30), m.start()):
        return None  # "the Sunday Times", "Good Friday Agreement": a name, not a day
    if m.group("xmon") or m.group("xmon2"):
        fields = _explicit_fields(m, "x", pub, future)
        d = fields["date"] if fields else None
        if fields and isinstance(d, Date):
            fields["rule"] = "weekday+explicit-date" if d.weekday() == wd else "weekday+explicit-date-mismatch"
        return fields
    if pub is None:
        return _fields(None, "day", "weekday-unresolved")
    back = (pub.weekday() - wd) % 7
    if pre in ("next", "coming", "this coming"):
        return _fields(pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7), "day", "weekday-next")
    if future:
        return _fields(pub + dt.timedelta(days=(wd - pub.weekday()) % 7), "day", "weekday-future")
    if pre in ("last", "past", "this past"):
        return _fields(pub - dt.timedelta(days=back or 7), "day", "weekday-last")
    return _fields(pub - dt.timedelta(days=back), "day", "weekday-before-publication")


def _on_numeric(m: re.Match[str], pub: Date | None, future: bool) -> dict[str, object] | None:
    if m.group("iy"):
        options = [(int(m.group("iy")), int(m.group("im")), int(m.group("id")))]
    else:
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        # Day-first unless impossible; when both read as valid, prefer the one nearest publication.
        options = [(y, b, a), (y, a, b)] if a != b else [(y, b, a)]
    dates = [Date(y, mo, d) for y, mo, d in options if 1 <= mo <= 12 and 1 <= d <= _last_day(y, mo)]
    if not dates:
        return None
    if pub is not None and len(dates) > 1:
        dates.sort(key=lambda d: (d > pub, abs((pub - d).days)))
    return _fields(dates[0], "day", "numeric-date")


_PARTS: dict[str, tuple[int, int]] = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10),
                                      "mid": (11, 20), "middle": (11, 20), "late": (21, 31),
                                      "end": (-6, 31), "first half": (1, 15), "second half": (16, 31),
                                      "first week": (1, 7), "last week": (-6, 31)}


def _part_key(raw: str) -> str:
    return " ".join(w for w in raw.lower().split() if w not in ("the", "of"))


def _part_of_month(year: int, month: int, part: str, pub: Date | None, future: bool) -> dict[str, object]:
    lo, hi = _PARTS[part]
    last = _last_day(year, month)
    a = Date(year, month, last + lo if lo < 0 else lo)
    return _span(a, Date(year, month, min(hi, last)), "part-of-month", pub, future)


def _on_part(m: re.Match[str], pub: Date | None, future: bool) -> dict[str, object] | None:
    month, year = _month_number(m.group("mon")), m.group("year")
    if not year and pub is None:
        return _fields(None, "range", "part-of-month")
    y = int(year) if year else _month_year(month, pub, future)  # type: ignore[arg-type]
    return _part_of_month(y, month, _part_key(m.group("part")), pub, future)


def _on_part_rel(m: re.Match[str], pub: Date | None, future: bool) -> dict[str, object] | None:
    if pub is None:
        return _fields(None, "range", "part-of-relative-period")
    step = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    part = m.group("part").lower()
    if m.group("unit").lower() == "month":
        first = Date(pub.year, pub.month, 1)
        if step:
            first = (first - dt.timedelta(days=1)).replace(day=1) if step < 0 else \
                (first + dt.timedelta(days=32)).replace(day=1)
        return _part_of_month(first.year, first.month, part, pub, future or step > 0)
    y, (lo, hi) = pub.year + step, _YEAR_PARTS[part]
    return _span(Date(y, lo, 1), Date(y, hi, _last_day(y, hi)), "part-of-year", pub, future or step > 0)


def _on_month(m: re.Match[str], pub: Date | None, future: bool) -> dict[str, object] | None:
    prep = (m.group("prep") or "").lower()
    name, year = m.group("mon") or m.group("mon2"), m.group("year") or m.group("year2")
    if name.lower() == "may" and not year and prep in ("and", "or", "to", "of"):
        return None  # "John and May", "to May": too often a name or a verb
    month = _month_number(name)
    if year:
        return _month_fields(int(year), month, "month", pub, future)
    if pub is None:
        return _fields(None, "month", "month-no-year")
    if prep == "last":
        y = pub.year if month < pub.month else pub.year - 1
    elif prep == "next":
        y, future = (pub.year if month > pub.month else pub.year + 1), True
    else:
        y = _month_year(month, pub, future)
    return _month_fields(y, month, "month-no-year", pub, future)


def _on_keyword(m: re.Match[str], pub: Date | None, future: bool) -> dict[str, object] | None:
    kw = " ".join(m.group("kw").lower().split())
    kind, off = _KEYWORDS[kw]
    if pub is None:
        return _fields(None, "day", "relative-day-offset")
    future = future or kw in _FUTURE_KEYWORDS
    if kind == "overnight":
        return _fields(pub, "day", "overnight")
    if kind == "day":
        return _fields(pub + dt.timedelta(days=off), "day", "relative-day-offset")
    monday = pub - dt.timedelta(days=pub.weekday())
    if kind in ("week", "week-so-far"):
        a = monday + dt.timedelta(days=7 * off)
        b = max(a, pub - dt.timedelta(days=1)) if kind == "week-so-far" else a + dt.timedelta(days=6)
        return _span(a, b, "relative-week", pub, future)
    if kind == "weekend":
        sat = monday + dt.timedelta(days=5 + 7 * off)
        if sat > pub and off == 0 and not future:
            sat -= dt.timedelta(days=7)
        return _span(sat, sat + dt.timedelta(days=1), "relative-weekend", pub, future)
    if kind == "month-so-far":
        return _span(pub.replace(day=1), max(pub.replace(day=1), pub - dt.timedelta(days=1)),
                     "relative-month", pub, future)
    if kind == "month":
        idx = pub.year * 12 + pub.month - 1 + off
        return _month_fields(idx // 12, idx % 12 + 1, "relative-month", pub, future)
    y = pub.year + off
    if kind == "year-so-far":
        return _span(Date(y, 1, 1), max(Date(y, 1, 1), pub - dt.timedelta(days=1)), "relative-year", pub, future)
    return _span(Date(y, 1, 1), Date(y, 12, 31), "relative-year", pub, future)


_ROLLING_DEFAULT = {"hour": 1, "day": 7, "week": 30, "month": 90, "year": 730}  # days, when no count
_UNIT_DAYS = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}


def _count(raw: str | None) -> int | None:
    if not raw:
        return None
    text = " ".join(raw.lower().split())
    return 1 if text in ("a", "an") else parse_number(text)


def _on_rolling(m: re.Match[str], pub: Date | None, future: bool) -> dict[str, object] | None:
    unit = m.group("unit").lower().rstrip("s")
    which = m.group("which").lower()
    n = _count(m.group("n"))
    plural = m.group("unit").lower().endswith("s")
    if not plural and n is None and not (m.group("the") and which in ("past", "last", "coming", "next")):
        return None  # bare "last week" is a calendar keyword; "the next day" (a tie) is relative to an event
    if pub is None:
        return _fields(None, "range", "recent-span")
    if unit == "hour":
        days = max(1, -(-(n or 24) // 24))
        a, b = pub - dt.timedelta(days=days), pub
    else:
        days = n * _UNIT_DAYS[unit] if n else (_ROLLING_DEFAULT[unit] if plural else _UNIT_DAYS[unit])
        a, b = pub - dt.timedelta(days=days), pub - dt.timedelta(days=1)
    if which in ("coming", "next"):
        a, b, future = pub + dt.timedelta(days=1), pub + dt.timedelta(days=max(days, 1)), True
    return _span(a, b, "recent-span", pub, future)


def _on_ago(m: re.Match[str], pub: Date | None, future: bool) -> dict[str, object] | None:
    unit = m.group("unit").lower().rstrip("s")
    n = _count(m.group("n"))
    if pub is None:
        return _fields(None, "day", "relative-day-offset")
    if n is None:  # "a few days ago", "several weeks ago": a span two to seven units back
        return _span(pub - dt.timedelta(days=7 * _UNIT_DAYS[unit]), pub - dt.timedelta(days=2 * _UNIT_DAYS[unit]),
                     "relative-span-ago", pub, False)
    d = pub - dt.timedelta(days=n * _UNIT_DAYS[unit])
    if unit == "day":
        return _fields(d, "day", "relative-day-offset")
    if unit == "week":
        return _span(d - dt.timedelta(days=3), d + dt.timedelta(days=3), "relative-day-offset", pub, False)
    return _month_fields(d.year, d.month, "relative-day-offset", pub, False)


_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "start": (1, 3), "beginning": (1, 3),
               "middle": (5, 8), "end": (10, 12)}  # months


def _on_year(m: re.Match[str], pub: Date | None, future: bool) -> dict[str, object] | None:
    y = int(m.group("y"))
    lo, hi = _YEAR_PARTS.get(_part_key(m.group("prep") or "").rstrip("-"), (1, 12))
    return _span(Date(y, lo, 1), Date(y, hi, _last_day(y, hi)), "year", pub, future)


def _relative_event(m: re.Match[str]) -> TimeExpression | None:
    offset: int | None
    if m.group("dir2") or m.group("which") or m.group("that"):
        which = (m.group("which") or "").lower()
        if m.group("that") or which == "same":
            offset, direction, unit = 0, "after" if (m.group("that") or "").lower() == "later" else "before", "day"
        else:
            unit = "week" if (m.group("unit2") or "").lower() == "week" else \
                "month" if (m.group("unit2") or "").lower() == "month" else "day"
            offset = 1
            direction = "before" if which in ("previous", "preceding") or (m.group("dir2") or "").lower() == "before" \
                else "after"
    else:
        unit = m.group("unit").lower().rstrip("s")
        n = _count(m.group("n"))
        if n is None and not m.group("unit").lower().endswith("s"):
            return None  # "day before" without a count is not a relative date
        if n is None:  # "hours later" stays on the anchor's day; "days later" is left to resolve_relative
            offset = 0 if unit == "hour" else None
        else:
            offset = n // 24 if unit == "hour" else n * _UNIT_DAYS[unit]
        direction = "before" if m.group("dir").lower().startswith(("earlier", "before", "prior")) else "after"
    return TimeExpression(m.start(), m.end(), m.group(0), None, "unknown", rule="relative-to-event",
                          relative_to_event=True, offset_days=offset, direction=direction, unit=unit)


_Handler = Callable[[re.Match[str], Date | None, bool], dict[str, object] | None]
_MATCHERS: tuple[tuple[re.Pattern[str], _Handler | None], ...] = (
    (_WEEKDAY_RE, _on_weekday), (_NUMERIC_RE, _on_numeric),
    (_EXPLICIT_RE, lambda m, pub, future: _explicit_fields(m, "", pub, future)),
    (_PART_RE, _on_part), (_PART_REL_RE, _on_part_rel), (_KW_RE, _on_keyword),
    # Ties between equally long matches go to the earlier matcher: "the next day" is relative
    # to an event, not a rolling span.
    (_REL_EVENT_RE, None), (_ROLLING_RE, _on_rolling), (_AGO_RE, _on_ago), (_MONTH_RE, _on_month),
    (_YEAR_RE, _on_year))


def _core(words: list[str]) -> re.Pattern[str]:
    """A case-sensitive alternation of plain words: CPython scans it ~5x faster than an
    IGNORECASE pattern that opens with optional groups, so cores are found first and the full
    patterns are tried only at the few word starts just before a core."""
    variants = {v for w in words for v in (w, w[0].upper() + w[1:], w.upper())}
    return re.compile("(?:" + _alt(sorted(variants)) + r")(?![a-z])")


# (core, indexes into _MATCHERS tried around each core hit)
_FAMILIES: tuple[tuple[re.Pattern[str], tuple[int, ...]], ...] = (
    (_core(list(WEEKDAYS)), (0,)),
    (re.compile(r"[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4}"), (1,)),
    (re.compile("(?:" + _alt(_MONTH_NAMES + _MONTH_ABBRS) + r")(?![a-z])"), (2, 3, 9)),
    (_core("today tonight morning afternoon evening yesterday night tomorrow overnight week weekend month "
           "year".split()), (4, 5)),
    (_core("later after afterwards earlier before prior next following previous preceding same".split()), (6,)),
    (_core("past last previous recent preceding coming next".split()), (7,)),
    (re.compile(r"ago\b"), (8,)),
    (re.compile(r"(?:19|20)[0-9]{2}(?![0-9])"), (10,)))
_WORD_START_RE = re.compile(r"\b\w")
_LOOKBACK = 48  # chars before a core where its expression may start ("in the late hours of")


_FIXED_RULES = frozenset(("explicit-date", "numeric-date", "month", "year"))


# "18th March Division", "the 14 March Alliance", "26 September Street": a date inside a name.
_NAMED_AFTER_DATE_RE = re.compile(
    r"\s+(?:Division|Brigade|Battalion|Regiment|Movement|Alliance|Coalition|Front|Revolution|Street|Square|"
    r"Bridge|Hospital|University|Stadium|District|Neighbo(?:u)?rhood|Camp|Group|Army|Forces|Martyrs)\b")


def _build(m: re.Match[str], handler: _Handler, sentence: str, published: Date | None) -> TimeExpression | None:
    if _NAMED_AFTER_DATE_RE.match(sentence, m.end()) and not m.groupdict().get("year"):
        return None
    groups = m.groupdict()
    prep = " ".join((groups.get("prep") or "").lower().split())
    start = m.start()
    if prep and m.group(0).endswith(("'s", "’s")):
        prep = ""  # "in response to Wednesday's attack": a possessive dates a noun, not a period
        start = m.end("prep")
        while sentence[start].isspace():
            start += 1
    if prep in _UNSPANNED_PREPS:  # "October and February": the span starts at the month
        start = m.end("prep")
        while sentence[start].isspace():
            start += 1
    pre = (groups.get("pre") or "").lower()
    future = pre.startswith(("next", "coming", "this coming")) or _future_context(sentence, start, m.end())
    fields = handler(m, published, future)
    if fields is None:
        return None
    d = fields["date"]
    if fields["rule"] in _FIXED_RULES:  # a stated year decides, whatever the tense around it
        future = bool(isinstance(d, Date) and published and fields["range_start"] > published)  # type: ignore[operator]
    future = future or bool(isinstance(d, Date) and published and d > published)
    return TimeExpression(start=start, end=m.end(), text=sentence[start:m.end()], future=future,
                          role=ROLES.get(prep, "point"), **fields)  # type: ignore[arg-type]


def find_time_expressions(sentence: str, published: dt.date | None) -> list[TimeExpression]:
    """Every time expression in the sentence, in reading order, resolved against `published`."""
    candidates: list[tuple[int, int, TimeExpression]] = []
    for core, members in _FAMILIES:
        for hit in core.finditer(sentence):
            c = hit.start()
            starts = [w.start() for w in _WORD_START_RE.finditer(sentence, max(0, c - _LOOKBACK), c + 1)][-7:]
            for order in members:
                pattern, handler = _MATCHERS[order]
                for p in starts:  # earliest start first: optional prefixes make it the longest match
                    m = pattern.match(sentence, p)
                    if m is None or m.end() <= c:
                        continue
                    expr = _relative_event(m) if handler is None else _build(m, handler, sentence, published)
                    if expr is not None:
                        candidates.append((m.start() - m.end(), order, expr))
                    break
    candidates.sort(key=lambda c: (c[0], c[1], c[2].start))  # longest first, then matcher order
    taken: list[tuple[int, int, TimeExpression]] = []
    for cand in candidates:
        e = cand[2]
        if all(e.end <= t[2].start or e.start >= t[2].end for t in taken):
            taken.append(cand)
    taken.sort(key=lambda c: c[2].start)
    out: list[TimeExpression] = []
    for _length, _order, expr in taken:
        if out and out[-1].role == "period-start" and out[-1].text.lower().startswith(("between", "from")) \
                and sentence[out[-1].end:expr.start].strip().lower() in ("and", "to", "-", "–", "until", "till"):
            expr = replace(expr, role="period-end")  # "between mid-October and February", "2017 and 2019"
        out.append(expr)
    return out


# How far "days later" and friends reach when the text gives no count: (offset, precision).
_VAGUE_OFFSETS = {"hour": (0, None), "day": (4, "range"), "week": (21, "range"), "month": (60, "month")}


def resolve_relative(expr: TimeExpression, anchor: dt.date, anchor_precision: str, *,
                     inverse: bool = False) -> tuple[dt.date, str]:
    """Date and precision of an event told relative to another event dated `anchor`.

    "A day later" is anchor + 1 and "two days earlier" anchor - 2. `offset_days` is a magnitude
    and `direction` gives the sign; a negative `offset_days` is taken as already signed by the
    caller. `inverse=True` is for "the attacks came a day after explosions", where the event being
    dated is the anchor's reference (explosions = attacks - 1). Without a count ("days later") the
    offset is a convention: hours 0, days 4 (range), weeks 21 (range), months 60 (month).
    """
    if not expr.relative_to_event:
        raise ValueError(f"{expr.text!r} is not relative to another event")
    unit = expr.unit or "day"
    precision = anchor_precision
    if expr.offset_days is None:
        offset, vague_precision = _VAGUE_OFFSETS.get(unit, (4, "range"))
        if vague_precision and anchor_precision in ("day", "range"):
            precision = vague_precision
    else:
        offset = expr.offset_days
        if unit in ("week", "month") and anchor_precision == "day":
            precision = "range"
    signed = offset if offset < 0 else -offset if expr.direction == "before" else offset
    return anchor + dt.timedelta(days=-signed if inverse else signed), precision


def period_start(text: str, published: dt.date | None) -> tuple[dt.date, str] | None:
    """Start of the period a tally covers ("since mid-October" → (2023-10-15, "range"))."""
    for expr in find_time_expressions(text, published):
        if expr.role == "period-start" and expr.date is not None:
            return expr.date, expr.precision
    return None


__all__ = ["TimeExpression", "find_time_expressions", "resolve_relative", "period_start",
           "MONTHS", "WEEKDAYS"]
