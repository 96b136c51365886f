"""Finds the parties named in a sentence and gives their canonical ACLED-style names.

The names and spellings are data (`[[actor]]` entries in the knowledge base, see
`dateline/data/kb/actors.toml`); this module only knows how news English writes them:
hyphenated compounds ("US-led", "Iran-backed"), possessives, bracketed acronyms,
demonyms used as adjectives and state names used for their governments.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from dateline.extract.actor_conventions import apply_conventions
from dateline.extract.kb import KnowledgeBase, KnowledgeBaseError

ACTOR_TYPES = frozenset({
    "state_military", "government", "police", "militia", "rebel", "terrorist", "coalition",
    "civilians", "protesters", "rioters", "political", "international",
})
PLACEHOLDER = "{country}"

# Dotted acronyms ("U.S.") are one token; "'s" is its own token so possessives neither join
# the word ("Hezbollah's") nor block aliases that contain them ("Iran's Revolutionary Guards");
# other apostrophes stay inside the word and are dropped when normalising ("Kata'ib").
_TOKEN = re.compile(r"[A-Za-z]\.(?:[A-Za-z]\.?)+|['’ʼ]s\b|\w+(?:['’ʼ‘`](?!s\b)\w+)*(?:['’ʼ](?!\w))?")
_APOSTROPHES = str.maketrans("", "", "'’ʼ‘`.")
_JOINER = re.compile(r"\s*[-‐‑]?\s*")          # what may separate two words of one name
_HYPHEN_AFTER = re.compile(r"[-‐‑]\w")
_HYPHEN_BEFORE = re.compile(r"\w[-‐‑]$")
# "in Iraq", "near Baghdad", "in Iraq, Syria and Jordan": a state name as a place, not a party.
# The object of an attack word is a place too ("rockets hit Baghdad", "an attack on Israel").
_LOCATIVE = re.compile(
    r"\b(?:in|In|near|at|inside|outside|across|throughout|into|from|to|toward|towards|around|over|"
    r"within|of|via|through|on|onto|against|targeting|targeted|hit|hitting|struck|striking|shelled|"
    r"bombed|bombarding|overran|capital,?)\s+(?:the\s+)?(?:(?i:north|south|east|west|central|north-?east|"
    r"north-?west|south-?east|south-?west)(?:ern)?\s+|neighbou?ring\s+)?(?:(?:Rural|Greater|Old|Outer|Upper|Lower|Metropolitan|New)\s+)?(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s*(?P<separator>,\s*(?:and|or)|,|and|or)\s+)*$")
# "blamed on Israel", "pinned on Iran": the party held responsible, not a place.
_BLAMED_ON = re.compile(r"\b(?:blamed|pinned)\s+on\s+$", re.I)
_COORDINATED_FORCES = re.compile(
    r"\b(?P<first>[A-Z][a-z]+|U\.?S\.?|UK|[Rr]egime)\s+(?:and|or|and/or|&)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<head>warplanes|war\s+planes|jets|aircraft|helicopters|drones|forces|troops|soldiers|army|"
    r"police|militias|fighters)\b")
# "SINJAR, Iraq - ...", "ERBIL, Kurdistan Region -": the place line that opens a wire story.
_DATELINE = re.compile(r"(?:^|\n)\s*[A-Z][A-Z .'’-]{2,},\s*$")
# "Baghdad: Four soldiers…", "Baghdad – A contractor…": a place line opening the text.
_PLACE_LINE = re.compile(r"\s*(?::|[–—]|-\s)")
_LIST_GOES_ON = re.compile(r"\s*(?:,\s*(?:and|or)\b|,|and\b|or\b)\s*[A-Z]")
_PLACE_NOUNS = frozenset({
    "province", "governorate", "city", "airport", "border", "region", "countryside", "outskirts",
    "district", "desert", "street", "streets", "territory", "soil", "airspace", "sovereignty",
    "side", "capital", "neighbourhood", "neighborhood",
})
# Words after a demonym that show it is not used before a noun ("the US said", "US and Iraqi").
_FUNCTION_WORDS = frozenset({
    "and", "or", "but", "nor", "to", "in", "on", "of", "for", "with", "as", "at", "by", "from",
    "that", "which", "who", "whom", "whose", "has", "have", "had", "is", "are", "was", "were",
    "be", "been", "will", "would", "shall", "should", "could", "can", "may", "might", "must",
    "did", "does", "do", "not", "also", "said", "says", "say", "told", "if", "than", "then",
    "after", "before", "since", "while", "into", "over", "against", "s",
})
_BRACKET_OPEN = re.compile(r"\s*[(\[]")
_BRACKET_FILLER = re.compile(r"[\s,;]*(?:(?:or|aka|also known as|known as|formerly|the)[\s,;]+)*", re.I)
_APPOSITION = re.compile(r"\s*(?:,\s*)?(?:(?:an?|the)\s+)?")
# "drones, believed to be Israeli": a demonym as the predicate names whose they were.
# Only of arms and strikes: "a commander, believed to be Turkish" is a person's nationality.
BELIEVED_TO_BE = re.compile(
    r"\b(?:drones?|UAVs?|missiles?|rockets?|projectiles?|aircraft|jets?|warplanes?|planes?|helicopters?|strikes?|"
    r"airstrikes?|attacks?|raids?|shells?|bombs?),?\s+(?:which\s+(?:was|were|is|are)\s+|(?:was|were|is|are)\s+)?"
    r"(?:widely\s+)?(?:believed|thought|suspected|said|reported|presumed|understood|assumed)\s+to\s+"
    r"(?:be|have\s+been)\s+(?:an?\s+)?$", re.I)
_DESCRIBES_GROUP = re.compile(
    r"\s+(?:(?:paramilitary|militia|armed|Shi[a'’]?(?:ite)?|Sunni|Kurdish|Islamist|jihadist|militant|rebel|opposition|"
    r"pro-[\w-]+|[\w]+-(?:backed|aligned|allied|led)|umbrella|elite|powerful|hardline)\s+){1,2}", re.I)
_DESCRIBES_THING = re.compile(
    r"[\s-]+(?:groups?|networks?|organi[sz]ations?|monitors?|collectives?|agenc(?:y|ies)|committees?|"
    r"airports?)\b", re.I)
_MEMBERS_FROM = re.compile(r"\s+(?:from|of)\s+(?:the\s+)?")
_STATE_TYPES = frozenset({"state_military", "government", "police"})
_ARMED_TYPES = frozenset({"militia", "rebel", "terrorist"})


@dataclass(frozen=True)
class Actor:
    """A party as records name it; `parent` lists the groups it belongs to (by name)."""

    name: str
    type: str
    country: str | None = None
    parent: tuple[str, ...] = ()
    generic: bool = False
    country_from_context: bool = False


@dataclass(frozen=True)
class ActorMention:
    """Where a sentence names an actor; `how` is alias, acronym, adjective, generic or context."""

    start: int
    end: int
    text: str
    actor: Actor
    how: str
    possessive: bool = False

    @property
    def name(self) -> str:
        return self.actor.name


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    exact: str      # as written, dots removed ("U.S." -> "US")
    norm: str       # lower case, apostrophes and dots removed


@dataclass(frozen=True)
class _Surface:
    """One way of writing one actor: which tokens must keep their capitals, and how it matched."""

    actor: str
    how: str
    exact: tuple[str | None, ...]
    order: int


def _tokens(text: str) -> list[_Token]:
    found = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        if word[0] in "'’ʼ":
            found.append(_Token(match.start(), match.end(), "'s", "'s"))
        else:
            exact = word.translate(_APOSTROPHES)
            found.append(_Token(match.start(), match.end(), exact, exact.lower()))
    return found


class ActorBook:
    """All known actors with a matcher for their names; built once, then shared read-only."""

    def __init__(self, entries: Iterable[dict[str, Any]]) -> None:
        self._actors: dict[str, Actor] = {}
        self._forces: dict[str, str] = {}
        self._templates: list[tuple[re.Pattern[str], Actor]] = []
        self._trie: dict[str, Any] = {}
        patterns: list[str] = []
        self._pattern_actor: dict[str, str] = {}
        raw = list(entries)
        for order, entry in enumerate(raw):
            actor = self._read(entry)
            self._actors[actor.name] = actor
            if entry.get("forces"):
                self._forces[actor.name] = str(entry["forces"])
            kinds = (("aliases", "alias"), ("acronyms", "acronym"), ("adjectives", "adjective"),
                     ("context_aliases", "context"))
            for key, how in kinds:
                for surface in self._strings(entry, key):
                    self._add(surface, actor, how, order)
            if "(" not in actor.name:     # "Islamic State (Iraq)" is a label, never written so in text
                self._add(actor.name, actor, "alias", order)
            for index, pattern in enumerate(self._strings(entry, "patterns")):
                group = f"p{order}_{index}"
                try:
                    re.compile(pattern)
                except re.error as error:
                    raise self._error(entry, f"pattern {pattern!r} is not a regular expression ({error})") from error
                patterns.append(rf"(?P<{group}>(?<!\w)(?:{pattern})(?!\w))")
                self._pattern_actor[group] = actor.name
        self._patterns = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None
        for entry in raw:
            for name in (*self._strings(entry, "parent"), *([entry["forces"]] if entry.get("forces") else [])):
                if name not in self._actors:
                    raise self._error(entry, f"refers to unknown actor {name!r} (add it first)")

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> ActorBook:
        """Returns the book for every `[[actor]]` entry of the knowledge base."""
        return cls(kb.entries("actor"))

    # --- reading the knowledge base -------------------------------------------------------

    @staticmethod
    def _error(entry: dict[str, Any], problem: str) -> KnowledgeBaseError:
        return KnowledgeBaseError(f"{entry.get('_file', '<actor entry>')}: actor {entry.get('name')!r}: {problem}")

    @classmethod
    def _strings(cls, entry: dict[str, Any], key: str) -> list[str]:
        value = entry.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise cls._error(entry, f"'{key}' must be a list of non-empty strings")
        return value

    def _read(self, entry: dict[str, Any]) -> Actor:
        name, kind = entry.get("name"), entry.get("type")
        if not isinstance(name, str) or not name.strip():
            raise self._error(entry, "needs a 'name'")
        if kind not in ACTOR_TYPES:
            raise self._error(entry, f"'type' must be one of {', '.join(sorted(ACTOR_TYPES))}")
        from_context = bool(entry.get("country_from_context", False))
        if (PLACEHOLDER in name) != from_context:
            raise self._error(entry, "a name with {country} goes with country_from_context = true, and only then")
        actor = Actor(name=name, type=kind, country=entry.get("country"),
                      parent=tuple(self._strings(entry, "parent")),
                      generic=bool(entry.get("generic", False)), country_from_context=from_context)
        if from_context:
            template = re.escape(name).replace(re.escape(PLACEHOLDER), r"(?P<country>[^()]+?)")
            self._templates.append((re.compile(template + r"\Z"), actor))
        return actor

    def _add(self, surface: str, actor: Actor, how: str, order: int) -> None:
        tokens = _tokens(surface)
        if not tokens:
            return
        # Acronyms, demonyms and state names keep their capitals ("IS" is not "is", "US" not
        # "us"); in ordinary aliases only all-capital words do ("US forces").
        strict = how != "alias"
        exact = tuple(t.exact if (t.exact.isupper() and len(t.exact) > 1) or (strict and t.exact[:1].isupper())
                      else None for t in tokens)
        node = self._trie
        for token in tokens:
            node = node.setdefault(token.norm, {})
        node.setdefault("", []).append(_Surface(actor.name, how, exact, order))

    # --- lookups ------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def get(self, name: str) -> Actor | None:
        """Returns the actor of a canonical name, including filled templates ("Civilians (Iraq)")."""
        if name in self._actors:
            return self._actors[name]
        for template, actor in self._templates:
            match = template.match(name)
            if match:
                return self.localise(actor, match.group("country"))
        return None

    def localise(self, actor: Actor, country: str | None) -> Actor:
        """Returns the actor for an event in `country` ("Islamic State ({country})" in Syria ->
        "Islamic State (Syria)"); actors with a fixed country, or no country known, are returned as is."""
        if not actor.country_from_context:
            return actor
        if not country:
            # No country known: the name without its placeholder ("Islamic State", "Civilians"),
            # never the template text itself.
            return Actor(fill_placeholder(actor.name, None), actor.type, None, actor.parent, actor.generic, False)
        name = actor.name.replace(PLACEHOLDER, country)
        known = self._actors.get(name)
        return known or Actor(name, actor.type, country, actor.parent, actor.generic, False)

    def unidentified(self, country: str | None) -> str:
        """Returns the ACLED name for an unnamed armed group: "Unidentified Armed Group (Iraq)"."""
        return f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"

    def generic_name(self, actor: Actor, country: str | None) -> str:
        """The record name of a described, unnamed party: ACLED's class for it where it has one
        ("rebel factions" → "Opposition Rebels (Syria)"), else "Unidentified Armed Group (Syria)"."""
        if actor.name.startswith("Unidentified") or not actor.country_from_context or not country:
            return self.unidentified(country)
        return self.localise(actor, country).name

    def ancestors(self, actor: Actor | str) -> list[str]:
        """Returns every group the actor belongs to, nearest first, each once."""
        start = self.get(actor) if isinstance(actor, str) else actor
        seen: list[str] = []
        queue = list(start.parent) if start else []
        while queue:
            name = queue.pop(0)
            if name not in seen:
                seen.append(name)
                parent = self.get(name)
                queue.extend(parent.parent if parent else ())
        return seen

    def is_part_of(self, child: Actor | str, parent: Actor | str) -> bool:
        """True when `child` belongs to `parent`, directly or through other groups (never to itself)."""
        return (parent.name if isinstance(parent, Actor) else parent) in self.ancestors(child)

    def forces_of(self, actor: Actor) -> Actor:
        """Returns the armed forces that act for a government ("Washington struck" is the US
        military); any other actor is returned unchanged."""
        if actor.type != "government":
            return actor
        name = self._forces.get(actor.name) or actor.name.replace("Government of", "Military Forces of", 1)
        return self.get(name) or actor

    def government_of(self, actor: Actor) -> Actor:
        """Returns the government a state force answers to (the IRGC -> Government of Iran)."""
        for name in (actor.name, *self.ancestors(actor)):
            for government, forces in self._forces.items():
                if forces == name:
                    return self._actors[government]
            if name.startswith("Military Forces of "):
                found = self.get(name.replace("Military Forces of", "Government of", 1))
                if found:
                    return found
        return actor

    # --- matching ------------------------------------------------------------------------------

    def find(self, sentence: str, include_locative: bool = False) -> list[ActorMention]:
        """Returns the actors named in a sentence, left to right, longest names first.

        State names after a place preposition ("strikes in Iraq") are left out unless
        `include_locative` is set."""
        tokens = _tokens(sentence)
        candidates: list[tuple[int, int, str, str, bool]] = []    # start, end, actor, how, possessive
        for index in range(len(tokens)):
            candidates.extend(self._walk(sentence, tokens, index, include_locative))
        if self._patterns is not None:
            for match in self._patterns.finditer(sentence):
                actor = self._actors[self._pattern_actor[match.lastgroup or ""]]
                how = "generic" if actor.generic else "alias"
                candidates.append((match.start(), match.end(), actor.name, how, _is_possessive(sentence, match.end())))
        candidates = self._coordinated(sentence, include_locative) + candidates
        chosen: list[tuple[int, int, str, str, bool]] = []
        taken: list[tuple[int, int]] = []
        for candidate in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
            start, end = candidate[0], candidate[1]
            if all(end <= s or start >= e for s, e in taken):
                chosen.append(candidate)
                taken.append((start, end))
        mentions = [ActorMention(s, e, sentence[s:e], self._actors[a], how, p) for s, e, a, how, p in sorted(chosen)]
        return self._tidy(sentence, mentions)

    def _coordinated(self, sentence: str, include_locative: bool) -> list[tuple[int, int, str, str, bool]]:
        """"Syrian and Russian warplanes", "US and Iraqi forces", "regime and allied militia
        forces": the head noun belongs to both words, so the first names its own forces."""
        found = []
        for match in _COORDINATED_FORCES.finditer(sentence):
            phrase = f"{match.group('first')} {match.group('head')}"
            readings = list(self._walk(phrase, _tokens(phrase), 0, include_locative))
            whole = [r for r in readings if r[0] == 0 and r[1] == len(phrase)]
            if whole:
                _start, _end, actor, how, _possessive = whole[0]
                found.append((match.start("first"), match.end("first"), actor, how, False))
        return found

    def _walk(self, text: str, tokens: list[_Token], first: int,
              include_locative: bool) -> Iterator[tuple[int, int, str, str, bool]]:
        node = self._trie
        for index in range(first, len(tokens)):
            token = tokens[index]
            if index > first and not _JOINER.fullmatch(text[tokens[index - 1].end:token.start]):
                return
            node = node.get(token.norm)  # type: ignore[assignment]
            if node is None:
                return
            surfaces = [s for s in node.get("", []) if self._fits(s, tokens[first:index + 1])]
            if not surfaces:
                continue
            start, end = tokens[first].start, token.end
            if _HYPHEN_AFTER.match(text, end) or _HYPHEN_BEFORE.search(text[max(0, start - 2):start]):
                continue    # part of a compound: "US-led", "Iran-backed", "anti-American"
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            possessive = following is not None and following.norm == "'s" and following.start == end
            after_possessive = tokens[index + 2] if possessive and index + 2 < len(tokens) else None
            surface = self._choose(text, surfaces, start, end, following, after_possessive, include_locative)
            if surface is not None:
                yield start, end, surface.actor, surface.how, possessive

    @staticmethod
    def _fits(surface: _Surface, tokens: list[_Token]) -> bool:
        return all(need is None or need == token.exact for need, token in zip(surface.exact, tokens))

    def _choose(self, text: str, surfaces: list[_Surface], start: int, end: int,
                following: _Token | None, after_possessive: _Token | None,
                include_locative: bool) -> _Surface | None:
        """Picks the reading of one span: a name beats a demonym, which beats a state name;
        among equals the later entry (a user's file) wins."""
        named = [s for s in surfaces if s.how in ("alias", "acronym")]
        if named:
            best = max(named, key=lambda s: s.order)
            generic = self._actors[best.actor].generic
            return _Surface(best.actor, "generic" if generic else best.how, best.exact, best.order)
        before_noun = (following is not None and following.norm not in _FUNCTION_WORDS
                       and following.norm not in _PLACE_NOUNS and not following.norm.isdigit()
                       and re.fullmatch(r"\s+", text[end:following.start]) is not None)
        adjectives = [s for s in surfaces if s.how == "adjective"]
        if adjectives and (before_noun or BELIEVED_TO_BE.search(text[max(0, start - 60):start])):
            return max(adjectives, key=lambda s: s.order)
        states = [s for s in surfaces if s.how == "context"]
        if not states:
            return None
        if following is not None and following.start - end <= 1 and (
                following.exact[:1].isupper() or following.norm in _PLACE_NOUNS):
            return None     # part of a longer proper name or a place: "Baghdad International Airport"
        if after_possessive is not None and (after_possessive.exact[:1].isupper() or after_possessive.norm in _PLACE_NOUNS):
            return None     # a place in the state: "Baghdad's Mashtal neighbourhood", "Iraq's western Anbar"
        if _DATELINE.search(text, max(0, start - 40), start):
            return None
        if re.search(r"(?:^|\n|>)\s*$", text[:start]) and _PLACE_LINE.match(text, end):
            return None
        if following is not None and following.norm == "time" and text[following.end:following.end + 1] == ")":
            return None     # "(Baghdad time)"
        place = None if include_locative or _BLAMED_ON.search(text, max(0, start - 30), start) \
            else _LOCATIVE.search(text[max(0, start - 120):start])
        # After a comma the list may have ended: "in Jordan, Washington retaliated".
        if place is not None and (place.group("separator") != "," or _LIST_GOES_ON.match(text, end)):
            return None
        return max(states, key=lambda s: s.order)

    def _tidy(self, text: str, mentions: list[ActorMention]) -> list[ActorMention]:
        """Joins "Popular Mobilization Forces (PMF)" into one mention and drops words that only
        qualify the next name ("the PMF's Harakat al-Nujaba", "the Iran-backed militia Kataib Hezbollah")."""
        result: list[ActorMention] = []
        index = 0
        while index < len(mentions):
            mention = mentions[index]
            joined = self._join_bracket(text, mentions, index)
            if joined is not None:
                mention, index = joined
            result.append(mention)
            index += 1
        # "an opposition activist group", "a civilian airport": a word for people that only
        # describes an organisation or a thing names no party.
        result = [m for m in result if not (m.actor.type == "civilians" and _DESCRIBES_THING.match(text, m.end))]
        kept: list[ActorMention] = []
        for position, mention in enumerate(result):
            after = result[position + 1] if position + 1 < len(result) else None
            if after is not None and self._qualifies(text, mention, after):
                continue
            before = kept[-1] if kept else None
            if (mention.actor.generic and before is not None and _names_group(before) and not before.possessive
                    and _APPOSITION.fullmatch(text[before.end:mention.start])):
                continue    # "Kataib Hezbollah, an Iran-backed militia"
            kept.append(mention)
        return kept

    def _qualifies(self, text: str, mention: ActorMention, after: ActorMention) -> bool:
        gap = text[mention.end:after.start]
        if mention.possessive:
            if not re.fullmatch(r"['’ʼ]s\s+", gap):
                return False
            return mention.how in ("context", "adjective") or self.is_part_of(after.actor, mention.actor)
        if mention.how == "adjective":
            # "Iraqi PMF", "the Iraqi paramilitary Hashd": a nationality describing the group named next.
            return re.fullmatch(r"\s+", gap) is not None or (
                _DESCRIBES_GROUP.fullmatch(gap) is not None and after.actor.type not in _STATE_TYPES)
        if mention.actor.country_from_context and mention.text[:1].islower() and _MEMBERS_FROM.fullmatch(gap) \
                and not after.actor.generic and after.actor.name != mention.actor.name:
            return True     # "soldiers from the National Defense Forces": whose soldiers they were
        return mention.actor.generic and _names_group(after) and _APPOSITION.fullmatch(gap) is not None

    @staticmethod
    def _join_bracket(text: str, mentions: list[ActorMention], index: int) -> tuple[ActorMention, int] | None:
        mention = mentions[index]
        opening = _BRACKET_OPEN.match(text, mention.end)
        if opening is None:
            return None
        closer = ")" if text[opening.end() - 1] == "(" else "]"
        close = text.find(closer, opening.end())
        if close < 0 or close - opening.end() > 100:
            return None
        inner = [m for m in mentions[index + 1:] if m.start < close]
        if not inner or any(m.actor != mention.actor for m in inner):
            return None
        position = opening.end()
        for part in inner:
            if not _BRACKET_FILLER.fullmatch(text[position:part.start]):
                return None
            position = part.end
        if not _BRACKET_FILLER.fullmatch(text[position:close]):
            return None
        joined = ActorMention(mention.start, close + 1, text[mention.start:close + 1], mention.actor, mention.how,
                              _is_possessive(text, close + 1))
        return joined, index + len(inner)


def fill_placeholder(name: str, country: str | None) -> str:
    """Returns an actor name with the `{country}` template filled, or dropped when no country is
    known ("Civilians ({country})" → "Civilians (Syria)" or "Civilians"); other names unchanged."""
    if PLACEHOLDER not in name:
        return name
    if country:
        return name.replace(PLACEHOLDER, country)
    name = name.replace(f" ({PLACEHOLDER})", "").replace(f" of {PLACEHOLDER}", "").replace(PLACEHOLDER, "")
    return " ".join(name.split())


def fill_actor_templates(records: list[Any], article_country: str | None) -> list[Any]:
    """Fills any `{country}` left in the actor names of records (events with their own country,
    statements and tallies with the article's), so the template text never reaches a record."""
    for record in records:
        country = getattr(record, "country", None) or article_country
        for attribute in ("actor1", "actor2", "speaker", "target", "attributed_to", "notes"):
            value = getattr(record, attribute, None)
            if isinstance(value, str) and PLACEHOLDER in value:
                setattr(record, attribute, fill_placeholder(value, country))
        for attribute in ("claimed_by", "denied_by"):
            values = getattr(record, attribute, None)
            if isinstance(values, list):
                setattr(record, attribute, [fill_placeholder(v, country) for v in values])
        if hasattr(record, "sub_event_type"):
            apply_conventions(record)
    return records


def _is_possessive(text: str, end: int) -> bool:
    return re.match(r"['’ʼ]s\b", text[end:end + 3]) is not None


def _names_group(mention: ActorMention) -> bool:
    return not mention.actor.generic and mention.actor.type in _ARMED_TYPES
