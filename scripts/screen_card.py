"""The comment screen's model card (dateline/moderation/data/SCREEN_MODEL.md), written by
scripts/train_screen.py from the figures it measured."""
from __future__ import annotations

from pathlib import Path

import numpy as np

SEED = 20240611
# The project's comments are few (214 train) but of the site's kind: each counts this much.
PROJECT_WEIGHT = 4.0


def verdict(measured: dict) -> list[str]:
    """Returns the card's lines on the issue's target and on the screen before the model."""
    test, measure = measured["test"], measured["measure"]
    met = measure.recall >= 0.90 and measure.fpr <= 0.05
    return [
        "The issue's target (violating recall at least 0.90 at a clean FPR of at most 0.05, "
        "flag or review, on the measure-only sources) is " + ("met" if met else "**not met**")
        + f": recall {measure.recall:.3f} at FPR {measure.fpr:.3f} there, {test.recall:.3f} at "
        f"{test.fpr:.3f} on the test split. Most false positives off-domain are impermium "
        "comments labelled clean that insult someone outside the conversation or swear; most "
        "misses are datacamp spam (tutorial-comment promotion unlike the SMS spam trained on) "
        "and impermium insults without an insulting word.", "",
        "The screen before the trained model (word lists, patterns and the classifier deciding "
        f"alone): test split {measured['test before'].recall:.3f} recall at "
        f"{measured['test before'].fpr:.3f} FPR, measure-only {measured['measure before'].recall:.3f} "
        f"at {measured['measure before'].fpr:.3f}.", ""]


# Written from the experiments of 2026-12-04 (second round), all chosen on the validation split
# or on the training sources alone; the measure-only sources were not looked at while choosing.
SECOND_ROUND = [
    "Where the misses are (test split, per source and per reason, above): davidson 0.96 and "
    "anything with a listed swear word 1.00, but GHC 0.63, HatEval 0.73 and HateXplain 0.78, and "
    "`abuse` alone (no listed word) 0.54. A model fitted and thresholded on one source alone, at "
    "5 % clean FPR on that source's own validation and test parts, reaches GHC 0.62, HatEval 0.68, "
    "HateXplain 0.75, Davidson 0.98: with GHC a third of the violating comments, about 0.81 "
    "pooled is the ceiling of this kind of model on these labels, whatever the learner.",
    "",
    "Label reading (30 random validation misses, 15 false positives): most misses are GHC, "
    "HatEval or HateXplain `abuse` with no abusive word (implicit hate, dog whistles), some are "
    "political opinion the policy approves (\"Democrats always defend Evil.\") and some carry "
    "nothing visible (\"Hinduism?\", a GHC `vo` post with no vulgar word). Several false "
    "positives break the policy though labelled clean: HatEval's negative class is \"not "
    "hateful towards women or immigrants\", so insults and vulgar words aimed elsewhere "
    "(\"skank\", \"hysterical libtard\") count as clean: of the four HatEval false "
    "positives read on validation, two break the policy. The data README's mapping is followed as it is.",
    "",
    "Learners (validation recall at its own 5 % / 4 % clean FPR): NB-LR C=1 0.785 / 0.780, C=4 "
    "0.811 / 0.798, C=8 0.811 / 0.806 (kept, C from the grid); plain LR C=4 0.808 / 0.796, "
    "C=16 0.803 / 0.795; SGD elasticnet log-loss 0.803-0.806 / 0.787-0.803, modified Huber "
    "0.772-0.800 / 0.748-0.787; a one-hidden-layer MLP (16 or 32 units, the 84,656 buckets seen "
    "in two training comments) 0.793-0.803 / 0.782-0.798, averaged with the LR heads 0.814-0.817 "
    "/ 0.809-0.811; one-vs-rest reason heads, overall = the largest, 0.817 / 0.816; the overall "
    "head and a promotion-vs-all head, the larger (kept), 0.819 / 0.809. Dropping training "
    "comments whose out-of-fold score contradicts their label (57 to 575): 0.800-0.808, no gain. "
    "Leave-one-source-out (fitted without davidson, ghc, hatexplain or hateval, recall at 5 % "
    "FPR on it): NB-LR C=1 0.94, 0.63, 0.75, 0.52; C=4 0.95, 0.61, 0.75, 0.52; plain LR C=4 "
    "0.94, 0.62, 0.76, 0.54: C does not change transfer across sources. Complement naive Bayes "
    "on the n-grams alone: 0.711-0.740 / 0.701-0.724. Differences under 0.02 "
    "are within validation noise (619 violating comments). The one clear gain is the promotion "
    "detector: SMS spam caught at the same threshold 0.82 to 0.95 on validation. The MLP is not "
    "shipped: no gain alone, megabytes more weights.",
    "",
    "Thresholds: the 4 % threshold chosen on the validation split alone let 0.058 of the test "
    "split's clean comments through; chosen on out-of-fold probabilities (ten times the clean "
    "comments), 0.049.",
    "",
    "Off-domain: the measure-only sources were measured once, on the model chosen as above. "
    "There this model does worse than the first round's (C=1, no promotion detector, thresholds "
    "on validation): recall 0.732 at FPR 0.064 against 0.771 at 0.066; at each set's own 4 % "
    "threshold 0.677 against 0.707 (the ablation lines below). That was not used to choose: the "
    "off-domain check allowed for choosing, leaving one training source out, does not tell C=1 "
    "from C=8 (mean recall 0.708 and 0.711). Datacamp spam rose from 0.25 to 0.33 with the "
    "promotion detector, impermium insults fell from 0.80 to 0.76 at a lower FPR (0.099 from "
    "0.111).",
]


# Measured 2026-12-05 by screening the measure-only sources with the shipped screen (counts of
# flag-or-review by source and label) and by one retraining with the signal added (the change
# was not kept: see the text).
THIRD_ROUND = [
    "Where the measure-only misses are (flag or review, shipped screen): datacamp promotion "
    "33 of 99 caught, impermium personal attacks carrying no other reason 551 of 952, those "
    "with a swear word or vulgarity 0.97 or more; false positives are 134 of 1,350 impermium "
    "clean comments (mostly insults at people outside the conversation, slurs in quotes and "
    "swearing the source does not count as an insult), 22 of 747 sfu_ctc and 7 of 450 "
    "datacamp. The personal attacks missed are short predicates aimed at the reader with "
    "no listed word (\"you are so naive\", \"you seem utterly clueless\", \"you're a "
    "turd\"), a construction the training sources (tweets and Gab posts about groups) "
    "rarely have.",
    "A signal for that class was tried: the largest offensive weight, taken from the "
    "third-party model's own coefficients (not a hand list), among the words up to five "
    "after or two before a second-person word, read by every head. On the validation split "
    "it changed nothing (recall at 4 % clean FPR 0.805 against 0.806 at C=8; 0.808 at the "
    "C=16 it would then pick; flag or review 0.806 at FPR 0.035 against 0.801 at 0.029) "
    "and the project's test half went from 0.976 to 0.965, so it was not kept; the settings "
    "are chosen on validation, not on the sources kept for measurement. For the record only: "
    "test split 0.802 at FPR 0.052 with it, measure-only 0.750 at 0.064 (impermium 0.775 at "
    "0.101, datacamp unchanged at 0.333).",
]


# Measured 2026-12-05 by scripts/screen_experiments.py (the variants of the overall head) and
# scripts/train_screen.py --dry-run (the shipped weights rebuilt byte for byte); nothing kept.
FOURTH_ROUND = [
    "The validation misses (shipped overall head, its own 5 % clean-FPR threshold, 120 of 619) "
    "are GHC 67 of 172, HateXplain 29 of 135, HatEval 11 of 44, Davidson 6 of 206, SMS 4 of 60; "
    "by reason set `abuse` alone 82, `vulgarity` alone 15, `threat` alone 7, `promotion` 4: "
    "implicit hostility towards a group with no abusive word, GHC `vo` posts with no vulgar "
    "word, calls to violence phrased as questions or jokes.",
    "Tried, violating recall at 4 % / 5 % clean FPR on validation (the shipped head 0.806 / "
    "0.811): a general valence lexicon (VADER 3.3.2, MIT: the strongest and summed negative "
    "valence, the strongest negative valence within two words before or five after a "
    "second-person word, the strongest positive valence, the share of negative words) as "
    "dense features 0.805-0.813 / 0.817-0.819 over C=4, 8, 16; the second-person one alone "
    "0.806 / 0.811; with an identity group named and group-times-negative 0.809 / 0.816; "
    "plain LR 0.792 / 0.813 and its mean with the NB-LR 0.813 / 0.817; skip-bigrams 0.805 / "
    "0.817, word trigrams 0.801 / 0.814, character 6-grams across word boundaries 0.816 / "
    "0.821; gradient-boosted trees (depth 3, 150 rounds) over the out-of-fold NB-LR score, the "
    "dense signals and the valence features 0.809-0.822 / 0.821-0.830 over three seeds (test "
    "split 0.784-0.791 / 0.797-0.801 against 0.780 / 0.796); detectors joining the overall "
    "probability like promotion_vs_all: personal attack against all 0.811 / 0.814, threat "
    "0.806 / 0.811, abuse 0.817 / 0.826. None is above the shipped head by more than "
    "validation noise (about 0.02 with 619 violating comments), so nothing was kept: the "
    "NB-LR's n-grams already hold what the lexicon says about single words, and the "
    "hostility it misses has no word to find.",
    "For the record only (not used to choose): on the measure-only sources the personal-attack "
    "detector raised recall at 4 % FPR from 0.672 to 0.718 (impermium insults), the trees "
    "0.677 to 0.697-0.712, the valence features not at all; leaving one training source out "
    "(recall at 5 % FPR on it) the personal-attack detector changed nothing (davidson 0.941 "
    "both, ghc 0.613 / 0.616, hatexplain 0.775 / 0.777, hateval 0.536 / 0.531, sms 0.677 / "
    "0.675), so no check allowed for choosing supports it. It is the next thing to try if "
    "labelled second-person insults from a licence-clean source become available.",
]


def _paragraphs(texts: list[str]) -> list[str]:
    """Returns the texts as Markdown paragraphs (a blank line after each)."""
    return [line for text in texts for line in (text, "")]


def write_card(path: Path, trained: str, part: dict[str, np.ndarray], thresholds: object,
               lines: list[str], ablation_lines: list[str]) -> None:
    card = [
        "# Comment screen: model card", "",
        "What: one logistic model per head (the comment violates the policy at all, an NB-LR: "
        "each n-gram scaled by its naive-Bayes log-count ratio before the fit, the ratio "
        "folded into the weights; and, "
        "trained on violating comments only, which reason: profanity, threat, personal attack, "
        "vulgarity, abuse, promotion) over hashed word 1-2-grams and "
        "character 3-5-grams of the comment after normalisation (look-alikes, leetspeak, masks, "
        "spacing), plus the word-list and pattern scores of each reason and a few text-shape "
        "signals as features (dateline/moderation/features.py); the reason heads also read "
        "how much the comment addresses someone (\"you\", \"your\") and the shape of "
        "promotion (e-mail address, \"my blog\", a call to action, money words, a support "
        "line). A third detector head, promotion against every comment (`promotion_vs_all`, "
        "all signals read), joins the overall head: the overall probability is the larger of "
        "the two. 2^18 hashed buckets, int8 "
        "weights (screen_weights.npz), evaluated with numpy.", "",
        f"Trained: {trained} (scripts/train_screen.py, seed {SEED}, liblinear, balanced classes).",
        "",
        "Data: ../shared/data/comments/train.jsonl. Trained on the 70 % `train` part (sha1 of "
        "the id) of the sources whose terms allow shipped weights: davidson (MIT), ghc "
        "(CC BY 4.0), hatexplain (MIT), jigsaw (CC0 labels, CC BY-SA text), sms (CC BY 4.0) and "
        "hateval (SemEval-2019 Task 5, research release). C and the reason thresholds "
        "chosen on the 10 % `validation` part, review and flag out of fold (below); figures below on the 20 % `test` part and on sfu_ctc, datacamp and "
        "impermium, which were used for nothing but measuring. Also trained on the `dev` half "
        f"of the project's own labelled comments (tests/data/comments/labelled.jsonl, weight "
        f"{PROJECT_WEIGHT}), measured on its `test` half. "
        f"Counts: train {int(part['train'].sum())}, validation {int(part['validation'].sum())}, "
        f"test {int(part['test'].sum())}, measure-only {int(part['measure'].sum())}, project "
        f"test {int(part['project'].sum())}.", "",
        "Decisions (screen_thresholds.toml, `dateline comments calibrate` recomputes): "
        f"**review** from overall probability {thresholds.review} (chosen for a clean false-"  # type: ignore[attr-defined]
        f"positive rate of at most {thresholds.max_clean_fpr} on out-of-fold probabilities of "  # type: ignore[attr-defined]
        "the train and validation parts: 5 folds, each scored by detectors fitted on the other "
        "four), **flag** from "
        f"{thresholds.flag} (clean FPR at most {thresholds.flag_clean_fpr}), each reason "  # type: ignore[attr-defined]
        "named from its own best-F1 threshold. A comment mostly in another script (Arabic, "
        "Persian, Sorani Kurdish...) goes to review at least, noted \"language not screened\" "
        "when no listed word was found in it. Nothing is published or rejected by the screen.",
        "", "## Figures", "", *lines,
        "### What was tried for the overall head (2026-12-04)", "",
        "Measured on the same splits, each threshold chosen at 4 % clean FPR on validation "
        "(violating recall / clean FPR on test; on measure-only): plain logistic regression "
        "0.775 / 0.047; 0.755 / 0.066. NB-LR (kept) 0.770 / 0.051; 0.770 / 0.066. Sample "
        "weights evening out the sources (square root of the inverse cell size) 0.785 / 0.057; "
        "0.758 / 0.070. Sublinear term frequency 0.774 / 0.053; 0.767 / 0.063. Skip-grams "
        "after a second-person word (\"you ... idiot\"): no change; second-person share "
        "0.775 / 0.048; 0.758 / 0.066. "
        "Promotion-shape signals (links, e-mail, phone, \"my blog/channel\", call to action, "
        "money words) 0.787 / 0.053; 0.771 / 0.078 (more false positives on sfu_ctc). C=2 or 4: "
        "better on validation and test, worse off-domain. The second-person and promotion "
        "signals were kept for the reason heads only (personal-attack recall on the test split "
        "0.59 to 0.66). None moves off-domain recall at 5 % "
        "FPR (each set's own threshold) by more than 0.03: the gap to 0.90 is the training "
        "data (personal attacks on a "
        "conversation partner and comment-section spam are nearly absent from the sources "
        "that may train). These variants were also compared on the measure-only sources, so "
        "the choice among them is not wholly blind to those (the weights and thresholds are).",
        "",
        "### Second round (2026-12-04): why in-domain recall stays near 0.80", "",
        *SECOND_ROUND, "",
        "### Third round (2026-12-05): the misses by class, and a targeted-insult signal", "",
        *_paragraphs(THIRD_ROUND),
        "### Fourth round (2026-12-05): a valence lexicon, ensembles, wider n-grams, stacked "
        "trees", "",
        *_paragraphs(FOURTH_ROUND),
        "### Does the third-party model add recall?", "",
        *(ablation_lines or ["(run with --ablation to measure)"]), "",
        "## Limits", "",
        "- Threats are few in the training sources (and mostly calls for violence against "
        "groups); personal attacks on a conversation partner are mainly the measure-only "
        "impermium source, so they are learnt from few examples.",
        "- Promotion is learnt from SMS spam; comment-section self-promotion is barely present.",
        "- Labels are noisy (see the data README); the reason sets are partly word-list made.",
        "- The probability of the third-party alt-profanity-check model (MIT; shipped in its "
        "wheel) is one of the dense features: it adds recall on the measure-only sources "
        "(`scripts/train_screen.py --ablation` measures it).", ""]
    path.write_text("\n".join(card), encoding="utf-8")

