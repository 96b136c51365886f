"""Other romanisations the gazetteer's exact and skeleton keys miss, read only where the text
vouches for a place.

- Provinces under a province word: Turkish and Persian outlets romanise Arabic names with s for
  th and z for dh ("Musenna" for Muthanna, "Ziqar" for Dhi Qar, "Selahaddin"); "Musenna,
  Qadisiyyah and Ziqar provinces" names three first-level units. There are few of them, so a
  close spelling (after folding th → s, dh → z) of a region's name or alias is safe to take when
  "province"/"governorate" follows the name or closes the list it stands in.
- A whole capitalised name after "in" or "near" with a sizeable town's skeleton and a very
  close spelling: "Qodsayya" for Qudsayya.
- The feminine ending without its h: "Qayyara" for "Qayyarah", "Mutaibija" for "Mutaibijah".
- A glide between vowels: "Ras al-Ayin" and "Ra's al 'Ayn", "Dayir" and "Dair": the y or w
  between two vowels is dropped for a second skeleton.
- Vowels as Kurdish and Turkish outlets write them: "Meshref" for Mashrafah, "Derbasia" for
  Darbasiyah (e for a, o for u, the -ah ending left out). A name a town word vouches for ("the
  towns of X and Y", "X village") also stands for the villages of its consonant skeleton spelled
  alike once those vowels are folded; they rank after the places of the name's own spelling, so
  they count only where the sentence's other places put the name in their province or country.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any, Iterable

from rapidfuzz import fuzz

REGION_RATIO = 80        # how close a province's other spelling must be to a region's name
LOCATIVE_SPELLING_RATIO = 85   # ... a whole name after "in"/"near" to a sizeable town's
_LOCATIVES = frozenset({"in", "near", "outside", "at"})
_REGION_WORDS = frozenset({"province", "muhafazat", "muhafaza", "ostan", "wilayah"})
_GLIDE = re.compile(r"(?<=[aeiou])[yw](?=[aeiou])")
_TRANSLIT = (("th", "s"), ("dh", "z"), ("ou", "u"), ("ee", "i"))


LOOSE_VOWEL_RATIO = 90   # how close two spellings must be once their vowels are folded
_VOWEL_FOLDS = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("e", "a"), ("o", "u"))


def vowel_folded(key: str) -> str:
    """The key with its vowels as one romanisation writes them: e → a, o → u, no final h after a
    vowel, no doubled letters ("meshref" → "mashraf", "mashrafah" → "mashrafa")."""
    text = key.replace(" ", "")
    for old, new in _VOWEL_FOLDS:
        text = text.replace(old, new)
    text = re.sub(r"(?<=[aiu])h$", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


def vowel_variants(gazetteer: Any, core: list[str], skeleton: str) -> set[int]:
    """Towns and quarters (indices) of the name's consonant skeleton spelled like it once vowels
    are folded (module docstring)."""
    folded = vowel_folded(" ".join(core))
    if len(folded) < 5:
        return set()
    return {x for x in gazetteer._fuzzy.get(skeleton, ())
            if gazetteer.places[x].kind in ("locality", "neighbourhood")
            and fuzz.ratio(folded, vowel_folded(gazetteer._primary[x])) >= LOOSE_VOWEL_RATIO}


def settle_vowel_variants(mentions: list[Any], owns: list[int], sure_rank: int) -> list[Any]:
    """Keeps a mention's vowel variants (its places after the first `own`) only where they lie
    in a province the sentence's other sure places are in and none of its own places does, and
    puts them first there ("the towns of Derbasia and Meshref in ... Ras al-Ayin"); drops them
    elsewhere (and a mention left with no place)."""
    if all(own == len(m.places) for m, own in zip(mentions, owns)):
        return mentions
    out = []
    for index, (mention, own) in enumerate(zip(mentions, owns)):
        places = mention.places
        if own < len(places):
            areas = {(m.places[0].country, m.places[0].admin1) for k, m in enumerate(mentions)
                     if k != index and owns[k] and (owns[k] == 1 or m.places[0].rank >= sure_rank)
                     and m.places[0].admin1}
            mine, variants = places[:own], places[own:]
            there = [p for p in variants if (p.country, p.admin1) in areas]
            places = tuple(there) + mine if there and not any((p.country, p.admin1) in areas for p in mine) \
                else mine
            if not places:
                continue
            mention = dataclasses.replace(mention, places=places)
        out.append(mention)
    return out


def _loose(key: str) -> str:
    text = key.replace(" ", "")
    for old, new in _TRANSLIT:
        text = text.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", text)


def without_glides(words: list[str]) -> list[str]:
    """The key words with a y or w between two vowels dropped ("ayin" → "ain")."""
    return [_GLIDE.sub("", w) for w in words]


def final_h_variant(key: str) -> str:
    """The key with an h after the final vowel of its last word ("qayyara" → "qayyarah"), as the
    gazetteer's romanisations write the feminine ending, or "" for a short word or another ending."""
    return key + "h" if len(key) >= 5 and key.endswith(("a", "e")) else ""


def region_word_after(tokens: list[Any], end: int, plural: bool = False) -> bool:
    """True when a province word follows the name, possibly after the rest of a list of names
    ("Musenna, Qadisiyyah and Ziqar provinces"); with `plural`, only a plural word closing a list
    ("Aleppo and Idlib provinces", not "Baghdad and Anbar province")."""
    for token in tokens[end:end + 8]:
        if token.key in _REGION_WORDS:
            return not plural or (token.plural and token is not tokens[end])
        if not (token.cap or token.key in ("and", "or") or not token.key):
            return False
    return False


class RegionSpellings:
    """Region names and aliases by a loose key, for close-spelling lookups."""

    def __init__(self, exact: dict[str, list[int]], kinds: list[str]) -> None:
        self._keys: list[tuple[str, int]] = [(_loose(key), i) for key, ids in exact.items()
                                             for i in ids if kinds[i] == "region"]

    def close(self, core_key: str) -> set[int]:
        """The regions whose name or alias is spelled closest to `core_key`, if close enough."""
        loose = _loose(core_key)
        if len(loose) < 4:
            return set()
        scored = [(fuzz.ratio(loose, key), i) for key, i in self._keys if abs(len(key) - len(loose)) <= 3]
        best = max((s for s, _ in scored), default=0)
        return {i for s, i in scored if s == best} if best >= REGION_RATIO else set()


def build_region_spellings(exact: dict[str, list[int]], places: Iterable[Any]) -> RegionSpellings:
    return RegionSpellings(exact, [p.kind for p in places])


def other_spellings(gazetteer: Any, tokens: list[Any], i: int, end: int, core: list[str],
                    hint: frozenset[str] | None, whole: bool) -> set[int]:
    """The gazetteer's places (indices) the words tokens[i:end] name under another spelling, in
    the contexts that vouch for one (module docstring); `whole` when the words are the whole
    capitalised run around them."""
    from dateline.extract.gazetteer import ARTICLE_NAME_RATIO, SIGNIFICANT
    core_key = " ".join(core)
    found: set[int] = set()
    if len(core) >= 2 and any(not t.key for t in tokens[i + 1:end]):
        # "Ras al-Ayin", "Deir ez-Zour": a name built round the Arabic article is no English
        # word or first name; another romanisation of a sizeable town or district is taken.
        found = gazetteer._spelled_otherwise(core, SIGNIFICANT, ARTICLE_NAME_RATIO) or \
            gazetteer._spelled_otherwise(without_glides(core), SIGNIFICANT, ARTICLE_NAME_RATIO)
    if not found and ((hint is not None and "region" in hint) or region_word_after(tokens, end)):
        found = gazetteer._region_spellings.close(core_key)   # "Musenna ... provinces"
    if not found and i > 0 and tokens[i - 1].joined and tokens[i - 1].key in _LOCATIVES \
            and not tokens[i - 1].cap and whole and not tokens[end - 1].possessive:
        # "killed by security forces in Qodsayya": after "in" or "near", a whole capitalised
        # name spelled very like a sizeable town (same skeleton) is that town.
        found = gazetteer._spelled_otherwise(core, SIGNIFICANT, LOCATIVE_SPELLING_RATIO, every_spelling=True)
    if not found:
        # "Qayyara" for "Qayyarah": the final h of the feminine ending is left out (a village
        # still needs a place word or a preposition, as under its own spelling).
        found = set(gazetteer._exact.get(final_h_variant(core_key), ()))
    return found
