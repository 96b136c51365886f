"""Shared fixtures: where ../shared is, and a skip with the reason when it is absent."""
from __future__ import annotations

import os
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
