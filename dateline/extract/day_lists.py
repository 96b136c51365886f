"""Lists of days in one time expression: "on October 18, 19 and 21" tells three days, so a
clause dated by it tells one event a day (the other days are returned here; the expression's own
day is the one `dates.find_time_expressions` resolved)."""
from __future__ import annotations

import datetime as dt
import re

from dateline.extract.dates import _DAY, _MON_ANY, TimeExpression

_ORD = r"(?:st|nd|rd|th)?"
# "October 18, 19 and 21": more days of the month after a month-day ...
_DAYS_AFTER_RE = re.compile(rf"(?P<days>(?:\s*,\s*(?:{_DAY}){_ORD}(?!\d))*\s*,?\s+(?:and|&)\s+(?:{_DAY}){_ORD}(?!\d))"
                            r"(?=\s*(?:[,.;)]|$)|\s+(?:in|at|near|on|against|when|while|as|and|20\d\d)\b)")
# ... or before a day-month: "18, 19 and 21 October", "on 18 and 21 October".
_DAYS_BEFORE_RE = re.compile(rf"(?<![\d,.])(?P<days>(?:{_DAY}){_ORD}(?:\s*,\s*(?:{_DAY}){_ORD})*\s*,?\s+(?:and|&)\s+)\Z")


def listed_days(sentence: str, expr: TimeExpression) -> list[dt.date]:
    """The other days of a list the expression closes or opens: "on October 18, 19 and 21" → the
    19th and the 21st of the expression's month (its own day is not repeated)."""
    if expr.date is None or expr.precision != "day" or not expr.rule.startswith(("explicit-date", "weekday+")):
        return []
    text = expr.text.rstrip()
    digit = re.search(r"\d", text)
    month = re.search(rf"{_MON_ANY}", text)
    if digit is None or month is None:
        return []
    if month.start() < digit.start():  # month-day: the list follows ("October 18, 19 and 21")
        if not re.search(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?\s*\Z", text):
            return []
        m = _DAYS_AFTER_RE.match(sentence, expr.start + len(text))
    else:  # day-month: the list comes first ("18, 19 and 21 October")
        m = _DAYS_BEFORE_RE.search(sentence, 0, expr.start)
    if m is None or re.search(r"\b(?:between|from)\s+\Z", sentence[max(0, m.start() - 12):m.start()], re.I):
        return []  # "between 2 and 4 March" is a span, not a list
    out = []
    for raw in re.findall(rf"(?:{_DAY})(?={_ORD}(?!\d))", m.group("days")):
        try:
            day = expr.date.replace(day=int(raw))
        except ValueError:
            return []
        if day != expr.date and day not in out:
            out.append(day)
    return out


__all__ = ["listed_days"]
