"""The gazetteer: places with coordinates and admin units, looked up by name or found in text.

`Gazetteer` is a service object built from a places file (the shipped
`dateline/data/gazetteer/places.tsv.gz`, made by `scripts/build_gazetteer.py` from Who's On
First, GeoNames, airportsdata and OpenSyria) plus the knowledge base's `[[facility]]` entries
(bases, embassies, oil fields, and corrections of badly named open-data places). Tests pass a
small places file; `Gazetteer.default(kb)` loads the shipped one.

Ranking of candidates for a name, best first:
1. the country hint, when given;
2. the kind a descriptor word asks for ("Anbar province" → region, "Qaim district" → district
   or town, "Mashtal neighborhood" → neighbourhood, "Ayn al-Asad air base" → facility);
3. entries of the curated facility table;
4. exact (normalised) matches before fuzzy ones;
5. significance: population where known, else an estimate from the feature (admin seat,
   village, abandoned), with fixed values for admin units so a big city outranks the
   province of the same name ("Baghdad", "Kirkuk") and a province outranks villages ("Anbar");
6. the place's own name before its aliases.

`find()` rules, so that people, agencies and English words are not taken for villages:
- exact normalised names only (fuzzy skeletons of "al-Kadhimi" or "State" hit real places);
- a name starts at a capitalised word (or an article before one: "al-Qaim"); inner words may
  be capitalised, articles, digits, or descriptor words ("air base", "province"); a name never
  crosses punctuation or a possessive ("Baghdad’s Mashtal" is two places); longest name wins;
- `stopwords.txt` words (weekdays, titles, agencies, first names) never make a place alone, and
  a name right after a title ("General", "spokesman") is a person's;
- not places: hyphenated adjectives ("Iran-aligned", "pro-Iran"), the head of an organisation's
  name ("Quds Force", "State Department"), acronyms of up to four capitals, part of a longer
  capitalised name that a place word follows ("the Hama Agha and Birdya villages");
- one-word names opening a sentence must be well known (rank ≥ 50,000, a region or a country),
  and names of three letters must be towns of some size (Hit, Kut), not "Jam" or "Ray";
- a neighbourhood needs its city in the same text ("Baghdad’s Mashtal") or a place word;
- a tiny village (no population, not an admin seat) needs a place word around it ("the village
  of X", "X village") or a locative preposition ("in", "near", ...) before its exact own name.
- words after a hill/village/well word ("Kafr Sousa") are the rest of an unknown name, and a name
  followed by a governing body in lower case ("the Deir ez-Zor military council", "the Baghdad
  government") is a party, curated towns included;
- a name built round the Arabic article ("Ras al-Ayin") may be another romanisation of a town or
  district of some size.
Curated facility-table entries pass every other rule but the stop list. Ambiguous villages prefer
the province or country of the sentence's other places; "Iraq's capital" and "northern Israel"
are read by dateline/extract/place_phrases.py. The word-level rules live in
dateline/extract/gazetteer_tokens.py.
"""
from __future__ import annotations

import gzip
import math
import warnings
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from rapidfuzz import fuzz, process

from dateline.extract.gazetteer_tokens import (
    _CONNECTORS, _DEMONYM, _GENERIC_HEADS, _LOCATIVE, _QUALIFIERS, _TITLES, _Token, adjectival,
    cue_after, cue_before, generic_head, list_start, organisation_follows, second_half, tokens_of)
from dateline.extract.gazetteer_spelling import RegionSpellings, build_region_spellings, final_h_variant, \
    other_spellings, region_word_after, settle_vowel_variants, vowel_variants
from dateline.extract.place_phrases import capitals, demonym_capitals, direction_regions, read_phrases
from dateline.extract.placenames import (
    DESCRIPTORS, NORMALIZER_VERSION, fuzzy_key, fuzzy_key_of_tokens, key_tokens, name_key, split_descriptors)

TINY = 1_000          # significance below which a locality is a village needing a cue
SIGNIFICANT = 5_000   # places fuzzy matching may find in running text
CURATED_RANK = 50_000
MAX_WORDS = 6
SENTENCE_START_RANK = 50_000   # a one-word name opening a sentence must be this significant
SHORT_NAME_RANK = 20_000   # a name of ≤ 3 letters must name a place more significant than this
SPELLING_RATIO = 70   # how close another romanisation must be, for a name a place word vouches for
ARTICLE_NAME_RATIO = 80   # ... and for a name built round the Arabic article ("Ras al-Ayin")
FOREIGN_CITY_RANK = 100_000   # a town abroad below this loses to a namesake in the sentence's country

# Facility-table kinds that are really populated places or admin units.
_KB_KINDS = {"town": "locality", "city": "locality", "village": "locality", "locality": "locality",
             "district": "county", "county": "county", "neighbourhood": "neighbourhood",
             "neighborhood": "neighbourhood", "airport": "airport", "region": "region"}



@dataclass(frozen=True, slots=True)
class Place:
    """A place: admin unit, town, neighbourhood, airport or facility, with its hierarchy."""

    name: str
    kind: str                 # country | region | county | locality | neighbourhood | airport | facility
    country: str
    admin1: str
    admin2: str
    parent: str               # the city of a neighbourhood or facility ("Baghdad"), else ""
    lat: float | None
    lon: float | None
    population: int | None
    source: str
    id: str
    feature: str = ""         # GeoNames feature code, or the facility-table kind ("base", "embassy")
    rank: int = 0             # significance used for ranking (see module docstring)
    note: str = ""            # precision note of a curated entry
    hosts: str = ""           # forces a curated base is known to host ("Military Forces of the United States")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name found in text: character offsets, the words, and candidates best first."""

    start: int
    end: int
    text: str
    places: tuple[Place, ...]
    qualifier: str | None = None     # "eastern" in "eastern Baghdad"


class GazetteerError(Exception):
    """A places file or facility entry that cannot be used; the message names it."""


def _stopwords() -> list[str]:
    text = (resources.files("dateline") / "data" / "gazetteer" / "stopwords.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places; infinite when either has no coordinates."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def _descriptor_compound(tokens: list[_Token], j: int) -> bool:
    """True for either half of a hyphenated place word ("sub-district", "air-base") inside a
    name: the hyphen joins the word's own halves, it does not make the name an adjective."""
    token = tokens[j]
    if token.cap or not token.key:
        return False
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    if after is not None and after.hyphen_before and f"{token.key} {after.key}" in DESCRIPTORS:
        return True
    before = tokens[j - 1]
    return token.hyphen_before and f"{before.key} {token.key}" in DESCRIPTORS


class Gazetteer:
    """Places by normalised name; see the module docstring for the ranking and find() rules."""

    def __init__(self, places_file: str | Path, facilities: Iterable[dict[str, Any]] = (),
                 stopwords: Iterable[str] | None = None) -> None:
        self.places: list[Place] = []
        self.demonyms: dict[str, str] = {}
        self._exact: dict[str, list[int]] = {}
        self._fuzzy: dict[str, list[int]] = {}
        self._primary: list[str] = []
        self._spellings: dict[int, list[str]] = {}   # all name keys of the sizeable places
        self._curated: set[int] = set()
        words = list(stopwords) if stopwords is not None else _stopwords()
        # "^Hit": a stop word only as a sentence's first word ("Hit by a drone, ..."), where
        # capitals say nothing; elsewhere the capital marks the town.
        self._stop = frozenset(name_key(w) for w in words if not w.startswith("^"))
        self._stop_initial = self._stop | frozenset(name_key(w[1:]) for w in words if w.startswith("^"))
        self._fuzzy_choices: list[str] | None = None
        self._by_id: dict[str, int] | None = None
        self._region_spellings: RegionSpellings | None = None
        self._load(Path(places_file))
        for entry in facilities:
            self._add_facility(entry)
        self._regions = {(p.country, p.admin1): i for i, p in enumerate(self.places) if p.kind == "region"}
        self._countries = {p.name: i for i, p in enumerate(self.places) if p.kind == "country"}
        self._country_names = frozenset(self._countries)
        self._capital_of, self._region_of = capitals(self.places), direction_regions(self.places)

    @classmethod
    def default(cls, kb: Any = None) -> "Gazetteer":
        """Returns the gazetteer of the shipped places file plus the KB's `[[facility]]` entries."""
        path = Path(str(resources.files("dateline") / "data" / "gazetteer" / "places.tsv.gz"))
        gazetteer = cls(path, kb.entries("facility") if kb is not None else ())
        if kb is not None:
            # "the Iraqi capital": the nationality adjectives of the KB's state forces.
            gazetteer.demonyms = {adjective.lower(): entry["country"] for entry in kb.entries("actor")
                                  if entry.get("type") == "state_military" and entry.get("country")
                                  for adjective in entry.get("adjectives", []) if adjective[1:].islower()}
        return gazetteer

    def country_names(self) -> frozenset[str]:
        """The names of the countries the gazetteer knows (built once, at load)."""
        return self._country_names

    # ---- loading -------------------------------------------------------------------------

    def _load(self, path: Path) -> None:
        opener = gzip.open if path.suffix == ".gz" else open
        try:
            with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
                first = handle.readline()
                current = f"normalizer {NORMALIZER_VERSION};" in first
                header = handle.readline().rstrip("\n").split("\t") if first.startswith("#") else first.rstrip("\n").split("\t")
                lines = handle.read().splitlines()
        except OSError as error:
            raise GazetteerError(f"{path}: cannot read the places file ({error})") from error
        if not current:
            warnings.warn(f"{path} was built with another name normaliser; recomputing keys (slow). "
                          "Rebuild it with scripts/build_gazetteer.py.", stacklevel=3)
        column = {name: i for i, name in enumerate(header)}
        try:
            get = [column[c] for c in ("name", "kind", "country", "admin1", "admin2", "parent", "lat", "lon",
                                       "population", "source", "id", "feature", "rank", "aliases", "keys",
                                       "fuzzy")]
        except KeyError as error:
            raise GazetteerError(f"{path}: missing column {error}") from error
        shared: dict[str, str] = {}   # one string object per repeated value saves ~30% memory
        for number, line in enumerate(lines, start=3):
            cells = line.split("\t")
            try:
                (name, kind, country, admin1, admin2, parent, lat, lon, population, source, id_,
                 feature, rank, aliases, keys, fuzzies) = (cells[i] for i in get)
                place = Place(name, shared.setdefault(kind, kind), shared.setdefault(country, country),
                              shared.setdefault(admin1, admin1), shared.setdefault(admin2, admin2),
                              shared.setdefault(parent, parent), float(lat) if lat else None,
                              float(lon) if lon else None, int(population) if population else None,
                              shared.setdefault(source, source), id_, shared.setdefault(feature, feature),
                              int(rank or 0))
            except (IndexError, ValueError) as error:
                raise GazetteerError(f"{path}:{number}: malformed row ({error})") from error
            names = [name, *aliases.split("|")] if aliases else [name]
            if current:
                self._index(place, keys.split("|") if keys else [], fuzzies.split("|") if fuzzies else [])
            else:
                self._index(place, [name_key(n) for n in names], [fuzzy_key(n) for n in names])

    def _index(self, place: Place, keys: list[str], fuzzies: list[str], at: int | None = None) -> int:
        if at is None:
            at = len(self.places)
            self.places.append(place)
            self._primary.append(keys[0] if keys else "")
        else:
            self.places[at] = place
            self._primary[at] = keys[0] if keys else self._primary[at]
        if place.rank >= SIGNIFICANT and len(keys) > 1:
            self._spellings[at] = keys
        for table, values in ((self._exact, keys), (self._fuzzy, fuzzies)):
            for value in values:
                if value:
                    bucket = table.setdefault(value, [])
                    if at not in bucket:
                        bucket.append(at)
        return at

    def _add_facility(self, entry: dict[str, Any]) -> None:
        where = f"{entry.get('_file', 'facility table')}: facility {entry.get('name')!r}"
        missing = [f for f in ("name", "kind", "country", "lat", "lon", "source") if entry.get(f) in (None, "")]
        if missing:
            raise GazetteerError(f"{where}: missing {', '.join(missing)}")
        if self._by_id is None:
            self._by_id = {p.id: i for i, p in enumerate(self.places)}
        replaced = self._by_id.get(str(entry.get("same_as") or ""))
        try:
            place = Place(str(entry["name"]), _KB_KINDS.get(str(entry["kind"]), "facility"),
                          str(entry["country"]), str(entry.get("admin1", "")), str(entry.get("admin2", "")),
                          str(entry.get("parent", "")), float(entry["lat"]), float(entry["lon"]),
                          int(entry["population"]) if entry.get("population") else None, str(entry["source"]),
                          str(entry.get("same_as") or "kb:" + name_key(str(entry["name"])).replace(" ", "-")),
                          str(entry["kind"]), CURATED_RANK, str(entry.get("precision_note", "")),
                          str(entry.get("hosts", "")))
        except (TypeError, ValueError) as error:
            raise GazetteerError(f"{where}: {error}") from error
        names = [place.name, *(str(a) for a in entry.get("aliases", []))]
        keys = [k for k in (name_key(n) for n in names) if k]
        fuzzies = [k for k in (fuzzy_key(n) for n in names) if k]
        # A corrected open-data record keeps its own keys (they point at the same slot), so its
        # spellings still find the corrected place.
        self._curated.add(self._index(place, keys, fuzzies, at=replaced))
        self._fuzzy_choices = None

    # ---- lookup --------------------------------------------------------------------------

    def lookup(self, name: str, country: str | None = None) -> list[Place]:
        """Returns candidate places for a name, best first (see the module docstring)."""
        tokens = key_tokens(name)
        if not tokens:
            return []
        core, hint = split_descriptors(tokens)
        keys = {" ".join(tokens), " ".join(core)}
        found = {i for k in keys for i in self._exact.get(k, ())}
        level = 0
        core_key, skeleton = " ".join(core), fuzzy_key_of_tokens(core)
        if not found:
            # Short skeletons ("km", "adr") collide across unrelated names: confirm those by
            # the spelling of the place's own name.
            found = {i for i in self._fuzzy.get(skeleton, ())
                     if len(skeleton) >= 4 or fuzz.ratio(core_key, self._primary[i]) >= 70}
            level = 1
        if not found:
            found = {i for i in self._near_spellings(skeleton) if fuzz.ratio(core_key, self._primary[i]) >= 75}
            level = 2
        wanted = self.country_place(country).name if country and self.country_place(country) else country
        return self._ranked(found, keys, hint, wanted, level)

    def _ranked(self, found: Iterable[int], keys: set[str], hint: frozenset[str] | None,
                country: str | None, level: int = 0) -> list[Place]:
        def order(i: int) -> tuple[Any, ...]:
            place = self.places[i]
            return (country is not None and place.country != country,
                    bool(hint) and place.kind not in hint,
                    i not in self._curated, level, -place.rank, self._primary[i] not in keys, place.name)
        return [self.places[i] for i in sorted(found, key=order)]

    def _near_spellings(self, skeleton: str) -> set[int]:
        """Fuzzy scan of significant places' skeletons; only for lookups nothing else matched."""
        if len(skeleton) < 4:
            return set()
        if self._fuzzy_choices is None:
            self._fuzzy_choices = [k for k, ids in self._fuzzy.items()
                                   if any(self.places[i].rank >= SIGNIFICANT or i in self._curated for i in ids)]
        hits = process.extract(skeleton, self._fuzzy_choices, scorer=fuzz.ratio, score_cutoff=85, limit=5)
        return {i for key, _, _ in hits for i in self._fuzzy[key]
                if self.places[i].rank >= SIGNIFICANT or i in self._curated}

    def country_place(self, name: str) -> Place | None:
        """Returns the country place for an English name or alias ("Iraq", "Türkiye")."""
        if name in self._countries:
            return self.places[self._countries[name]]
        for i in self._exact.get(name_key(name), ()):
            if self.places[i].kind == "country":
                return self.places[i]
        return None

    def admin1_place(self, country: str, admin1: str) -> Place | None:
        """Returns the region (first-level division) of that short name in that country."""
        found = self._regions.get((country, admin1))
        if found is None:
            key = name_key(admin1)
            found = next((i for i in self._exact.get(key, ()) if self.places[i].kind == "region"
                          and self.places[i].country == country), None)
        return self.places[found] if found is not None else None

    def contains(self, outer: Place, inner: Place) -> bool:
        """True when `inner` lies within `outer`: a town in a country, a base in a province, a
        neighbourhood or facility in a city (by its `parent`, or by distance for points near a city)."""
        if outer.id == inner.id:
            return True
        if outer.kind == "country":
            return inner.kind != "country" and inner.country == outer.name
        if inner.country != outer.country:
            return False
        if outer.kind == "region":
            return inner.kind not in ("country", "region") and inner.admin1 == outer.admin1
        if outer.kind == "county":
            return inner.kind not in ("country", "region", "county") and inner.admin1 == outer.admin1 \
                and name_key(inner.admin2) == name_key(outer.admin2)
        if inner.parent and name_key(inner.parent) == name_key(outer.name):
            return not inner.admin1 or not outer.admin1 or inner.admin1 == outer.admin1
        if outer.kind == "locality" and inner.kind in ("neighbourhood", "facility", "airport") \
                and inner.admin1 == outer.admin1:
            # A city's extent grows with its size: ~21 km for Baghdad, ~3 km for a small town.
            radius = 2.0 + 0.008 * math.sqrt(outer.population or outer.rank)
            return distance_km(outer, inner) <= radius
        return False

    # ---- finding names in text -----------------------------------------------------------

    def find(self, text: str) -> list[PlaceMention]:
        """Returns the place names in a sentence, left to right (rules in the module docstring)."""
        tokens = tokens_of(text)
        sentence_keys = " " + " ".join(t.key for t in tokens) + " "
        mentions: list[PlaceMention] = []
        owns: list[int] = []   # how many of each mention's places are of its own spelling
        i = 0
        while i < len(tokens):
            if second_half(tokens, i, self._stop_initial if tokens[i - 1].sentence_start else self._stop):
                i += 1
                while i < len(tokens) and tokens[i].joined and (tokens[i].cap or not tokens[i].key):
                    i += 1
                continue
            found = self._match_at(tokens, i, sentence_keys) if self._may_start(tokens, i) else None
            if found is None:
                i += 1
                continue
            end, places, own = found
            if generic_head(tokens, i, end):
                i = end
                continue
            start_char, end_char = tokens[i].start, tokens[end - 1].end
            before = tokens[i - 1].key if i > 0 and tokens[i - 1].joined else None
            qualifier = before if before in _QUALIFIERS and not tokens[i - 1].cap else None
            if mentions and tokens[i - 1].possessive and mentions[-1].end == tokens[i - 1].end:
                owner = mentions[-1].places[0]
                places = sorted(places, key=lambda p: not self.contains(owner, p))
            mentions.append(PlaceMention(start_char, end_char, text[start_char:end_char], tuple(places), qualifier))
            owns.append(own)
            i = end
        mentions = settle_vowel_variants(mentions, owns, SIGNIFICANT)
        found = read_phrases(text, self._in_context(mentions), self.places, self._capital_of, self._region_of)
        extra = demonym_capitals(text, found, self.places, self._capital_of, self.demonyms) if self.demonyms else []
        return sorted(found + extra, key=lambda m: m.start) if extra else found

    def _in_context(self, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """Prefers, for an ambiguous village name, the candidate in a province or country that
        the sentence's unambiguous places are in ("the village of Albu Ali near Ramadi")."""
        sure_mentions = [m for m in mentions if len(m.places) == 1 or m.places[0].rank >= SIGNIFICANT]
        out = []
        for mention in mentions:
            sure = [m.places[0] for m in sure_mentions if m is not mention]
            admin1s = {(p.country, p.admin1) for p in sure if p.admin1}
            countries = {p.country for p in sure}
            top = mention.places[0]
            others = {p.country for m in mentions if m is not mention for p in m.places[:1]}
            # "Al-Zahraa neighbourhood west of Aleppo": a town or quarter abroad (Zahra, Kuwait)
            # loses to the namesake in the country of the sentence's other places, unless a city.
            abroad = top.kind in ("locality", "neighbourhood") and top.rank < FOREIGN_CITY_RANK and others and \
                top.country not in others and any(p.country in others for p in mention.places[1:])
            if len(mention.places) > 1 and (top.rank < SIGNIFICANT or abroad) and (admin1s or countries):
                ordered = sorted(mention.places, key=lambda p: ((p.country, p.admin1) not in admin1s,
                                                                p.country not in countries))
                mention = PlaceMention(mention.start, mention.end, mention.text, tuple(ordered), mention.qualifier)
            out.append(mention)
        return out

    def _may_start(self, tokens: list[_Token], i: int) -> bool:
        token = tokens[i]
        if not token.key:
            # An article starts a name ("al-Qaim", "al Asad air base", "Al Qa'im"), but a lowercase
            # "at", "as", "an" before a space is the English word ("at Tower 22").
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            return following is not None and following.joined and following.cap and (
                token.cap or following.hyphen_before or token.arabic_article)
        if not token.cap or token.key.isdigit() or adjectival(tokens, i):
            return False
        return not (i > 0 and tokens[i - 1].joined and tokens[i - 1].key in _TITLES)

    def _match_at(self, tokens: list[_Token], i: int, sentence_keys: str) -> tuple[int, list[Place], int] | None:
        words: list[str] = []
        ends: list[tuple[int, list[str]]] = []
        j = i
        while j < len(tokens) and j - i < MAX_WORDS:
            token = tokens[j]
            if j > i:
                inner_ok = token.cap or not token.key or token.key.isdigit() or token.key in _CONNECTORS \
                    or token.key in DESCRIPTORS or token.key in ("air", "military", "oil", "gas", "field", "fields", "sub", "border", "embassy", "consulate", "general", "airport", "base")
                if not token.joined or not inner_ok or (adjectival(tokens, j) and not _descriptor_compound(tokens, j)):
                    break
            if token.key:
                words.extend(token.key.split())
                if token.key not in _CONNECTORS:
                    ends.append((j + 1, list(words)))
            if token.possessive:
                break
            j += 1
        for end, key_words in reversed(ends):
            found = self._candidates(tokens, i, end, key_words, sentence_keys)
            if found:
                return end, *found
        return None

    def _candidates(self, tokens: list[_Token], i: int, end: int, words: list[str],
                    sentence_keys: str) -> tuple[list[Place], int] | None:
        key = " ".join(words)
        core, hint = split_descriptors(words)
        core_key = " ".join(core)
        stop = self._stop_initial if tokens[i].sentence_start else self._stop
        if not core or core_key in DESCRIPTORS:
            return None
        if (key in stop or core_key in stop) and not (hint is None and self._place_word_around(tokens, i, end, None)):
            # "Dana" is a first name, but "the town of Dana" is the town.
            return None
        span = tokens[i:end]
        acronym = all(t.caps or not t.key for t in span) and sum(len(t.key) for t in span) <= 4
        # Exact keys only: consonant skeletons of person names ("al-Kadhimi", "Saadi") and
        # English words ("State") hit real places too often; lookup() is the fuzzy entry point.
        found = set(self._exact.get(key, ())) | set(self._exact.get(core_key, ()))
        run_start, run_end = self._capitalised_run(tokens, i, end)
        vouched = self._place_word_around(tokens, i, end, hint) and run_end <= end
        if not found and vouched:
            # "Baghdad's Zeyouneh neighbourhood", "the village of Shdar": the place word vouches
            # for a name, so another romanisation of a town or quarter may be taken.
            found = self._spelled_otherwise(core)
        loosely: set[int] = set()
        if vouched:
            # "the towns of Derbasia and Meshref": other vowels of villages of the same skeleton,
            # after the name's own places (gazetteer_spelling).
            loosely = vowel_variants(self, core, fuzzy_key_of_tokens(core)) - found
            found = found | loosely
        if not found:
            if self._region_spellings is None:
                self._region_spellings = build_region_spellings(self._exact, self.places)
            found = other_spellings(self, tokens, i, end, core, hint, run_start == i and run_end == end)
        if not found:
            return None
        cue = hint is not None or cue_before(tokens, i) or cue_before(tokens, list_start(tokens, i))
        word_after = cue_after(tokens, run_end)
        partial = run_start < i or run_end > end
        # "Kafr Sousa", "Tal Hamis": the words after a hill/village/well word are the rest of a
        # longer name the gazetteer does not know, not a town of their own name elsewhere.
        headed = run_start < i and tokens[run_start].key in _GENERIC_HEADS
        # "Khor Mor gas field": a town named by the first word of an unknown field is not the field.
        if run_end > end and any(t.key in ("field", "oil field", "gas field") for t in tokens[end:run_end + 2]):
            found = {x for x in found if x in self._curated}
        # "Sarja Sharqiya village": the place word names the whole capitalised run, not its end
        # (an adjective before it, "Syrian Abu Kamal city", is no part of the name).
        named_whole = hint is not None and run_start < i and not any(
            _DEMONYM.search(t.key) or t.key in _TITLES for t in tokens[run_start:i])
        in_organisation = organisation_follows(tokens, end)
        sentence_initial = tokens[i].sentence_start and end == i + 1 and hint is None
        locative = i > 0 and tokens[i - 1].joined and tokens[i - 1].key in _LOCATIVE and not tokens[i - 1].cap
        kept = []
        for x in found:
            place = self.places[x]
            if x in self._curated and not (in_organisation and place.kind in ("locality", "county", "region")):
                kept.append(x)
            elif in_organisation or (partial and (word_after or named_whole)) or headed:
                # "Quds Force", "State Department"; "the Hama Agha and Birdya villages" names
                # villages called "Hama Agha", not Hama.
                continue
            elif acronym and place.kind not in ("airport", "country"):
                continue
            elif sentence_initial and place.rank < SENTENCE_START_RANK and place.kind not in ("country", "region"):
                # A sentence's first word is capitalised anyway and is usually English ("Door",
                # "Salt"); only well-known places are taken there on a single word.
                continue
            elif len(core_key) <= 3 and place.rank <= SHORT_NAME_RANK:
                # Three-letter names are often English words or first names ("Jam", "Ray");
                # only towns as big as Hit or Kut are taken on capitals alone.
                continue
            elif place.kind == "neighbourhood" and not (cue or word_after) and \
                    f" {name_key(place.parent)} " not in sentence_keys:
                continue
            elif place.kind == "locality" and place.rank < TINY and not (cue or word_after) and \
                    not (locative and not partial and self._primary[x] in (core_key, final_h_variant(core_key))):
                continue
            else:
                kept.append(x)
        if not kept:
            return None
        if hint is None and region_word_after(tokens, end, plural=True):
            hint = frozenset({"region"})   # "Aleppo and Idlib provinces": the provinces, not the cities
        own = [x for x in kept if x not in loosely]
        return self._ranked(own, {key, core_key}, hint, None) + \
            self._ranked([x for x in kept if x in loosely], {key, core_key}, hint, None), len(own)

    def _place_word_around(self, tokens: list[_Token], i: int, end: int, hint: frozenset[str] | None) -> bool:
        """True when a town or quarter word names the words as a place ("X neighbourhood",
        "the village of X"); "area" or "district" alone do not."""
        if hint is not None:
            return bool(hint & {"locality", "neighbourhood"}) and "county" not in hint
        # "the towns of Derbasia and Meshref": the word before a list names each of its names.
        i = list_start(tokens, i)
        return cue_before(tokens, i) and tokens[i - 1 if tokens[i - 1].key != "of" else i - 2].key in (
            "village", "town", "city", "neighbourhood", "quarter", "hamlet", "suburb", "suburbs")

    def _spelled_otherwise(self, core: list[str], min_rank: int = 0, ratio: int = SPELLING_RATIO,
                           every_spelling: bool = False) -> set[int]:
        """Towns and quarters (districts too, from `min_rank` up) whose consonant skeleton and
        spelling are close to the name's."""
        core_key, skeleton = " ".join(core), fuzzy_key_of_tokens(core)
        if len(core_key) < 4:
            return set()
        kinds = ("locality", "neighbourhood") if not min_rank else ("locality", "county")
        # With `every_spelling`, a sizeable place is compared with each of its spellings
        # ("Shaddadi" with the "Shadadi" of Ash Shaddadah), otherwise with its own name only.
        return {x for x in self._fuzzy.get(skeleton, ())
                if self.places[x].kind in kinds and self.places[x].rank >= min_rank
                and max(fuzz.ratio(core_key, key) for key in
                        (self._spellings.get(x, [self._primary[x]]) if every_spelling else [self._primary[x]])) >= ratio}

    def _capitalised_run(self, tokens: list[_Token], i: int, end: int) -> tuple[int, int]:
        """Returns the extent of the capitalised words around a match (an unknown longer name)."""
        start = i
        while start > 0 and tokens[start].joined and tokens[start - 1].cap and tokens[start - 1].key \
                and tokens[start - 1].key not in self._stop and not tokens[start - 1].possessive:
            start -= 1
        stop = end
        while stop < len(tokens) and tokens[stop].joined and tokens[stop].cap and not tokens[stop - 1].possessive:
            stop += 1
        return start, stop

