"""The words of a sentence as the gazetteer reads them, and the rules on their neighbours.

`tokens_of` splits a sentence into words with what the place rules need (capitals, joins,
possessives, sentence starts); the functions below answer the questions `Gazetteer.find` asks
about the words around a candidate name (see the rules in dateline/extract/gazetteer.py).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from dateline.extract.placenames import TOKEN, is_possessive, token_key


def _context_words() -> dict[str, frozenset[str]]:
    path = resources.files("dateline") / "data" / "gazetteer" / "context_words.toml"
    return {name: frozenset(str(words).split()) for name, words in tomllib.loads(path.read_text(encoding="utf-8")).items()}


_WORDS = _context_words()
_LOCATIVE, _QUALIFIERS, _CONNECTORS = _WORDS["locatives"], _WORDS["qualifiers"], _WORDS["connectors"]
_LOCALITY_CUES, _ORGANISATION_WORDS, _TITLES = _WORDS["locality_cues"], _WORDS["organisation"], _WORDS["titles"]
_SENTENCE_END = re.compile(r"[.!?:;\n\"“”‘—]")
# Arabic words for a hill, mountain, valley, monastery, village, spring, well, fort, cape, shrine,
# gate, meadow or yard that open place names ("Tal al-Sarraf", "Deir al-Fardis").
_GENERIC_HEADS = frozenset("tal tall tel tell jabal jebel jabel wadi deir dayr kafr kfar ain ayn khirbet khirbat "
                           "qasr bir ras sheikh shaykh bab marj hosh hawsh qaryat".split())
# "Syrian", "Iraqi", "Kurdish", "Lebanese": an adjective before a name, not part of it.
_DEMONYM = re.compile(r"(?:ian|ean|an|i|ish|ese)$")
_JOIN = re.compile(r"[ \u00a0\u202f-]{1,3}")


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    key: str
    cap: bool
    joined: bool          # separated from the previous token by spaces or a hyphen only
    hyphen_before: bool
    possessive: bool
    caps: bool            # all capitals ("ERBIL", "PMF")
    sentence_start: bool
    arabic_article: bool  # "al"/"el", never an English word
    plural: bool = False  # a plural place word ("provinces", "governorates")


def tokens_of(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    previous_end = -1
    for match in TOKEN.finditer(text):
        word, start, end = match.group(), match.start(), match.end()
        possessive = is_possessive(word)
        if possessive:
            word, end = word[:-2], end - 2
        gap = text[previous_end:start] if previous_end >= 0 else ""
        # "U.S. Embassy Baghdad": a full stop after a single letter is an abbreviation.
        joined = previous_end >= 0 and (_JOIN.fullmatch(gap) is not None or (
            gap in (".", ". ") and tokens[-1].end - tokens[-1].start == 1))
        sentence_start = previous_end < 0 or bool(_SENTENCE_END.search(gap))
        tokens.append(_Token(start, end, token_key(word), word[:1].isupper(), joined, joined and "-" in gap,
                             possessive, word.isupper() and len(word) > 1, sentence_start,
                             word.lower() in ("al", "el"), word.lower().endswith("s") and word.lower() != token_key(word)))
        previous_end = match.end()
    return tokens


def adjectival(tokens: list[_Token], i: int) -> bool:
    """True for the "Iran" of "Iran-aligned", "US-led" and "pro-Iran"."""
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is not None and after.hyphen_before and not after.cap and after.key and not after.key.isdigit():
        return True
    before = tokens[i - 1] if i > 0 else None
    return tokens[i].hyphen_before and before is not None and not before.cap and bool(before.key)


def generic_head(tokens: list[_Token], i: int, end: int) -> bool:
    """True for the "Tal" of "Tal al-Sarraf" or the "Hosh" of "Hosh al-Zariqiyah": a word for
    hill, well, village or shrine that opens a longer unknown name is not a place by itself."""
    if end != i + 1 or tokens[i].key not in _GENERIC_HEADS or end + 1 >= len(tokens):
        return False
    article, name = tokens[end], tokens[end + 1]
    return not article.key and article.joined and name.joined and name.cap


def second_half(tokens: list[_Token], i: int, stop: frozenset[str]) -> bool:
    """True for the "al-Hamra" of "Shihet al-Hamra" or the "al-Harir" of "Bisr al-Harir": an
    article-led name right after another capitalised word is the end of a longer name that
    the gazetteer does not know, not the place of that name (nor a curated base)."""
    if i == 0 or tokens[i].key or not tokens[i].joined:
        return False
    previous = tokens[i - 1]
    word = previous.key
    return previous.cap and not previous.caps and not previous.possessive and len(word) > 2 \
        and word not in stop and word not in _TITLES and not _DEMONYM.search(word)


def cue_before(tokens: list[_Token], i: int) -> bool:
    """True for "the village of X", "the town X", "district of X"."""
    k = i - 1
    if k >= 0 and tokens[k].key == "of":
        k -= 1
    return k >= 0 and tokens[k].key in _LOCALITY_CUES


def list_start(tokens: list[_Token], i: int) -> int:
    """Returns where the list of names that the name at `i` ends or continues begins ("the towns
    of Derbasia and Meshref", "the villages of A, B and C": the index of A), else `i`."""
    k = i - 1
    if k < 0 or (tokens[k].key not in ("and", "or") and tokens[i].joined):
        return i
    start = i
    while k >= 0 and i - k <= 12 and not tokens[k].possessive and (
            tokens[k].cap or not tokens[k].key or (tokens[k].key in ("and", "or") and not tokens[k].cap)):
        if tokens[k].cap:
            start = k
        k -= 1
    return start


def cue_after(tokens: list[_Token], end: int) -> bool:
    """True when a place word follows, possibly after a list of names ("X and Y villages")."""
    for token in tokens[end:end + 6]:
        if token.key in _LOCALITY_CUES:
            return True
        if not (token.cap or token.key in ("and", "or")):
            return False
    return False


# Bodies that a place's name heads in lower case too: "the Deir ez-Zor military council", "the
# Anbar provincial council", "the Baghdad government".
_GOVERNING = frozenset("council government command committee administration authority parliament".split())
_GOVERNING_MODIFIERS = frozenset("military security provincial local city tribal civil civilian".split())


def organisation_follows(tokens: list[_Token], end: int) -> bool:
    """True when the name heads an organisation's name ("Quds Force", "Anbar Operations Command",
    "the Deir ez-Zor military council")."""
    for token in tokens[end:end + 4]:
        if not token.joined:
            return False
        if token.key in _GOVERNING:
            return True
        if not (token.cap or token.key in ("of", "and", "for") or token.key in _GOVERNING_MODIFIERS):
            return False
        if token.cap and token.key in _ORGANISATION_WORDS:
            return True
    return False
