"""Numbers, qualified counts and casualty figures in one news sentence.

Regex grammar compiled at import; runs on every sentence. Casualty figures follow ACLED/EVENTS.md:
"at least 16" → 16; None where the text says nothing; 0 only where it says nobody was hurt;
combined figures ("40 killed or injured") are never split. Vague words follow ACLED's codebook
("several"/"many" → 10, "dozens" → 12, "hundreds" → 100) in `find_casualties` only; `parse_number`
returns None for them because they are not numbers.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# -- word lists (data: extend here for other phrasings) ---------------------------------------------
UNITS: dict[str, int] = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
TENS: dict[str, int] = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
VAGUE: dict[str, int] = {"several": 10, "many": 10, "dozens": 12, "hundreds": 100}  # ACLED codebook
QUALIFIERS: dict[str, str] = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "a minimum of": "at least", "more than": "more than", "in excess of": "more than",
    "upwards of": "more than", "over": "over", "about": "about", "around": "about",
    "approximately": "about", "roughly": "about", "some": "about", "an estimated": "about",
    "estimated": "about", "up to": "up to", "as many as": "up to", "at most": "up to",
    "no more than": "up to", "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "fewer than": "less than", "less than": "less than", "under": "less than"}
KILL_VERBS = ("killed", "killing", "kills", "kill", "slew", "slaying", "executed", "executing",
              "assassinated", "assassinating", "assassinates", "assassinate", "shot dead", "shooting dead",
              "gunned down", "gunning down")
INJURE_VERBS = ("injured", "injuring", "injures", "injure", "wounded", "wounding", "wounds", "wound",
                "hurt", "hurting", "maimed", "maiming")
KILLED_STATES = ("killed", "dead", "slain", "died", "martyred", "perished", "executed",
                 "lost their lives", "assassinated", "shot dead", "gunned down", "beheaded")
INJURED_STATES = ("injured", "wounded", "hurt", "maimed")
STATE_ADVERBS = ("reportedly", "also", "all", "both", "later", "allegedly", "confirmed", "reported",
                 "believed", "feared", "left", "found", "seriously", "critically", "severely",
                 "slightly", "lightly", "badly", "fatally", "mortally", "subsequently",
                 # "was shot and killed", "were stabbed and wounded"
                 r"shot\s+and", r"stabbed\s+and", r"beaten\s+and", r"tortured\s+and")
PERSON_NOUNS = frozenset("""
    people person persons civilian civilians soldier soldiers troops servicemember servicemembers
    servicemen serviceman fighter fighters militant militants militiaman militiamen member members
    commander commanders leader leaders children child women woman men man boy boys girl girls
    officer officers policeman policemen guard guards contractor contractors worker workers
    journalist journalists resident residents farmer farmers student students shepherd shepherds
    driver drivers pilot pilots official officials employee employees staff staffer staffers
    personnel marine marines sergeant sergeants colonel colonels general generals operative
    operatives insurgent insurgents jihadist jihadists gunman gunmen attacker attackers bomber
    bombers citizen citizens national nationals recruit recruits volunteer volunteers fisherman
    fishermen pilgrim pilgrims protester protesters demonstrator demonstrators relative relatives
    others victim victims individual individuals infant infants baby babies teenager teenagers
    elder elders paramedic paramedics medic medics doctor doctors nurse nurses diplomat diplomats
    adviser advisers advisor advisors mercenary mercenaries photographer photographers cameraman
    cameramen reporter reporters spy spies informant informants chief chiefs sheikh sheikhs mukhtar
    cleric clerics judge judges teacher teachers engineer engineers aide aides bodyguard bodyguards
    son sons daughter daughters brother brothers wife husband father mother prisoner prisoners
    detainee detainees refugee refugees migrant migrants smuggler smugglers tribesman tribesmen
    passenger passengers patient patients""".split())
# One person: "a commander", "his son" (not "men", "staff", "troops").
SINGULAR_PERSON_NOUNS = frozenset(w for w in PERSON_NOUNS if not w.endswith("s") and not w.endswith(
    ("men", "children", "people", "personnel", "staff", "police")))
DEATH_NOUNS = ("deaths", "fatalities", "dead")
INJURY_NOUNS = ("injuries", "wounded")
COMBINED_NOUNS = ("casualties",)

# -- number grammar -------------------------------------------------------------------------------
def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_W_UNIT = _alt(list(UNITS))
_W_SMALL = rf"(?:(?:{_alt(list(TENS))})(?:[-\s](?:{_alt([w for w, v in UNITS.items() if 0 < v < 10])}))?|{_W_UNIT})"
_W_HUND = rf"(?:(?:{_W_SMALL}|a|one)\s+hundred(?:\s+(?:and\s+)?{_W_SMALL})?|{_W_SMALL})"
_W_NUM = (rf"(?:(?:{_W_HUND}|a)\s+(?:thousand|million)(?:\s+(?:and\s+)?{_W_HUND})?"
          rf"|(?:{_W_SMALL}|a|half\s+a)\s+dozen|{_W_HUND})")
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:million|thousand))?"
_QUAL = _alt([q.replace(" ", r"\s+") for q in QUALIFIERS])
# A number glued to a word ("F-16", "48-hour", "1st", "10:30", "5%") is not a count of things.
_DIGIT_NUM = rf"(?<![\w.,:$£€/-]){_DIGITS}(?![\w%]|[.,:]\d|-[A-Za-z]|[-/.]\d{{1,2}}[-/.]\d)"
_WORD_NUM = rf"\b(?<![Nn]o\s)(?:{_W_NUM})\b(?!-[A-Za-z])"
_PERSON = rf"(?:{_alt(PERSON_NOUNS)})"
_HI_NUM = rf"(?:{_DIGITS}(?![\w%]|[.,:]\d|-[A-Za-z])|{_WORD_NUM})"  # after "-" or "to" in a range
# Numbers are read only where a cheap anchor (a digit or a number word present in the sentence)
# sits: trying the full word-number grammar at every position costs ~10x more.
_NO_ARTICLE_COUNT = r"(?!\s+(?:further|total|additional|estimated|few|couple|number|dozen|hundred|thousand|" \
                    r"million|half|third|quarter|majority|minority|group|series|handful|lot)\b)"
_NUMBER_AT_RE = re.compile(
    rf"(?P<between>between)\s+(?P<lo>{_DIGIT_NUM}|{_WORD_NUM})\s+and\s+(?P<bhi>{_HI_NUM})"
    rf"|(?P<num>{_DIGIT_NUM}|{_WORD_NUM})(?:\s*(?:-|–|\bto\b)\s*(?P<hi>{_HI_NUM}))?"
    rf"|(?P<vague>{_alt(list(VAGUE))})\b(?!\s+(?:of\s+)?(?:times|ways|years|months|weeks|days|hours)\b)"
    # "a soldier" counts as one (casualties only) when a person noun follows within a few words.
    rf"|(?P<art>an?)\b{_NO_ARTICLE_COUNT}(?=(?:\s+[\w'’-]+){{0,4}}?\s+{_PERSON}\b)", re.I)
_PRE_WORDS = frozenset(("another", "an additional", "a further", "a total of"))
_OPENERS = "“\"‘'(["
_NONSPACE_RE = re.compile(r"\S+")
_QUAL_LAST_WORDS = frozenset(phrase.split()[-1] for phrase in list(QUALIFIERS) + list(_PRE_WORDS))
_ANCHOR_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(VAGUE) | {"a", "an", "half", "between"}
_SCALE_WORDS = frozenset(("dozen", "hundred", "thousand", "million"))
_TOKEN_RE = re.compile(r"[a-z]+|\d")
_DIGIT_RE = re.compile(r"\d")


@lru_cache(maxsize=1024)
def _anchor_re(words: frozenset[str]) -> re.Pattern[str]:
    alternatives = [r"(?<![\w.,:$£€/-])\d"] + ([rf"\b(?:{_alt(words)})\b"] if words else [])
    return re.compile("|".join(alternatives), re.I)


def _tokens(sentence: str) -> set[str]:
    return set(_TOKEN_RE.findall(sentence.lower()))


_DIGIT_FULL_RE = re.compile(rf"{_DIGITS}", re.I)
_WORD_FULL_RE = re.compile(_W_NUM, re.I)
_MONTH_BEFORE_RE = re.compile(r"(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+$")
_MONTH_AFTER_RE = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_CAP_BEFORE_RE = re.compile(r"([A-Z][\w'’-]*)\s+$")
_YEAR_AFTER_RE = re.compile(r"\s+(?!(?:and|or|to|when|after|before|but|as|the|in|on|at|with|for|that|"
                            r"which|while|during|until|since|respectively)\b)[a-z]")
_CAP_ALLOWED = frozenset(list(QUALIFIERS) + ["another", "monday", "tuesday", "wednesday", "thursday", "friday",
                                             "saturday", "sunday", "killing", "killed", "wounding", "injuring"])
_TIME_AFTER_RE = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|percent\b|per\s+cent\b)", re.I)


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    qualifier: str  # exact | about | at least | more than | over | up to | nearly | less than | vague
    start: int
    end: int
    text: str


def parse_number(text: str, *, article_as_one: bool = False) -> int | None:
    """Integer value of a number written in digits or words; None for anything else.

    "2,500" → 2500, "twenty-five" → 25, "a dozen" → 12, "2.5 million" → 2500000. "dozens",
    "several", "two-thirds" and a bare "a" → None ("a" → 1 only with `article_as_one`).
    """
    t = " ".join(text.strip().lower().replace("\u00a0", " ").split())
    if article_as_one and t in ("a", "an"):
        return 1
    if _DIGIT_FULL_RE.fullmatch(t):
        number, _, scale = t.partition(" ")
        value = float(number.replace(",", "")) * SCALES.get(scale, 1)
        return int(value) if value == int(value) else None
    if not _WORD_FULL_RE.fullmatch(t):
        return None
    if t == "half a dozen":
        return 6
    total = current = 0
    for token in re.split(r"[\s-]+", t):
        if token in UNITS:
            current += UNITS[token]
        elif token in TENS:
            current += TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "dozen":
            current = (current or 1) * 12
        elif token in SCALES:
            total += (current or 1) * SCALES[token]
            current = 0
    return total + current


def _excluded(sentence: str, start: int, end: int, raw: str, qualified: bool) -> bool:
    """Digits that are part of a date, a year, a time, a percentage or a name ("Tower 22")."""
    if not raw[:1].isdigit():
        return raw.lower() == "one" and sentence[end:end + 8].lower().startswith(" another")
    before = sentence[max(0, start - 12):start]
    if _MONTH_BEFORE_RE.search(before) or _MONTH_AFTER_RE.match(sentence, end) or _TIME_AFTER_RE.match(sentence, end):
        return True
    if not qualified and len(raw) == 4 and raw[:2] in ("19", "20") and not _YEAR_AFTER_RE.match(sentence, end):
        return True
    cap = _CAP_BEFORE_RE.search(sentence, max(0, start - 25), start)
    return bool(cap and cap.start() > 0 and sentence[:cap.start()].rstrip()[-1:] not in ".!?“\"(:"
                and cap.group(1).lower() not in _CAP_ALLOWED)


def _qualifier_before(sentence: str, p: int) -> tuple[int, str]:
    """(start, qualifier) of the words just before a number: "[another|a total of] [at least]
    [another] 16". Word lists, not a regex: an end-anchored regex search re-tries every position."""
    lo = max(0, p - 40)
    if not sentence[p - 1:p].isspace():
        return p, ""
    last = sentence[lo:p].split()[-1:]
    if not last or last[0].lower().lstrip(_OPENERS) not in _QUAL_LAST_WORDS:
        return p, ""  # the common case, decided without building the word list
    words = [(w.start(), w.group()) for w in _NONSPACE_RE.finditer(sentence, lo, p)]
    if lo > 0 and sentence[lo - 1].isalnum() and words:
        words = words[1:]  # cut mid-word: never part of a qualifier
    idx, q = len(words), ""
    if idx and words[idx - 1][1].lower() == "another":
        idx -= 1
    for table in (QUALIFIERS, _PRE_WORDS):
        for n in (3, 2, 1):
            if idx >= n:
                phrase = " ".join(w for _, w in words[idx - n:idx]).lower().lstrip(_OPENERS)
                if phrase in table:
                    q = phrase if table is QUALIFIERS else q
                    idx -= n
                    break
    if idx == len(words):
        return p, ""
    start, first = words[idx]
    return start + len(first) - len(first.lstrip(_OPENERS)), q


def _value(m: re.Match[str], q: str) -> tuple[int, str] | None:
    """(value, qualifier) of a number match; None when the words do not make a number."""
    if m.group("vague"):
        return VAGUE[m.group("vague").lower()], "vague"
    if m.group("art"):
        return 1, "exact"
    if m.group("between"):  # ACLED codes the low end of a stated range
        value = parse_number(m.group("lo"))
        return (value, "at least") if value is not None else None
    value = parse_number(m.group("num"))
    if value is None:
        return None
    return value, "at least" if m.group("hi") and not q else QUALIFIERS.get(q, "exact")


def _iter_counts(sentence: str, tokens: set[str], include_vague: bool, articles: bool) -> list[Count]:
    words = tokens & _ANCHOR_WORDS
    if not (tokens & _SCALE_WORDS or articles and tokens & PERSON_NOUNS):
        words -= {"a", "an"}  # "a" counts only as "a dozen" or, for casualties, "a soldier"
    if not words and not _DIGIT_RE.search(sentence):
        return []
    out: list[Count] = []
    last_end = 0
    for anchor in _anchor_re(frozenset(words)).finditer(sentence):
        p = anchor.start()
        if p < last_end:
            continue
        m = _NUMBER_AT_RE.match(sentence, p)
        if not m or (m.group("art") and not articles) or (m.group("vague") and not include_vague):
            continue
        num = "lo" if m.group("between") else "num"
        start, q = (p, "") if m.group("between") or m.group("art") else _qualifier_before(sentence, p)
        if m.group(num) is not None and _excluded(sentence, m.start(num), m.end(num), m.group(num),
                                                  bool(q)):
            continue
        value = _value(m, q)
        if value is None:
            continue
        out.append(Count(value[0], value[1], start, m.end(), sentence[start:m.end()]))
        last_end = m.end()
    return out


def find_counts(sentence: str, *, include_vague: bool = False) -> list[Count]:
    """Counts with their qualifier: "at least 16", "more than 85", "around 2,500", "some 30".

    Dates, years, times, percentages and numbers in names are skipped; vague words
    ("dozens") only with `include_vague`, at the ACLED values.
    """
    return _iter_counts(sentence, _tokens(sentence), include_vague, articles=False)


# -- casualties -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CasualtyMention:
    kind: str  # killed | injured | killed_or_injured
    value: int
    start: int
    end: int
    text: str
    rule: str


@dataclass(frozen=True, slots=True)
class Casualties:
    killed: int | None = None
    injured: int | None = None
    killed_span: str | None = None
    injured_span: str | None = None
    killed_or_injured: int | None = None
    rule: str = "none"
    killed_or_injured_span: str | None = None
    # Every figure in reading order; the fields above take the first of each kind, because two
    # figures of one kind in a sentence are usually two events ("a strike killed three ...;
    # Washington retaliated, killing 16"), and a sum would be a number nobody stated.
    mentions: tuple[CasualtyMention, ...] = ()


_STOP = (r"(?:and|or|but|were|was|are|is|have|has|had|been|be|being|who|whom|which|that|where|when|while|"
         r"after|before|as|because|if|than|including|not|no|said|says|told|" + _alt(KILL_VERBS + INJURE_VERBS)
         + "|" + _alt(KILLED_STATES) + r")")
_NP = rf"(?:\s+(?!{_STOP}\b)[\w'’.-]+)"
_VERB = rf"(?:{_alt(KILL_VERBS + INJURE_VERBS)})"
_STATE = rf"(?:{_alt([s.replace(' ', chr(92) + 's+') for s in KILLED_STATES + INJURED_STATES])})"
_ACTIVE_HEAD_RE = re.compile(rf"\b(?P<v1>{_VERB})(?:\s+(?:or|and)\s+(?P<v2>{_VERB}))?\s+\Z", re.I)
_TOLL_HEAD_RE = re.compile(r"\b(?:death\s+)?toll\s+(?:\w+\s+){0,3}?(?:to|at|of|reached|hit)\s+\Z", re.I)
_PASSIVE_TAIL_RE = re.compile(
    rf"(?P<np>{_NP}{{0,8}}?)\s+(?:(?P<aux>were|was|are|is|have\s+been|has\s+been|had\s+been|got|been|being)\s+)?"
    rf"(?:(?:{_alt(STATE_ADVERBS)})\s+){{0,2}}(?P<s1>{_STATE})(?:\s+(?:or|and)\s+(?P<s2>{_STATE}))?\b", re.I)
# "24 military personnel sustained minor injuries", "three soldiers suffered wounds": a count
# of people who suffered injuries is a count of the injured.
_SUFFERED_TAIL_RE = re.compile(
    rf"(?P<np>{_NP}{{0,6}}?)\s+(?:have\s+|has\s+|had\s+)?(?:sustained|suffered|received|were\s+treated\s+for)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:injuries|wounds)\b", re.I)
_NOMINAL_TAIL_RE = re.compile(
    rf"\s+(?:[\w-]+\s+)?(?P<noun>{_alt(DEATH_NOUNS + INJURY_NOUNS + COMBINED_NOUNS)})\b", re.I)
# After a bare participle, an object means the participle was an active verb ("85 targets killed three").
_OBJECT_AFTER_RE = re.compile(rf"\s+(?:(?:another|the|an?|his|her|their|its|at\s+least|more\s+than|up\s+to|some|"
                              rf"{_W_UNIT})\b|\d)", re.I)
_LINK_RE = re.compile(rf"(?P<np>{_NP}{{0,4}})(?:\s*,|\s*,?\s+and|\s*,?\s+as\s+well\s+as)"
                      r"(?:\s+(?:his|her|their|its))?\s+\Z", re.I)  # "a man and his two sons"
_PERSON_RE = re.compile(rf"\b{_PERSON}\b", re.I)
_NP_AFTER_RE = re.compile(rf"{_NP}{{0,6}}", re.I)
_ZERO_NOUN_RE = re.compile(
    r"\b(?:no|without(?:\s+(?:causing|inflicting|resulting\s+in|any))*|(?:did|does|do)\s+not\s+(?:cause|"
    r"result\s+in|leave)\s+any|caused\s+no)\s+(?:immediate\s+|further\s+|reported\s+)?"
    r"(?:reports?\s+of\s+(?:any\s+)?)?(?:(?:material\s+)?damage\s+(?:or|and)\s+)?"
    r"(?P<noun>casualties|injuries|injured|victims|fatalities|deaths|dead|loss(?:es)?\s+of\s+li(?:fe|ves))\b", re.I)
_ZERO_ONE_RE = re.compile(
    r"\b(?:no\s+one|no-one|nobody|none)(?:\s+[\w'’-]+){0,3}?\s+(?:was|were|has\s+been|have\s+been|had\s+been|got)"
    r"\s+(?:reportedly\s+|seriously\s+)?(?P<s1>killed|hurt|injured|wounded|harmed)"
    r"(?:\s+(?:or|and)\s+(?P<s2>killed|hurt|injured|wounded|harmed))?\b", re.I)
_CASUALTY_TOKENS = frozenset(w for phrase in KILL_VERBS + INJURE_VERBS + KILLED_STATES + INJURED_STATES + DEATH_NOUNS
                             + INJURY_NOUNS + COMBINED_NOUNS for w in phrase.split() if w not in ("lost", "their")) \
    | {"toll", "death", "harmed", "victims", "injury", "casualty", "wounds"}
_KILL_WORDS = frozenset(w.lower() for w in KILL_VERBS + KILLED_STATES + DEATH_NOUNS)


def _kind(*words: str | None) -> str:
    """killed | injured | killed_or_injured, from the casualty words governing a count."""
    kinds = {"killed" if " ".join(w.lower().split()) in _KILL_WORDS else "injured"
             for w in words if w}
    if any(w and w.lower() in COMBINED_NOUNS for w in words):
        return "killed_or_injured"
    return kinds.pop() if len(kinds) == 1 else "killed_or_injured"


_SINGLE_VICTIM_RE = re.compile(
    r"\b(?:killed|killing|kills|assassinated|assassinating|shot\s+dead|gunned\s+down)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w.]+[\s-]+){0,3}?(?:commander|adviser|advisor|officer|leader|chief|general|colonel|official|"
    r"spokesman|activist|journalist|cleric|judge|mukhtar|governor|man|woman|child|boy|girl|civilian|"
    r"person|shepherd|farmer|driver|owner|shopkeeper|worker|teacher|doctor|student|soldier|policeman|"
    r"member|fighter|militant|militiaman)\b(?!s)", re.I)
_ONE_PERSON = rf"(?:{_alt(SINGULAR_PERSON_NOUNS)})"
_DEATH_STATE = r"(?:killed|assassinated|shot\s+dead|gunned\s+down|executed|beheaded|slain)"
# "18th March Division commander was assassinated": one titled victim, passive, no count.
_SINGLE_VICTIM_PASSIVE_RE = re.compile(
    rf"\b{_ONE_PERSON}\s+(?:was|has\s+been|had\s+been)\s+(?:(?:reportedly|allegedly|later)\s+)?"
    rf"(?:shot\s+and\s+)?{_DEATH_STATE}\b", re.I)
# "Hisham al-Hashimi, 47, was gunned down": a named victim.
_NAMED_VICTIM_RE = re.compile(
    r"\b[A-Z][\w'’-]+(?:\s+(?:al-|el-|bin\s+|ibn\s+)?[A-Z][\w'’-]+){1,3},?(?:\s+\d{1,3},)?\s+(?:was|has\s+been)\s+"
    r"(?:(?:reportedly|allegedly)\s+)?(?:shot\s+and\s+killed|shot\s+dead|gunned\s+down|assassinated|killed)\b")
# "killing a woman and child", "a man and his son were killed": two people, one verb.
_FILLER = rf"(?:(?!(?:{_alt(KILL_VERBS + INJURE_VERBS)}|and|or|was|were)\b)[\w'’-]+\s+)"
_NEXT_PERSON = rf"(?:(?:his|her|their|an?|one)\s+)?{_FILLER}{{0,2}}?{_ONE_PERSON}"
_VICTIM_PAIR_RE = re.compile(
    rf"\b(?:an?|one)\s+{_FILLER}{{0,2}}?{_ONE_PERSON}(?P<more>(?:\s*,\s*{_NEXT_PERSON})*)\s*,?\s+and\s+"
    rf"{_NEXT_PERSON}\b(?!\s+(?:of|who|from)\b)", re.I)
_PAIR_VERB_BEFORE_RE = re.compile(rf"\b(?:{_alt(KILL_VERBS)})\s+\Z", re.I)
_PAIR_STATE_AFTER_RE = re.compile(rf"\s+(?:were|have\s+been|had\s+been)\s+(?:(?:reportedly|both|later)\s+)?"
                                  rf"(?:shot\s+and\s+)?{_DEATH_STATE}\b", re.I)
# "five of their members, including the deputy head …, were killed": a count, an apposition set
# off by commas, then the passive verb.
_COUNT_APPOSITION_KILLED_RE = re.compile(
    r"\b(?P<count>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:of\s+(?:their|its|the)\s+)?[\w-]+(?:\s+[\w-]+)?\s*,[^,]{3,90},\s*(?:were|had\s+been|have\s+been)\s+killed\b",
    re.I)
# "resulting in the death of 4 regime soldiers", "the deaths of two civilians".
_DEATH_OF_RE = re.compile(r"\b(?:death|deaths|killing)\s+of\s+(?:at\s+least\s+|some\s+|about\s+)?"
                          r"(?P<count>\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"(?:an?|one|half\s+a)\s+dozen|an?" + _NO_ARTICLE_COUNT + r"(?=\s+(?:[\w-]+\s+){0,2}?"
                          + _PERSON + r"\b))\b", re.I)


def find_casualties(sentence: str, *, vague: bool = True) -> Casualties:
    """Killed / injured / killed-or-injured figures of one sentence, split by grammar.

    Active ("killing at least 16 ... and injuring another 36"), passive ("three children and two
    women were killed" → 5), bare participle ("five dead and 12 injured"), nouns ("12 deaths",
    "the death toll rose to 12") and statements of none ("no casualties" → 0/0, "no one was
    killed" → killed 0). Numbers not governed by a casualty word ("85 targets") are ignored.
    `vague=False` drops ACLED's values for "several", "dozens" and the like.
    """
    tokens = _tokens(sentence)
    if not tokens & _CASUALTY_TOKENS:
        return Casualties()
    counts = _iter_counts(sentence, tokens, vague, articles=True)
    mentions: list[CasualtyMention] = []
    i, n = 0, len(counts)
    while i < n:
        j = i
        # Coordinated victims share one verb: "three children and two women were killed".
        while j + 1 < n and counts[j + 1].start - counts[j].end < 60:
            link = _LINK_RE.match(sentence, counts[j].end, counts[j + 1].start)
            if not link or not _PERSON_RE.search(link.group("np")):
                break
            j += 1
        group = counts[i:j + 1]
        head_from = counts[i - 1].end if i else 0
        tail_to = counts[j + 1].start if j + 1 < n else len(sentence)
        kind = rule = None
        span_start, span_end = group[0].start, group[-1].end
        # Heads are searched in a short window: a regex search costs per character scanned.
        head_from = max(head_from, group[0].start - 40)
        head = _ACTIVE_HEAD_RE.search(sentence, head_from, group[0].start)
        if head:
            kind, rule, span_start = _kind(head.group("v1"), head.group("v2")), "active-verb", head.start()
            np_after = _NP_AFTER_RE.match(sentence, span_end, tail_to)
            span_end = np_after.end() if np_after else span_end
        elif _TOLL_HEAD_RE.search(sentence, head_from, group[0].start):
            kind, rule = "killed", "death-toll"
        elif tail := _PASSIVE_TAIL_RE.match(sentence, span_end, tail_to):
            bare = tail.group("aux") is None
            if not (bare and _OBJECT_AFTER_RE.match(sentence, tail.end())):
                kind, rule, span_end = _kind(tail.group("s1"), tail.group("s2")), \
                    "bare-participle" if bare else "passive", tail.end()
        elif (suffered := _SUFFERED_TAIL_RE.match(sentence, span_end, tail_to)) and \
                _PERSON_RE.search(suffered.group("np")):
            kind, rule, span_end = "injured", "suffered-injuries", suffered.end()
        elif nominal := _NOMINAL_TAIL_RE.match(sentence, span_end, tail_to):
            kind, rule, span_end = _kind(nominal.group("noun")), "noun", nominal.end()
        if kind and rule:
            rule += "+acled-vague" if any(c.qualifier == "vague" for c in group) else ""
            while span_end > span_start and sentence[span_end - 1] in ".,;:":
                span_end -= 1
            mentions.append(CasualtyMention(kind, sum(c.value for c in group), span_start, span_end,
                                            sentence[span_start:span_end], rule))
        i = j + 1
    first: dict[str, CasualtyMention] = {}
    for mention in mentions:
        first.setdefault(mention.kind, mention)
    values = {k: m.value for k, m in first.items()}
    spans = {k: m.text for k, m in first.items()}
    rules = list(dict.fromkeys(m.rule for m in first.values()))
    if len(mentions) > len(first):
        rules.append("first-of-several")
    # One named or titled victim with no number: "killed senior IRGC adviser Razi Mousavi",
    # "assassinated the commander". Counted only where no figure was found.
    if "killed" not in values and (apposed := _COUNT_APPOSITION_KILLED_RE.search(sentence)):
        count = parse_number(apposed.group("count"))
        if count is not None:
            values["killed"], spans["killed"] = count, apposed.group(0)
            rules.append("count-apposition-passive")
    if "killed" not in values and (death_of := _DEATH_OF_RE.search(sentence)):
        count = parse_number(death_of.group("count"), article_as_one=True)
        if count is not None:
            values["killed"], spans["killed"] = count, death_of.group(0)
            rules.append("death-of")
    if values.get("killed", 1) == 1 and (pair := _VICTIM_PAIR_RE.search(sentence)) and (
            _PAIR_VERB_BEFORE_RE.search(sentence, max(0, pair.start() - 20), pair.start())
            or _PAIR_STATE_AFTER_RE.match(sentence, pair.end())):
        values["killed"], spans["killed"] = 2 + pair.group("more").count(","), pair.group(0)
        rules.append("two-victims")
    if "killed" not in values and (single := _SINGLE_VICTIM_RE.search(sentence)
                                   or _SINGLE_VICTIM_PASSIVE_RE.search(sentence)
                                   or _NAMED_VICTIM_RE.search(sentence)):
        values["killed"], spans["killed"] = 1, single.group(0)
        rules.append("single-victim")
    # Statements of none count only where no figure was found for that field.
    for zero in list(_ZERO_NOUN_RE.finditer(sentence)) + list(_ZERO_ONE_RE.finditer(sentence)):
        words = zero.groupdict()
        noun = (words.get("noun") or "").lower()
        states = {(words.get("s1") or "").lower(), (words.get("s2") or "").lower()} - {""}
        only_killed = noun in ("fatalities", "deaths", "dead") or noun.startswith("loss") or states == {"killed"}
        for kind in ("killed",) if only_killed else ("killed", "injured"):
            if kind not in values:
                values[kind], spans[kind] = 0, zero.group(0)
                if "none-stated" not in rules:
                    rules.append("none-stated")
    return Casualties(killed=values.get("killed"), injured=values.get("injured"),
                      killed_span=spans.get("killed"), injured_span=spans.get("injured"),
                      killed_or_injured=values.get("killed_or_injured"), rule="+".join(rules) or "none",
                      killed_or_injured_span=spans.get("killed_or_injured"), mentions=tuple(mentions))


__all__ = ["Count", "Casualties", "CasualtyMention", "parse_number", "find_counts", "find_casualties"]
