"""Screening: disguises are read through, reporting language is not flagged, each policy reason
is found with the words that triggered it, and the classifier is the shipped offline one."""
from __future__ import annotations

import pytest

from dateline.moderation.classifier import OffensiveLanguageModel
from dateline.moderation.screening import REASONS, Screener, Screening, default_screener


@pytest.fixture(scope="module")
def screener() -> Screener:
    return default_screener()


def reasons(result: Screening) -> set[str]:
    return {reason.reason for reason in result.reasons}


@pytest.mark.parametrize("text", [
    "fuck", "FUUUUCK", "f u c k", "f.u.c.k", "f**k", "fück", "fu\u200bck", "ｆｕｃｋ", "f uck",
    "sh1t", "$h!t", "sh*t", "ѕhіt",  # the last one in Cyrillic look-alikes
])
def test_disguised_profanity_is_read_through(screener: Screener, text: str) -> None:
    assert "profanity" in reasons(screener.screen(f"what {text} is this")), text


@pytest.mark.parametrize("text", [
    "u r a m0r0n", "you are an 1d10t", "y o u  a r e  a n  i d i o t", "you're a fuuucking idiooot",
])
def test_disguised_insults_are_read_through(screener: Screener, text: str) -> None:
    assert "personal_attack" in reasons(screener.screen(text)), text


@pytest.mark.parametrize("text", [
    "k i l l  y o u r s e l f", "k1ll y0urself", "kiiiill yourseeelf", "I will k*ll you",
])
def test_disguised_threats_are_read_through(screener: Screener, text: str) -> None:
    assert "threat" in reasons(screener.screen(text)), text


@pytest.mark.parametrize("text", [
    "The strike killed three people near the airport road.",
    "Militants attacked the base with rockets again last night.",
    "An attack on the base at Ain al-Asad is the fourth this month.",
    "They should hit back harder at the militias' bases.",
    "ISIS beheaded hostages in this square ten years ago.",
    "Protesters chanted death to America outside the embassy.",
    "Hezbollah threatened to kill any soldier who crosses the border.",
    "Nobody should be executed after a ten-minute trial.",
    "The Houthis shot down another Reaper drone over Marib.",
    "Shiite armed groups close to Iran claimed the attack.",
    "The airstrikes hit weapons depots, not homes.",
    "Dick Cheney lied about the weapons of mass destruction.",
    "People who post 'kill them all' under every article should be banned.",
    "The government is corrupt and incompetent.",
    "The prime minister is a liar and a coward.",
    "It's stupid to think bombing will solve anything.",
    "@Rami I think you are wrong about the date.",
    "Please assess the figures again, the pen is mightier than the sword.",
    "I'd like to see the source for 165 attacks since October.",
])
def test_reporting_and_criticism_are_not_flagged(screener: Screener, text: str) -> None:
    # The trained screen may send sharp criticism to review (its uncertain band, calibrated for
    # 4 % of clean real comments); it must never flag it.
    result = screener.screen(text)
    assert result.decision != "flag", (text, result)
    assert result.probability is not None and result.probability < screener.thresholds.flag


@pytest.mark.parametrize("text, reason, sub", [
    ("What the fuck is the Pentagon doing?", "profanity", None),
    ("The generals can suck my dick.", "vulgarity", None),
    ("Kos omak ya Khamenei", "vulgarity", None),
    ("I will find the writer of this article and kill him.", "threat", None),
    ("We know where you live, Hassan.", "threat", None),
    ("Nuke Tehran and be done with it.", "threat", None),
    ("You are an idiot if you believe the ministry.", "personal_attack", None),
    ("Ya 7mar, the base is in Anbar.", "personal_attack", None),
    ("Women should not be allowed to report from war zones.", "abuse", "sexism"),
    ("Arabs are animals and always will be.", "abuse", "racism"),
    ("Being gay is a western disease.", "abuse", "homophobia"),
    ("Go back to your own country.", "abuse", "xenophobia"),
    ("Islam is a cancer.", "abuse", "other"),
    ("Join our Telegram channel t.me/iraqnewsfast", "promotion", None),
    ("Call 0770 123 4567 for armoured cars", "promotion", None),
    ("Earn $500 a day from home, message me on WhatsApp", "promotion", None),
    ("more at conflictwatch[.]net", "promotion", None),
])
def test_each_reason_is_found(screener: Screener, text: str, reason: str, sub: str | None) -> None:
    result = screener.screen(text)
    found = {r.reason: r for r in result.reasons}
    assert reason in found, (text, result)
    assert found[reason].sub == sub
    assert result.suspect and found[reason].score >= screener.thresholds.reasons[reason]


@pytest.mark.parametrize("text", ["The base was hit twice.", "The drone hit its target.",
                                  "Airstrikes hit the depots."])
def test_neighbouring_words_are_not_joined_into_a_listed_word(text: str) -> None:
    # "was" + "hit" must not read as "washit" (which ends in a listed word), with or without
    # the classifier's vocabulary among the known words.
    for screener in (Screener(classifier=None), default_screener()):
        assert not screener.screen(text).reasons, text


def test_words_and_spans_point_at_the_text_as_typed(screener: Screener) -> None:
    text = "Honestly, f u c k this and you are a m0r0n."
    result = screener.screen(text)
    profanity = next(r for r in result.reasons if r.reason == "profanity")
    assert "f u c k" in profanity.words
    for start, end in profanity.spans:
        assert text[start:end] in profanity.words
    attack = next(r for r in result.reasons if r.reason == "personal_attack")
    assert any("m0r0n" in word for word in attack.words)


def test_a_handle_with_a_platform_is_promotion_first(screener: Screener) -> None:
    # Known weakness of the trained screen: self-promotion without a link scores near the
    # review threshold (the training data's promotion is SMS spam), so only its ranking is
    # pinned here: promotion is the likeliest reason, and more likely than for a reply.
    reply = screener.screen("@Sam you are right about the date")
    assert reply.decision == "clear" and not reply.reasons
    for text in ("add me on snapchat @ali.erbil99", "Follow me on instagram @baghdad_voice"):
        advert = screener.screen(text)
        assert max(advert.scores, key=lambda name: advert.scores[name]) == "promotion"
        assert advert.scores["promotion"] > reply.scores["promotion"]
        assert advert.risk > reply.risk


def test_risk_ranks_threats_above_hints_above_clean(screener: Screener) -> None:
    threat = screener.screen("I will kill you")
    hint = screener.screen("what a stupid war")
    clean = screener.screen("Thank you for the clear timeline.")
    assert threat.risk > hint.risk > clean.risk
    assert hint.hints and not hint.reasons


def test_public_form_has_decision_reasons_and_risk_only(screener: Screener) -> None:
    data = screener.screen("You stupid moron, buy cheap at www.example.com").as_dict()
    assert set(data) == {"decision", "reasons", "risk"} and data["decision"] == "flag"
    assert data["reasons"][0]["reason"] == "personal_attack"
    assert all(set(r) <= {"reason", "sub", "score", "words"} for r in data["reasons"])
    assert all(r["reason"] in REASONS for r in data["reasons"])


def test_stored_form_round_trips(screener: Screener) -> None:
    result = screener.screen("Arabs are animals, f**k them")
    assert Screening.from_json(result.to_json()) == Screening.from_json(result.to_json())
    restored = Screening.from_json(result.to_json())
    assert [(r.reason, r.sub, r.spans) for r in restored.reasons] == \
        [(r.reason, r.sub, r.spans) for r in result.reasons]


def test_classifier_is_the_shipped_model_and_matches_scikit_learn() -> None:
    # The plain-Python evaluation must give what the package's own predict_prob gives.
    from profanity_check import predict_prob
    model = OffensiveLanguageModel.from_package(neutral=())
    texts = ["you are a stupid idiot", "thanks for the article", "what the hell is this crap"]
    expected = predict_prob(texts)
    for text, probability in zip(texts, expected):
        assert model.score(text).probability == pytest.approx(float(probability), abs=1e-6)


def test_classifier_ignores_news_vocabulary() -> None:
    model = OffensiveLanguageModel.from_package()
    bare = OffensiveLanguageModel.from_package(neutral=())
    text = "terrorists killed soldiers in the attack and the government is corrupt"
    assert model.score(text).probability < bare.score(text).probability
    assert model.score(text).probability < 0.5


def test_the_screen_catches_insults_missing_from_the_lists(screener: Screener) -> None:
    rules_only = Screener(classifier=None)
    text = "Crawl back to your basement, nerd"
    assert not rules_only.screen(text).reasons
    assert screener.screen(text).suspect
