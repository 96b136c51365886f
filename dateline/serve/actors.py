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

        self.by_key: dict[str, str] = {}  # lower-cased name, alias or acronym -> canonical name
        for name, entry in self.by_name.items():
            for other in [*(entry.get("aliases") or []), *(entry.get("acronyms") or [])]:
                if isinstance(other, str):
                    self.by_key.setdefault(other.casefold(), name)
        for name in self.by_name:
            self.by_key[name.casefold()] = name  # a canonical name wins over another's alias

    def canonical(self, text: str) -> str | None:
        """Returns the canonical name an analyst's name, alias or acronym stands for ("IRI",
        "pmf", "Kataib Hezbollah"), or None when the knowledge base does not know it."""
        return self.by_key.get(" ".join(text.split()).casefold())

    def resolve(self, text: str) -> str | None:
        """Returns the one canonical name `text` stands for (exactly, or as the only name its
        words start), or None when it stands for none or for several."""
        exact = self.canonical(text)
        if exact:
            return exact
        found = self.suggest(text, limit=2)
        return found[0] if len(found) == 1 else None

    def suggest(self, text: str, limit: int = 6) -> list[str]:
        """Returns canonical names whose name, alias or acronym holds the words of `text` as
        word starts ("Kataib" -> Kataib Hezbollah, Kataib Sayyid al-Shuhada, ...), exact ones first."""
        exact = self.canonical(text)
        words = re.findall(r"\w+", text.casefold())
        if not words:
            return []
        found = [exact] if exact else []
        for key, name in sorted(self.by_key.items()):
            starts = re.findall(r"\w+", key)
            if name not in found and all(any(s.startswith(w) for s in starts) for w in words):
                found.append(name)
        return found[:limit]

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
