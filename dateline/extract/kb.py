"""The knowledge base is data: TOML files shipped in `dateline/data/kb/` plus the user's own.

Every KB file is TOML holding arrays of tables, one array per kind of entry:
`[[actor]]`, `[[facility]]`, `[[weapon]]`, `[[trigger]]`, ... A user follows another conflict by
writing a file of the same shape and passing it with `--kb PATH` (a file or a folder of `.toml`
files) or the `DATELINE_KB` environment variable; user entries are read after the shipped ones,
so an entry with the same `name` replaces the shipped one.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any


class KnowledgeBaseError(Exception):
    """A knowledge-base file that cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class KnowledgeBase:
    """All KB entries by kind, shipped first, then the user's files in the order given."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    def entries(self, kind: str) -> list[dict[str, Any]]:
        """Returns the entries of one kind; a later entry with the same `name` replaces an earlier."""
        by_name: dict[str, dict[str, Any]] = {}
        unnamed: list[dict[str, Any]] = []
        for entry in self.tables.get(kind, []):
            name = entry.get("name")
            if isinstance(name, str):
                by_name.pop(name, None)
                by_name[name] = entry
            else:
                unnamed.append(entry)
        return list(by_name.values()) + unnamed


def shipped_kb_files() -> list[Path]:
    folder = resources.files("dateline") / "data" / "kb"
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".toml"))


def user_kb_files(paths: list[str | Path]) -> list[Path]:
    """Expands user paths (files or folders) into TOML files, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(path.rglob("*.toml")))
        elif path.is_file():
            found.append(path)
        else:
            raise KnowledgeBaseError(f"{path}: knowledge-base path does not exist")
    return found


def load_knowledge_base(extra: list[str | Path] | None = None) -> KnowledgeBase:
    """Reads the shipped KB and the user's files (`extra`, then `DATELINE_KB`)."""
    paths: list[str | Path] = list(extra or [])
    env = os.environ.get("DATELINE_KB")
    if env:
        paths.extend(p for p in env.split(os.pathsep) if p)
    files = shipped_kb_files() + user_kb_files(paths)
    tables: dict[str, list[dict[str, Any]]] = {}
    for path in files:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise KnowledgeBaseError(f"{path}: not a readable TOML knowledge-base file ({error})") from error
        for kind, value in data.items():
            if kind == "meta":
                continue
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                raise KnowledgeBaseError(f"{path}: '{kind}' must be an array of tables ([[{kind}]])")
            for entry in value:
                tables.setdefault(kind, []).append({**entry, "_file": path.name})
    return KnowledgeBase(tables=tables, files=tuple(str(p) for p in files))
