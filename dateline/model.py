"""Shared record types that flow through the pipeline: ingest → extract → resolve → store → serve.

Every stage takes and returns these types; none of them knows about the database or the CLI.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


class InputError(Exception):
    """A source that cannot be ingested; `origin` names it (path, URL, `file.jsonl:12`)."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


@dataclass
class RawDocument:
    """One article as it came in, before cleaning: exactly one of `text` or `html` is set."""

    origin: str
    id: str | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    author: str | None = None


@dataclass
class Article:
    """A cleaned, dated article ready for extraction."""

    id: str
    text: str
    content_hash: str
    origin: str = ""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: date | None = None
    # given | html-metadata | text | url | weekday-inference | none
    published_method: str = "none"
    dateline_place: str | None = None
    removed_lines: int = 0
    minhash: bytes | None = None

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Evidence:
    """Why a field has its value: the words that gave it and the rule or knowledge-base entry used."""

    value: Any
    span: str | None = None
    rule: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "span": self.span, "rule": self.rule}


@dataclass
class Source:
    article: str
    quote: str


@dataclass
class EventRecord:
    """An event in the EVENTS.md format, with per-field provenance."""

    event_date: str | None
    date_precision: str
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    fatalities: int | None
    injured: int | None
    claimed_by: list[str] = field(default_factory=list)
    denied_by: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notes: str = ""
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def as_export(self) -> dict[str, Any]:
        """The record exactly as EVENTS.md specifies it (no provenance)."""
        return {
            "kind": "event",
            "event_date": self.event_date,
            "date_precision": self.date_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "claimed_by": list(self.claimed_by),
            "denied_by": list(self.denied_by),
            "weapons": list(self.weapons),
            "country": self.country,
            "admin1": self.admin1,
            "location": self.location,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "geo_precision": self.geo_precision,
            "fatalities": self.fatalities,
            "injured": self.injured,
            "sources": [{"article": s.article, "quote": s.quote} for s in self.sources],
            "notes": self.notes,
        }


@dataclass
class TallyRecord:
    metric: str
    value: float
    qualifier: str
    period_start: str | None
    period_start_precision: str | None
    as_of: str | None
    attributed_to: str | None
    scope: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def as_export(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "kind": "tally",
            "metric": self.metric,
            "value": value,
            "qualifier": self.qualifier,
            "period_start": self.period_start,
            "period_start_precision": self.period_start_precision,
            "as_of": self.as_of,
            "attributed_to": self.attributed_to,
            "scope": list(self.scope),
            "sources": [{"article": s.article, "quote": s.quote} for s in self.sources],
        }


@dataclass
class StatementRecord:
    speaker: str
    target: str | None
    stance: str
    date: str | None
    date_precision: str
    quote: str
    sources: list[Source] = field(default_factory=list)
    notes: str = ""
    evidence: dict[str, Evidence] = field(default_factory=dict)

    def as_export(self) -> dict[str, Any]:
        return {
            "kind": "statement",
            "speaker": self.speaker,
            "target": self.target,
            "stance": self.stance,
            "date": self.date,
            "date_precision": self.date_precision,
            "quote": self.quote,
            "sources": [{"article": s.article, "quote": s.quote} for s in self.sources],
            "notes": self.notes,
        }


Record = EventRecord | TallyRecord | StatementRecord


def record_to_dict(record: Record) -> dict[str, Any]:
    """The export form of a record plus its provenance under `evidence`."""
    data = record.as_export()
    data["evidence"] = {name: ev.as_dict() for name, ev in record.evidence.items()}
    return data


def record_from_dict(data: dict[str, Any]) -> Record:
    """Rebuilds a record from `record_to_dict` output (or a plain EVENTS.md line)."""
    data = dict(data)
    kind = data.pop("kind", "event")
    evidence = {name: Evidence(**ev) for name, ev in (data.pop("evidence", None) or {}).items()}
    sources = [Source(article=s["article"], quote=s["quote"]) for s in data.pop("sources", [])]
    known: type[EventRecord] | type[TallyRecord] | type[StatementRecord]
    known = {"event": EventRecord, "tally": TallyRecord, "statement": StatementRecord}[kind]
    names = set(known.__dataclass_fields__)
    kwargs = {k: v for k, v in data.items() if k in names}
    return known(**kwargs, sources=sources, evidence=evidence)  # type: ignore[arg-type]


def record_kind(record: Record) -> str:
    if isinstance(record, EventRecord):
        return "event"
    if isinstance(record, TallyRecord):
        return "tally"
    return "statement"
