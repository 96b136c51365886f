#!/usr/bin/env python3
"""End-to-end figures for the sentence judge on text it did not see: dev-real by article folds.

    .venv/bin/python scripts/eval_event_model_cv.py DB [--shared ../shared]

Every dev-real article is extracted with the judge (and its combination with the rules) trained
on the other four folds only, as in scripts/train_event_model.py; the ledger goes to DB, to be
exported and scored with ../shared/tools/score.py like any run.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import numpy as np  # noqa: E402

import train_event_model as training  # noqa: E402
from dateline.extract.event_model import EventModel  # noqa: E402
from dateline.extract.extractor import Extractor  # noqa: E402
from dateline.extract.kb import load_knowledge_base  # noqa: E402
from dateline.model import Article, Record  # noqa: E402
from dateline.pipeline import ingest  # noqa: E402
from dateline.store.db import Store  # noqa: E402


class FoldExtractor(Extractor):
    """Uses, for each article, the judge of the fold that did not see it."""

    fold: dict[str, int]
    models: dict[int, EventModel]

    def extract(self, article: Article) -> list[Record]:
        self.model = self.models[self.fold[article.id]]
        return super().extract(article)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    train_rows = training.acled_rows(shared, "train")
    real = training.labelled_sentences(shared / "dev-real")
    extra = training.labelled_sentences(shared / "dev")
    meta = training.chosen_settings()
    _oof, _figures, fold_models = training.event_cv(real, extra, [r["notes"] for r in train_rows],
                                                    meta["acled_weight"], meta["C"])
    fold = training.folds_of([r[0] for r in real])
    clauses = training.candidate_clauses(shared)
    _w, figures, fold_weights = training.fit_combination(clauses, fold_models, fold)
    print("clause figures (cross-validated):", figures)
    # The type head of each fold, too, never saw that fold's articles.
    _acc, type_models = training.type_cv(training.type_data(train_rows), training.news_typed(real),
                                         training.news_typed(extra), meta["type_C"], meta["type_news_weight"])
    models = {}
    for k, model in fold_models.items():
        models[k] = EventModel(model.coef_[0].astype(np.float16), type_models[k].coef_.T.astype(np.float16),
                               training.BITS, {"combine": fold_weights[k]})
    extractor = FoldExtractor.from_kb(load_knowledge_base())
    extractor.fold, extractor.models = fold, models
    report = ingest(Store(args.db), [str(shared / "dev-real" / "corpus.jsonl")], extractor)
    print(report.summary())


if __name__ == "__main__":
    main(sys.argv[1:])
