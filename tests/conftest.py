"""Shared fixtures: where ../shared is, and a skip with the reason when it is absent."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "dev"
DEV_REAL = SHARED / "dev-real"
ACLED = SHARED / "data" / "acled-2018"
COMMENTS = SHARED / "data" / "comments"


@pytest.fixture(scope="session")
def dev_dir() -> Path:
    if not (DEV / "corpus.jsonl").is_file():
        pytest.skip(f"the dev set is not here ({DEV}): clone the project with ../shared beside it")
    return DEV


@pytest.fixture(scope="session")
def dev_real_dir() -> Path:
    if not (DEV_REAL / "corpus.jsonl").is_file():
        pytest.skip(f"the real dev set is not here ({DEV_REAL}): clone the project with ../shared beside it")
    return DEV_REAL


@pytest.fixture(scope="session")
def acled_notes() -> Path:
    notes = ACLED / "notes.csv"
    if not notes.is_file():
        pytest.skip(f"the ACLED notes are not here ({notes}): clone the project with ../shared beside it")
    return notes


@pytest.fixture(scope="session")
def comments_data() -> Path:
    data = COMMENTS / "train.jsonl"
    if not data.is_file():
        pytest.skip(f"the labelled comments are not here ({data}): clone the project with ../shared beside it")
    return data


@pytest.fixture(scope="session")
def score_tool() -> Path:
    tool = SHARED / "tools" / "score.py"
    if not tool.is_file():
        pytest.skip(f"score.py is not here ({tool}): clone the project with ../shared beside it")
    return tool


@pytest.fixture(scope="module")
def extractor() -> Any:
    """The extractor on the shipped knowledge base, built once per test module."""
    from dateline.extract.extractor import Extractor
    from dateline.extract.kb import load_knowledge_base

    return Extractor.from_kb(load_knowledge_base())


# In CI every prerequisite is installed by .ci/run, so a skipped test means something is missing
# there: the run fails and names it, instead of passing on fewer tests.
_SKIPPED_IN_CI: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        _SKIPPED_IN_CI.append(f"{report.nodeid}: {report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _SKIPPED_IN_CI:
        print("\nCI=true but tests were skipped (their prerequisites must be installed by .ci/run):")
        for line in _SKIPPED_IN_CI:
            print(f"  {line}")
        session.exitstatus = 1
