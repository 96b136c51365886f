"""A record's fields as a reader sees them: plain labels ("Killed", not `fatalities`), a short
explanation of the coding jargon (shown on hover), and the fields grouped by the source sentence
they were read from, so each quote appears once with all its words marked. The event page and
the review page both show them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from dateline.model import Record
from dateline.serve.highlight import find_all, highlight_quote

LABELS = {
    "event_date": "Date", "date_precision": "Date precision", "event_type": "Type",
    "sub_event_type": "Sub-type", "actor1": "Actor", "actor2": "Target", "claimed_by": "Claimed by",
    "denied_by": "Denied by", "weapons": "Weapons", "country": "Country", "admin1": "Province",
    "location": "Place", "latitude": "Latitude", "longitude": "Longitude",
    "geo_precision": "Place precision", "fatalities": "Killed", "injured": "Injured", "notes": "Summary",
    "metric": "What is counted", "value": "Figure", "qualifier": "Qualifier", "period_start": "Since",
    "period_start_precision": "Since (precision)", "as_of": "As of", "attributed_to": "According to",
    "scope": "Countries covered", "speaker": "Speaker", "stance": "Stance", "quote": "Quote",
    "date": "Date", "review": "Review",
}
# Explanations of the words an analyst new to ACLED's coding may not know (shown on hover).
HELP = {
    "date_precision": "How exactly the date is known (ACLED time precision): day = the day itself;"
                      " range = somewhere in a stated span of days; month = only the month;"
                      " unknown = the text gives no time, so the article's publication date is used.",
    "geo_precision": "How exactly the place is known (ACLED geo precision): 1 = the named place itself;"
                     " 2 = a nearby place or the area it is part of; 3 = only the province or country.",
    "event_type": "ACLED's event type: Battles, Explosions/Remote violence, Violence against civilians,"
                  " Strategic developments, Protests or Riots.",
    "sub_event_type": "ACLED's finer type within the event type, e.g. Air/drone strike, Armed clash,"
                      " Disrupted weapons use (an interception or a shoot-down).",
    "actor1": "Who did it, under its canonical name (aliases and acronyms are folded into it).",
    "actor2": "Who or what was targeted, under its canonical name.",
    "fatalities": "People reported killed. When sources give different figures, the rule that chose"
                  " this one is under “Figures by source”.",
    "injured": "People reported wounded (same rule as for the killed).",
    "latitude": "Coordinates of the place, from the bundled gazetteer.",
    "longitude": "Coordinates of the place, from the bundled gazetteer.",
    "admin1": "The first-level division: province or governorate.",
    "qualifier": "How the source states the figure: exact, about, at least, more than, over, up to.",
}
HIDDEN = ("kind", "sources")


def label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


@dataclass
class FieldView:
    name: str
    label: str
    value: str
    help: str
    span: str | None
    rule: str


@dataclass
class SentenceGroup:
    """Fields read from one source sentence (quote None: worked out rather than read)."""

    quote: Markup | None
    article: str | None
    fields: list[FieldView] = field(default_factory=list)


def show_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def field_views(record: Record) -> list[FieldView]:
    """Returns each exported field with its label, explanation, words and rule, in export order."""
    out = []
    for name, value in record.as_export().items():
        if name in HIDDEN:
            continue
        evidence = record.evidence.get(name)
        span = evidence.span if evidence and isinstance(evidence.span, str) and evidence.span else None
        out.append(FieldView(name, label(name), show_value(value), HELP.get(name, ""), span,
                             evidence.rule if evidence else ""))
    return out


def by_sentence(record: Record) -> list[SentenceGroup]:
    """Returns the fields grouped by the source sentence holding their words (each sentence once,
    every field's words marked in it), then the fields no sentence holds, in one last group."""
    groups: dict[int, SentenceGroup] = {}
    rest = SentenceGroup(quote=None, article=None)
    sources = record.sources
    for view in field_views(record):
        index = next((i for i, s in enumerate(sources) if view.span and find_all(s.quote, view.span)), None)
        if index is None:
            rest.fields.append(view)
            continue
        groups.setdefault(index, SentenceGroup(quote=None, article=sources[index].article)).fields.append(view)
    out = []
    for index in sorted(groups):
        group = groups[index]
        spans = {f.label: f.span for f in group.fields if f.span}
        group.quote = highlight_quote(sources[index].quote, spans)
        out.append(group)
    if rest.fields:
        out.append(rest)
    return out
