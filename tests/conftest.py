"""Shared fixtures: where ../shared is, and a skip with the reason when it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "dev"


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    if not (DEV / "corpus.jsonl").is_file():
        pytest.skip(f"the dev set is not here ({DEV}): clone the project with ../shared beside it")
    return DEV


@pytest.fixture(scope="session")
def score_tool() -> Path:
    tool = SHARED / "tools" / "score.py"
    if not tool.is_file():
        pytest.skip(f"score.py is not here ({tool}): clone the project with ../shared beside it")
    return tool
