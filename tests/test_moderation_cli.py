"""`dateline comments screen FILE.jsonl`: one JSONL line a comment with the screen's decision,
unreadable lines named."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dateline.cli import main


def test_screen_prints_id_decision_reasons_and_risk(tmp_path: Path) -> None:
    source = tmp_path / "comments.jsonl"
    source.write_text("\n".join(json.dumps(row) for row in [
        {"id": "a", "text": "The strike killed three soldiers."},
        {"id": "b", "text": "you are a m0r0n, buy cheap at www.example.com"},
    ]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["comments", "screen", str(source)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert all(set(line) == {"id", "decision", "reasons", "risk"} for line in lines)
    assert lines[0]["reasons"] == [] and lines[0]["decision"] == "clear"
    assert lines[1]["decision"] in ("flag", "review") and lines[1]["risk"] > lines[0]["risk"]
    assert lines[1]["reasons"][0]["reason"] == "personal_attack"
    attack = next(r for r in lines[1]["reasons"] if r["reason"] == "personal_attack")
    assert any("m0r0n" in word for word in attack["words"])


def test_unreadable_lines_are_named_and_fail_the_run(tmp_path: Path) -> None:
    source = tmp_path / "comments.jsonl"
    source.write_text('{"id": "a", "text": "fine"}\nnot json\n{"id": "c"}\n', encoding="utf-8")
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["comments", "screen", str(source), "-o", str(output)])
    assert result.exit_code == 1
    assert "line 2" in result.stderr and "line 3" in result.stderr
    assert len(output.read_text(encoding="utf-8").splitlines()) == 1
