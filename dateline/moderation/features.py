"""The trained screen's features: hashed word 1-2-grams and character 3-5-grams of the comment
as read (normalise.py: look-alikes, leetspeak, masks, spacing undone), plus a few dense signals:
the word-list and pattern scores of each policy reason (lexicon.py, patterns.py) and the shape of
the text (links, digits, capitals, length, letters outside the Latin script).

The same function featurises for training (scripts/train_screen.py) and for screening, so the
shipped weights and the features can never drift apart. Every hashed feature remembers the token
it came from, so a score can be traced back to the words that drove it."""
from __future__ import annotations

import math
import re
import zlib
from dataclasses import dataclass

from dateline.moderation.normalise import Normalised

# 2^18 buckets: few collisions among the ~200,000 distinct n-grams of the training comments.
BUCKETS = 1 << 18
REASONS = ("profanity", "threat", "personal_attack", "vulgarity", "abuse", "promotion")
# Signals meant to carry across kinds of text (tweets, Gab posts, SMS trained on; news comments
# screened): how much the comment speaks to someone ("you", "your"), and the shape of
# promotion: an e-mail address, "my blog / our website", a call to action opening a sentence,
# money and offer words, a support or booking line. The reason heads read them; the overall head
# does not (scripts/train_screen.py says why).
ADDRESS = ("address:second_person", "address:opens_with_you")
PROMOTION = ("promo:email", "promo:my_site", "promo:call_to_action", "promo:money",
             "promo:support_line")
DENSE = (*(f"words:{reason}" for reason in REASONS), *(f"patterns:{reason}" for reason in REASONS),
         "rules:max", "link", "phone", "digits", "capitals", "exclamations", "length",
         "other_script", *ADDRESS, *PROMOTION, "profanity_check")
# Tokens that mark where a comment was collected, not what it says: reply handles, retweet
# marks, HTML entities and the placeholders some research sets use. They are read as one token
# ("@user") or dropped, so the model cannot learn a source's habits as a signal.
_ARTEFACTS = {"rt": "", "amp": "", "&amp": "", "<user>": "@user", "<number>": "0", "quot": "",
              "&gt": "", "&lt": "", "&#8220": "", "&#8221": ""}
_LINK = re.compile(r"(?i)https?://|www\.|\b[a-z0-9-]+\.(?:com|net|org|co\.uk|ly|io|info|biz)\b")
_PHONE = re.compile(r"\d[\d\s().-]{7,}\d")
_SECOND = frozenset(("you", "your", "you're", "youre", "u", "ur", "yourself", "ya", "yours",
                     "yall", "y'all", "you've", "youve", "you'll", "youll", "yer", "thou"))
_EMAIL = re.compile(r"(?i)\b[\w.+-]+@[\w-]+\.[a-z]{2,}\b")
_MY_SITE = re.compile(r"(?i)\b(?:my|our)\s+(?:\w+\s+)?(?:blog|site|website|channel|page|book|shop|"
                      r"store|company|business|services?|app|course|videos?|podcast)\b")
_CALL = re.compile(r"(?i)(?:^|[.!?\n]\s*)(?:please\s+)?(?:visit|check out|click|call|contact|buy|"
                   r"order|subscribe|follow|download|join|text|reply|register|sign up|get|grab|"
                   r"claim|apply|book|hire|dial)\b")
_MONEY = re.compile(r"(?i)[$£€]\s?\d|\b\d+\s?(?:usd|dollars|pounds|% off)\b|\b(?:discount|offer|"
                    r"deal|cheap|price|free|prize|win|winner|guaranteed|bonus|earn|income)\b")
_SUPPORT = re.compile(r"(?i)\b(?:customer (?:care|service|support)|help ?desk|toll[- ]free|"
                      r"helpline|support number|tech support|hotline|booking number)\b")
_CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class Features:
    """One comment's features: the hashed bucket of each n-gram (repeats allowed), the token
    each came from (a bigram counts for its second word), the L2 scale of the hashed part, and
    the dense values in DENSE order."""

    buckets: list[int]
    owners: list[int]
    scale: float
    dense: list[float]


def _bucket(text: str) -> int:
    return zlib.crc32(text.encode("utf-8")) & (BUCKETS - 1)


_word_cache: dict[str, list[int]] = {}


def _word_buckets(word: str) -> list[int]:
    """Returns the buckets of a word: the word itself and its character 3- to 5-grams with
    word boundaries (" idiot " gives " id", "idi", ...), cached because words repeat."""
    cached = _word_cache.get(word)
    if cached is not None:
        return cached
    found = [_bucket("w " + word)]
    padded = f" {word} "
    for size in (3, 4, 5):
        for start in range(0, len(padded) - size + 1):
            found.append(_bucket(padded[start:start + size]))
    if len(_word_cache) > _CACHE_LIMIT:
        _word_cache.clear()
    _word_cache[word] = found
    return found


def words_of(reading: Normalised) -> list[tuple[int, str]]:
    """Returns (token position, word) for the tokens the model reads, artefacts mapped."""
    words = []
    for position, token in enumerate(reading.tokens):
        word = token.canonical
        if word in _ARTEFACTS:
            word = _ARTEFACTS[word]
        elif word.startswith("@") and len(word) > 1:
            word = "@user"
        elif len(word) > 30:
            word = word[:30]
        if word:
            words.append((position, word))
    return words


def featurise(reading: Normalised, rule_scores: dict[str, tuple[float, float]],
              profanity_check: float = 0.0) -> Features:
    """Returns the features of a comment as read, with `rule_scores[reason]` = (word-list score,
    pattern score) found by the rules and the probability of the third-party offensive-language
    model (classifier.py)."""
    buckets: list[int] = []
    owners: list[int] = []
    words = words_of(reading)
    previous = ""
    for position, word in words:
        mine = _word_buckets(word)
        buckets.extend(mine)
        owners.extend([position] * len(mine))
        if previous:
            buckets.append(_bucket(f"b {previous} {word}"))
            owners.append(position)
        previous = word
    scale = 1.0 / math.sqrt(len(buckets)) if buckets else 0.0
    return Features(buckets, owners, scale, _dense(reading, rule_scores) + [profanity_check])


def _dense(reading: Normalised, rule_scores: dict[str, tuple[float, float]]) -> list[float]:
    text = reading.original
    words = [rule_scores.get(reason, (0.0, 0.0))[0] for reason in REASONS]
    patterns = [rule_scores.get(reason, (0.0, 0.0))[1] for reason in REASONS]
    letters = sum(map(str.isalpha, text))
    capitals = sum(map(str.isupper, text)) / letters if letters else 0.0
    digits = sum(map(str.isdigit, text)) / len(text) if text else 0.0
    read = [token.canonical for token in reading.tokens]
    second = sum(word in _SECOND for word in read)
    return [*words, *patterns, max(words + patterns), float(bool(_LINK.search(text))),
            float(bool(_PHONE.search(text))), min(1.0, digits * 5), capitals,
            min(1.0, text.count("!") / 5), min(1.0, math.log1p(len(text)) / 8),
            other_script_share(text),
            min(1.0, 5 * second / len(read)) if read else 0.0,
            float(bool(read) and read[0] in _SECOND),
            float(bool(_EMAIL.search(text))), float(bool(_MY_SITE.search(text))),
            min(1.0, len(_CALL.findall(text)) / 2), min(1.0, len(_MONEY.findall(text)) / 3),
            float(bool(_SUPPORT.search(text)))]


def other_script_share(text: str) -> float:
    """Returns the share of letters outside the Latin script (Arabic, Persian and Sorani
    Kurdish, Cyrillic, Hebrew...). Look-alike letters used as disguise are few in a comment."""
    if text.isascii():
        return 0.0
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return 0.0
    other = sum(1 for char in letters if ord(char) > 0x24F and not 0x1E00 <= ord(char) <= 0x1EFF)
    return other / len(letters)
