"""Writes the ledger out in the formats other tools read (EVENTS.md JSONL first)."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from dateline.model import Record


def write_jsonl(records: Iterable[Record], handle: TextIO) -> int:
    """Writes one EVENTS.md record a line; returns how many were written."""
    count = 0
    for record in records:
        handle.write(json.dumps(record.as_export(), ensure_ascii=False) + "\n")
        count += 1
    return count
