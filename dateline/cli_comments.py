"""`dateline comments ...`: screen reader comments, and recompute the screen's thresholds from
labelled comments. Registered on the main group by dateline/cli.py."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click


@click.group()
def comments() -> None:
    """Reader comments: screen them against the comment policy, calibrate the screen.

    \b
    Example:
      dateline comments screen comments.jsonl > screened.jsonl
      dateline comments calibrate labelled.jsonl
    """


@comments.command("screen")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
def comments_screen(file: Any, output: str | None) -> None:
    """Screen a JSONL file of comments ({"id", "text"} a line) and print one JSONL line each:
    id, decision (flag, review or clear: the screen never publishes or rejects, a moderator
    does), reasons (profanity, threat, personal_attack, vulgarity, abuse with its sub-reason,
    promotion; each with its probability and the words that drove it) and risk; "note" says
    "language not screened" for a comment in a language the screen cannot read. Lines that
    cannot be read are named on standard error, and the exit status is then 1. FILE may be -
    (stdin).

    \b
    Example:
      dateline comments screen tests/data/comments/labelled.jsonl
      dateline comments screen comments.jsonl --output screened.jsonl
    """
    from dateline.moderation.calibration import CalibrationError
    from dateline.moderation.classifier import ClassifierUnavailable
    from dateline.moderation.screen_model import ModelUnavailable
    from dateline.moderation.screening import screen_jsonl

    try:
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                count, errors = screen_jsonl(file, handle)
            click.echo(f"screened {count} comments into {output}", err=True)
        else:
            count, errors = screen_jsonl(file, sys.stdout)
    except (ClassifierUnavailable, ModelUnavailable, CalibrationError) as error:
        raise click.ClickException(str(error)) from error
    for message in errors:
        click.echo(f"rejected: {message}", err=True)
    if errors:
        sys.exit(1)


@comments.command("calibrate")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the thresholds here instead of the package's screen_thresholds.toml.")
@click.option("--max-clean-fpr", type=click.FloatRange(0.0, 0.5), default=0.04,
              show_default=True, help="Share of clean comments allowed into review or flag.")
@click.option("--flag-clean-fpr", type=click.FloatRange(0.0, 0.5), default=0.01,
              show_default=True, help="Share of clean comments allowed to be flagged.")
def comments_calibrate(file: Any, output: Path | None, max_clean_fpr: float,
                       flag_clean_fpr: float) -> None:
    """Recompute the screen's decision thresholds from a labelled JSONL file (lines with text
    and violating plus reasons, or text and labels): review from the probability that keeps
    clean comments sent to review or flagged within --max-clean-fpr, flag within
    --flag-clean-fpr, and each reason's threshold of best F1. Prints the thresholds and the
    figures they give on the file, and writes them (by default into the installed package).

    \b
    Example:
      dateline comments calibrate validation.jsonl
      dateline comments calibrate validation.jsonl --output thresholds.toml
    """
    from dateline.moderation.calibration import (CalibrationError, choose, default_path,
                                                 save_thresholds)
    from dateline.moderation.classifier import ClassifierUnavailable
    from dateline.moderation.labelled import LabelledError, figures, read_labelled
    from dateline.moderation.screen_model import ModelUnavailable
    from dateline.moderation.screening import REASONS, Screener, default_screener

    if flag_clean_fpr > max_clean_fpr:
        raise click.ClickException("--flag-clean-fpr must not be above --max-clean-fpr")
    try:
        rows = read_labelled(file, getattr(file, "name", "input"))
        screener = default_screener()
        screened = [screener.screen(row.text) for row in rows]
        thresholds = choose([s.probability or 0.0 for s in screened],
                            [row.violating for row in rows],
                            {reason: [s.scores.get(reason, 0.0) for s in screened]
                             for reason in REASONS},
                            [set(row.reasons) for row in rows], max_clean_fpr, flag_clean_fpr,
                            note=f"chosen on {Path(getattr(file, 'name', 'input')).name} "
                                 f"({len(rows)} comments)")
        target = output or default_path()
        save_thresholds(thresholds, target)
    except (LabelledError, CalibrationError, ClassifierUnavailable, ModelUnavailable) as error:
        raise click.ClickException(str(error)) from error
    except OSError as error:
        raise click.ClickException(f"{output or 'thresholds'}: cannot write ({error})") from error
    again = Screener(lexicon=screener.lexicon, patterns=screener.patterns,
                     classifier=screener.classifier, model=screener.model, thresholds=thresholds)
    result = [again.screen(row.text) for row in rows]
    measured = figures(rows, [s.decision for s in result], [{r.reason for r in s.reasons}
                                                             for s in result])
    click.echo(f"review from {thresholds.review}, flag from {thresholds.flag}; reasons: "
               + ", ".join(f"{name} {value}" for name, value in thresholds.reasons.items()))
    click.echo(f"on {measured.comments} comments: violating recall {measured.recall:.3f}, "
               f"clean FPR {measured.fpr:.3f} (flag or review)")
    click.echo(f"wrote {target}", err=True)
