"""Normalisation of romanised place names: the keys the gazetteer indexes and looks up.

News, GeoNames (BGN/PCGN romanisation), Who's On First and ACLED spell the same Arabic, Kurdish
or Persian name in many ways: "Al-Qa'im", "Al Qāʼim", "Qaim", "Ka'im", "El Kaim". Two keys make
them meet without a per-call fuzzy scan:

- `name_key`: case, diacritics and apostrophes (' ’ ʿ ʾ `) folded, hyphens split, and the Arabic
  article in all its sun-letter forms (al-, el-, ad-, ash-, az-, ...) dropped; descriptor words
  are spelled one way ("airbase" → "air base", "neighborhood" → "neighbourhood").
- `fuzzy_key`: a consonant skeleton of the name key: vowels dropped, q/k/g/kh/gh folded, dh/z →
  d, th → t, ch → j, p → b, diphthongs ai/ei/ay → e and aw/au → o, doubled letters and the
  -ah/-eh ending removed, spaces removed ("Tal Afar" = "Telafar"), Abu/Albu/Bu folded.

Both are computed token by token, so `find()` can normalise each word of a sentence once and
join keys for n-grams; `scripts/build_gazetteer.py` stores the keys in the shipped file so
loading never recomputes them. Change `NORMALIZER_VERSION` whenever a key changes: the
gazetteer then recomputes keys at load (slowly) until the data file is rebuilt.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

NORMALIZER_VERSION = 1

# A word: letters/digits with internal apostrophes ("Qa'im", "Ra’s"); hyphens split words so
# "al-Asad" gives the article and the name, and "Iraq-Syria" gives two places.
TOKEN = re.compile(r"[^\W_]+(?:['’‘ʼ`´][^\W_]+)*")

# Apostrophe-like marks for ayn/hamza; dropped inside words.
_MARKS = str.maketrans("", "", "'’‘ʼʿʾ`´′ʹʻ")
# Letters that NFKD does not decompose into a base letter plus a mark.
_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d",
                          "ð": "d", "þ": "th", "ħ": "h", "ə": "a", "ŋ": "n"})

# The Arabic article with sun-letter assimilation, as romanised in English, French and BGN.
ARTICLES = frozenset({"al", "el", "il", "ul", "ad", "adh", "ed", "ar", "er", "as", "es", "ash",
                      "esh", "at", "et", "ath", "az", "ez", "an", "en", "al-"})

# One spelling per descriptor word, so "Ain al-Asad airbase" and "Ain al-Asad Air Base" share a key.
_SYNONYMS = {"airbase": "air base", "airbases": "air base", "neighborhood": "neighbourhood",
             "neighborhoods": "neighbourhood", "neighbourhoods": "neighbourhood",
             "governorate": "province", "governorates": "province", "provinces": "province",
             "districts": "district",
             "villages": "village", "towns": "town", "cities": "city", "bases": "base",
             "airfield": "air field", "oilfield": "oil field", "oilfields": "oil field",
             "gasfield": "gas field", "subdistrict": "sub district"}

# Trailing descriptor words → the place kinds they point to (empty: no preference).
DESCRIPTORS: dict[str, frozenset[str]] = {
    "province": frozenset({"region"}),
    "muhafazat": frozenset({"region"}), "muhafaza": frozenset({"region"}),
    "ostan": frozenset({"region"}), "wilayah": frozenset({"region"}),
    "district": frozenset({"county", "locality", "neighbourhood"}),
    "qada": frozenset({"county"}), "qadaa": frozenset({"county"}), "qadha": frozenset({"county"}),
    "county": frozenset({"county"}), "sub district": frozenset({"county", "locality"}),
    "nahiya": frozenset({"county", "locality"}), "nahiyah": frozenset({"county", "locality"}),
    "city": frozenset({"locality"}), "town": frozenset({"locality"}),
    "village": frozenset({"locality"}), "township": frozenset({"locality"}),
    "hamlet": frozenset({"locality"}), "municipality": frozenset({"locality", "county"}),
    "neighbourhood": frozenset({"neighbourhood", "locality"}), "quarter": frozenset({"neighbourhood"}),
    "base": frozenset({"facility", "airport"}), "air base": frozenset({"facility", "airport"}),
    "military base": frozenset({"facility", "airport"}), "air field": frozenset({"airport", "facility"}),
    "airport": frozenset({"airport", "facility"}), "garrison": frozenset({"facility"}),
    "outpost": frozenset({"facility"}), "camp": frozenset({"facility"}),
    "oil field": frozenset({"facility"}), "gas field": frozenset({"facility"}),
    "area": frozenset(), "areas": frozenset(), "region": frozenset(), "countryside": frozenset(),
    "outskirts": frozenset(),
}
# Descriptors that come before the name ("Camp Taji", "Mount Sinjar").
LEADING_DESCRIPTORS: dict[str, frozenset[str]] = {
    "camp": frozenset({"facility"}), "city": frozenset({"locality"}), "mount": frozenset(),
}

_VOWELS = "aeiou"
_FUZZY_REPLACEMENTS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("kh", "k"), ("gh", "k"),
                       ("dh", "d"), ("th", "t"), ("ph", "f"), ("ch", "j"), ("sh", "$"),
                       ("q", "k"), ("g", "k"), ("c", "k"), ("x", "k"), ("z", "d"), ("p", "b"),
                       ("v", "w"))
_DIPHTHONG_AY = re.compile(r"[ae][yi](?=[^aeiouy]|$)")
_DIPHTHONG_AW = re.compile(r"a[wu](?=[^aeiouw]|$)")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_FINAL_Y = re.compile(r"(?<=[^aeiou])y$")
_DOUBLES = re.compile(r"(.)\1+")
_FATHER = frozenset({"abu", "abou", "abo", "albu", "bu", "alabu"})


def fold(text: str) -> str:
    """Returns `text` lower-cased with diacritics and apostrophe marks removed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.translate(_MARKS).lower()


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """Returns the key of one word ("" for the article), descriptor synonyms applied."""
    folded = fold(token)
    if folded in ARTICLES:
        return ""
    return _SYNONYMS.get(folded, folded)


def is_possessive(word: str) -> bool:
    """True for "Baghdad's" / "Syria’s"; not for "Ra's" (the Arabic word for head, cape)."""
    return len(word) > 4 and word[-2] in "'’" and word[-1] in "sS"


def key_tokens(name: str) -> list[str]:
    """Returns the key words of a name: folded, article-free, possessive 's removed."""
    words = TOKEN.findall(name)
    if words and is_possessive(words[-1]):
        words[-1] = words[-1][:-2]
    keys = [k for k in (token_key(w) for w in words) if k]
    return " ".join(keys).split()


def name_key(name: str) -> str:
    """Returns the exact lookup key of a name: "Al-Qa'im" → "qaim", "Ain al-Asad" → "ain asad"."""
    return " ".join(key_tokens(name))


@lru_cache(maxsize=65536)
def fuzzy_token(word: str) -> str:
    """Returns the consonant skeleton of one key word ("qaim" → "km", "erbil" → "arbl")."""
    if not word.isalpha():
        return word
    if word in _FATHER:
        return "b"
    text = word
    for old, new in _FUZZY_REPLACEMENTS[:3]:
        text = text.replace(old, new)
    text = _DIPHTHONG_AY.sub("e", text)
    text = _DIPHTHONG_AW.sub("o", text)
    text = _FINAL_H.sub("", text)
    text = _FINAL_Y.sub("i", text)
    for old, new in _FUZZY_REPLACEMENTS[3:]:
        text = text.replace(old, new)
    initial = "a" if text[:1] in _VOWELS else text[:1]
    skeleton = initial + "".join(ch for ch in text[1:] if ch not in _VOWELS)
    return _DOUBLES.sub(r"\1", skeleton)


def fuzzy_key_of_tokens(tokens: list[str]) -> str:
    """Joins word skeletons; only the first word keeps its initial-vowel marker ("Tal Afar" = "Telafar")."""
    parts = [fuzzy_token(t) if i == 0 or t[:1] not in _VOWELS else fuzzy_token(t)[1:]
             for i, t in enumerate(tokens)]
    return _DOUBLES.sub(r"\1", "".join(parts))


def fuzzy_key(name: str) -> str:
    """Returns the spelling-insensitive key: "Qaim", "Al-Qa'im" and "Ka'im" all give "km"."""
    return fuzzy_key_of_tokens(key_tokens(name))


def split_descriptors(tokens: list[str]) -> tuple[list[str], frozenset[str] | None]:
    """Returns the name words without descriptor words around them, and the kinds those imply.

    "anbar province" → (["anbar"], {"region"}); "camp taji" → (["taji"], {"facility"});
    the kinds are None when there was no descriptor.
    """
    core = list(tokens)
    kinds: frozenset[str] | None = None
    while len(core) > 1:
        two = " ".join(core[-2:])
        if two in DESCRIPTORS and len(core) > 2:
            found, core = DESCRIPTORS[two], core[:-2]
        elif core[-1] in DESCRIPTORS:
            found, core = DESCRIPTORS[core[-1]], core[:-1]
        else:
            break
        kinds = found if kinds is None else (kinds | found)
    if len(core) > 1 and core[0] in LEADING_DESCRIPTORS:
        found, core = LEADING_DESCRIPTORS[core[0]], core[1:]
        kinds = found if kinds is None else (kinds | found)
    return core, kinds
