"""The trained screen: decisions on real labelled comments it was not fitted to, calibration,
comments in other scripts, the explanation, and the `comments calibrate` command."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.moderation.calibration import (CalibrationError, Thresholds, choose,
                                             load_thresholds, save_thresholds)
from dateline.moderation.labelled import (MEASURE_SOURCES, TRAIN_SOURCES, Labelled, figures,
                                          read_labelled, split_of)
from dateline.moderation.screen_model import ModelUnavailable, ScreenModel
from dateline.moderation.screening import (LANGUAGE_NOT_SCREENED, REASONS, Screener, Screening,
                                           default_screener)


@pytest.fixture(scope="module")
def screener() -> Screener:
    return default_screener()


def sample(path: Path, keep: str, every: int) -> list[Labelled]:
    """Every `every`-th comment of the test split of the training sources ("test") or of the
    measure-only sources ("measure"): comments the weights and thresholds were not fitted to."""
    with path.open(encoding="utf-8") as handle:
        rows = read_labelled(handle)
    if keep == "test":
        chosen = [r for r in rows if r.source in TRAIN_SOURCES and split_of(r.id) == "test"]
    else:
        chosen = [r for r in rows if r.source in MEASURE_SOURCES]
    return chosen[::every]


def screened_figures(screener: Screener, rows: list[Labelled]) -> tuple[float, float]:
    results = [screener.screen(row.text) for row in rows]
    measured = figures(rows, [r.decision for r in results], [{x.reason for x in r.reasons}
                                                             for r in results])
    return measured.recall, measured.fpr


def test_held_out_split_of_the_training_sources(screener: Screener, comments_data: Path) -> None:
    # Floors a little under the model card's figures (SCREEN_MODEL.md), on a fifth of them.
    recall, fpr = screened_figures(screener, sample(comments_data, "test", 5))
    assert recall >= 0.74 and fpr <= 0.09, (recall, fpr)


def test_measure_only_sources(screener: Screener, comments_data: Path) -> None:
    recall, fpr = screened_figures(screener, sample(comments_data, "measure", 8))
    assert recall >= 0.62 and fpr <= 0.10, (recall, fpr)


def test_calibration_keeps_the_false_positive_target(screener: Screener,
                                                     comments_data: Path) -> None:
    with comments_data.open(encoding="utf-8") as handle:
        rows = [r for r in read_labelled(handle)
                if r.source in TRAIN_SOURCES and split_of(r.id) == "validation"][::2]
    results = [screener.screen(row.text) for row in rows]
    chosen = choose([r.probability or 0.0 for r in results], [row.violating for row in rows],
                    {name: [r.scores[name] for r in results] for name in REASONS},
                    [set(row.reasons) for row in rows], max_clean_fpr=0.05, flag_clean_fpr=0.01)
    clean = [r.probability for row, r in zip(rows, results) if not row.violating]
    assert sum(p >= chosen.review for p in clean) <= 0.05 * len(clean)
    assert sum(p >= chosen.flag for p in clean) <= 0.01 * len(clean)
    assert 0 < chosen.review <= chosen.flag <= 1


def test_decisions_follow_the_thresholds(screener: Screener) -> None:
    insult = screener.screen("You are a pathetic moron and an idiot, shut up.")
    thanks = screener.screen("Thank you for the clear timeline of the strikes.")
    assert insult.decision == "flag" and insult.flagged and insult.suspect
    assert thanks.decision == "clear" and not thanks.reasons
    assert insult.risk > thanks.risk
    thresholds = screener.thresholds
    assert insult.probability is not None and insult.probability >= thresholds.flag
    assert thanks.probability is not None and thanks.probability < thresholds.review


@pytest.mark.parametrize("text", [
    "ئەم هەواڵە زۆر گرنگە بۆ خەڵکی ناوچەکە",  # Sorani Kurdish
    "این خبر برای مردم منطقه بسیار مهم است",  # Persian
    "هذا الخبر مهم جدا لأهل المنطقة",  # Arabic
    "Привет, как дела? Это новости.",  # Russian
])
def test_another_language_goes_to_review(screener: Screener, text: str) -> None:
    result = screener.screen(text)
    assert result.decision == "review" and result.note == LANGUAGE_NOT_SCREENED
    assert result.as_dict()["note"] == LANGUAGE_NOT_SCREENED and not result.reasons


def test_a_listed_arabic_insult_is_screened_not_merely_unread(screener: Screener) -> None:
    result = screener.screen("انت حمار و كلب")
    assert result.suspect and result.note == ""
    assert result.reasons


def test_explanation_names_reason_probability_and_words(screener: Screener) -> None:
    text = "Honestly, f u c k this and you are a m0r0n."
    result = screener.screen(text)
    named = {reason.reason: reason for reason in result.reasons}
    assert {"profanity", "personal_attack"} <= set(named)
    assert "f u c k" in named["profanity"].words
    assert any("m0r0n" in word for word in named["personal_attack"].words)
    for reason in result.reasons:
        assert 0 < reason.score <= 1 and reason.rules
        for start, end in reason.spans:
            assert text[start:end] in reason.words


def test_stored_screening_round_trips_with_the_decision(screener: Screener) -> None:
    result = screener.screen("buy cheap followers now, call 0800 123 4567")
    restored = Screening.from_json(result.to_json())
    assert restored.decision == result.decision and restored.note == result.note
    assert [(r.reason, r.spans) for r in restored.reasons] == \
        [(r.reason, r.spans) for r in result.reasons]


def test_spam_in_the_held_out_split_is_caught(screener: Screener, comments_data: Path) -> None:
    # The promotion detector joins the overall decision (SMS spam, not fitted: test split).
    with comments_data.open(encoding="utf-8") as handle:
        spam = [r for r in read_labelled(handle) if r.source in TRAIN_SOURCES
                and split_of(r.id) == "test" and "promotion" in r.reasons]
    results = [screener.screen(row.text) for row in spam]
    caught = sum(r.suspect for r in results) / len(results)
    named = sum(any(x.reason == "promotion" for x in r.reasons) for r in results) / len(results)
    assert len(spam) > 50 and caught >= 0.85 and named >= 0.8, (len(spam), caught, named)


def test_a_clear_comment_gets_no_hint_from_the_reason_heads_alone(screener: Screener) -> None:
    # The reason heads say which reason given that a comment violates; on a clean comment
    # their probability alone used to mark "careful" as a trigger of abuse.
    for text in ('"><svg onload=alert(1)> a careful report on the attack',
                 "Thank you for the clear timeline of the strikes."):
        result = screener.screen(text)
        assert result.decision == "clear" and not result.reasons
        assert [hint for hint in result.hints if hint.rules == ("model",)] == [], result.hints
    rude = screener.screen("You are a pathetic moron and an idiot, shut up.")
    assert "personal_attack" in {reason.reason for reason in rude.reasons}


def test_overall_probability_is_the_larger_detector() -> None:
    from dateline.moderation.features import BUCKETS, DENSE, Features
    from dateline.moderation.screen_model import DETECTORS, HEADS
    hashed = np.zeros((BUCKETS, len(HEADS)), dtype=np.float32)
    hashed[5, HEADS.index("promotion_vs_all")] = 4.0
    hashed[5, HEADS.index("violating")] = -1.0
    model = ScreenModel(hashed, np.zeros((len(DENSE), len(HEADS))), np.zeros(len(HEADS)))
    scores = model.scores(Features([5], [0], 1.0, [0.0] * len(DENSE)), 1)
    assert set(DETECTORS) <= set(HEADS)
    assert scores.probabilities["violating"] == pytest.approx(1 / (1 + np.exp(-4.0)))
    assert scores.probabilities["promotion_vs_all"] == scores.probabilities["violating"]


def test_weights_of_other_features_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "weights.npz"
    np.savez(path, hashed=np.zeros((4, 7), dtype=np.int8), hashed_scale=np.ones(7),
             dense=np.zeros((3, 7)), bias=np.zeros(7), heads=np.array(["violating"]),
             dense_names=np.array(["x"]), trained=np.array(""))
    with pytest.raises(ModelUnavailable, match="other heads or features"):
        ScreenModel.load(path)
    with pytest.raises(ModelUnavailable, match="cannot read"):
        ScreenModel.load(tmp_path / "missing.npz")


def test_thresholds_round_trip_and_bad_files_are_named(tmp_path: Path) -> None:
    shipped = load_thresholds()
    path = tmp_path / "t.toml"
    save_thresholds(shipped, path)
    again = load_thresholds(path)
    assert again.review == pytest.approx(shipped.review, abs=1e-4)
    assert again.reasons.keys() == shipped.reasons.keys()
    path.write_text("[decision]\nreview = 0.9\nflag = 0.2\n", encoding="utf-8")
    with pytest.raises(CalibrationError, match=str(path)):
        load_thresholds(path)
    assert Thresholds(review=0.3, flag=0.7).decision(0.5) == "review"


def test_calibrate_command_writes_thresholds(tmp_path: Path) -> None:
    labelled = Path(__file__).parent / "data" / "comments" / "labelled.jsonl"
    output = tmp_path / "thresholds.toml"
    result = CliRunner().invoke(main, ["comments", "calibrate", str(labelled), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "review from" in result.stdout and "violating recall" in result.stdout
    chosen = load_thresholds(output)
    assert 0 < chosen.review <= chosen.flag <= 1


def test_calibrate_names_a_bad_line(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(json.dumps({"text": "fine", "violating": False}) + "\n{\"id\": 2}\n",
                      encoding="utf-8")
    output = tmp_path / "thresholds.toml"
    result = CliRunner().invoke(main, ["comments", "calibrate", str(source), "-o", str(output)])
    assert result.exit_code == 1
    assert "line 2" in result.stderr and "bad.jsonl" in result.stderr
    assert not output.exists()


def test_exported_offensive_model_is_the_wheels() -> None:
    from dateline.moderation.classifier import OffensiveLanguageModel
    wheel = OffensiveLanguageModel.from_package()
    exported = OffensiveLanguageModel.load()
    assert exported.vocabulary == wheel.vocabulary
    for text in ("you are a stupid idiot", "thanks for the article", "what the hell is this crap"):
        assert exported.score(text).probability == pytest.approx(wheel.score(text).probability,
                                                                 abs=1e-12)
