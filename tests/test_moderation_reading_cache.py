"""What the screen's speed-ups must not change: a word read from memory keeps the span where it
was typed, and the word classes grouped by leading letters match exactly the words the plain
alternation matches."""
from __future__ import annotations

import re

from dateline.moderation.lexicon import load_lexicon
from dateline.moderation.patterns import _alternation
from dateline.moderation.screening import Screener


def test_a_remembered_word_keeps_its_own_span() -> None:
    screener = Screener()
    text = "What a stuuupid idea and a stuuupid law"
    reading = screener.normalise(text)
    disguised = [token for token in reading.tokens if token.surface == "stuuupid"]
    assert [token.canonical for token in disguised] == ["stupid", "stupid"]
    assert [text[token.start:token.end] for token in disguised] == ["stuuupid", "stuuupid"]
    assert disguised[0].start != disguised[1].start


def test_grouped_insult_class_matches_the_same_words_as_the_plain_one() -> None:
    lexicon = load_lexicon()
    parts = lexicon.insult_parts()
    grouped = re.compile(_alternation(parts))
    plain = re.compile("(?:" + "|".join(parts) + ")")
    assert grouped.pattern != plain.pattern
    words = {sample for entry in lexicon.entries for sample in entry.samples()}
    words |= {"idiot", "idiots", "moron", "you", "the", "motherfucker", "stupidity", "i"}
    assert len(words) > 500
    for word in sorted(words):
        assert bool(grouped.fullmatch(word)) == bool(plain.fullmatch(word)), word
