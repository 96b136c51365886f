"""What the knowledge base says about an actor: aliases, kind, country and affiliations."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ActorInfo:
    name: str
    type: str | None
    country: str | None
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    source: str | None = None
    template: str | None = None  # "Unidentified Armed Group ({country})" for a filled-in name


class ActorDirectory:
    """Looks actors up by canonical name, including names filled in from a template entry."""

    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self.by_name: dict[str, dict[str, Any]] = {}
        self.templates: list[tuple[re.Pattern[str], dict[str, Any]]] = []
        for entry in entries:
            name = entry.get("name")
            if not isinstance(name, str):
                continue
            if "{country}" in name:
                pattern = re.escape(name).replace(re.escape("{country}"), "(?P<country>.+)")
                self.templates.append((re.compile(f"^{pattern}$"), entry))
            else:
                self.by_name[name] = entry

    @classmethod
    def from_knowledge_base(cls, kb_paths: list[str] | None = None) -> ActorDirectory:
        from dateline.extract.kb import load_knowledge_base

        return cls(load_knowledge_base(list(kb_paths or [])).entries("actor"))

    def find(self, name: str) -> ActorInfo | None:
        """Returns what the knowledge base holds about a canonical name, or None."""
        entry = self.by_name.get(name)
        country = None
        template = None
        if entry is None:
            for pattern, candidate in self.templates:
                match = pattern.match(name)
                if match:
                    entry, country, template = candidate, match.group("country"), candidate["name"]
                    break
        if entry is None:
            return None
        return ActorInfo(name=name, type=entry.get("type"), country=country or entry.get("country"),
                         aliases=list(entry.get("aliases") or []), acronyms=list(entry.get("acronyms") or []),
                         parents=list(entry.get("parent") or []), source=entry.get("source"),
                         template=template)

    def members(self, name: str) -> list[str]:
        """Returns the actors the knowledge base says are part of `name`."""
        return sorted(n for n, e in self.by_name.items() if name in (e.get("parent") or []))
