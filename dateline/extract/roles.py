"""Decides who acted and who was targeted in a clause, from the words around each actor mention.

The cues are English grammar, not lists of names: "by X" is the agent of a passive; "against X",
"on X", "targeting X", "facilities of X" mark the target; a count before an actor ("three US
troops", "16 PMF fighters") marks victims; "which houses US troops" names who was at the target;
an actor followed by "said"/"told" or after "according to" is a speaker, not a party. With no cue,
an actor before the trigger is its agent (subject or attributive adjective: "A US drone strike")
and one after it is the target.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from dateline.extract.actor_conventions import BETWEEN_FIRST
from dateline.extract.actors import BELIEVED_TO_BE

AGENT = "agent"
TARGET = "target"
VICTIM = "victim"
SPEAKER = "speaker"
DESCRIPTOR = "descriptor"

# "targets linked to the IRGC", "sites used by Kataib Hezbollah": the owner of what was hit.
# The owner may follow a relative clause ("a target in Syria that the Pentagon said was used by")
# and qualifiers ("belonging to the Iranian-backed PMF", "used by multiple Iran-backed militias").
_TARGET_NOUNS = (r"\b(?:targets?|sites?|positions?|facilities|facility|depots?|(?:air\s*)?bases?|headquarters|"
                 r"infrastructure|warehouses?|storehouses?|convoys?|vehicles?|centers?|centres?|hubs?|stores?|"
                 r"stockpiles?|camps?|compounds?|offices?|buildings?|storage|residences?|airports?|airfields?)")
_OWNER_QUALIFIERS = r"(?:the\s+|an?\s+)?(?:(?:several|multiple|various|other|two|three|[\w]+-(?:backed|aligned|allied|linked)|" \
    r"[A-Z][a-z]+(?:ian|i|ish|an)|[A-Z][\w-]*[’']s|paramilitary|militant|elite|armed)\s+){0,2}"
_OWNER_OF_TARGET = re.compile(
    _TARGET_NOUNS + r"\s+(?:[\w,’'-]+\s+){0,7}?"
    r"(?:linked\s+to|tied\s+to|belonging\s+to|used\s+by|affiliated\s+with|associated\s+with|run\s+by|"
    r"operated\s+by|controlled\s+by|held\s+by|owned\s+by)\s+" + _OWNER_QUALIFIERS + "$"
    r"|" + _TARGET_NOUNS + r"\s+(?:\w+\s+){0,2}?of\s+(?:the\s+)?$", re.I)
# "trucks carrying equipment belonging to the coalition", "supplies for US forces": whose
# supplies a convoy carried (ACLED codes attacks on supply convoys against the forces supplied).
_OWNER_OF_SUPPLIES = re.compile(
    r"\b(?:supplies|equipment|shipments?|cargo|logistics|goods|fuel|materiel|provisions)\s+"
    r"(?:belonging\s+to|for|of|bound\s+for|destined\s+for|used\s+by|contracted\s+by)\s+(?:the\s+)?(?:[\w-]+\s+){0,1}$",
    re.I)
# "The Islamic Resistance in Iraq said it launched…", "X claimed a drone attack on…".
_CLAIMS_AS_AGENT = re.compile(
    r"^[’'s]*\s*(?:\w+\s+){0,2}?(?:said|says|announced|claimed|stated)\s+(?:that\s+)?(?:it|its\s+fighters|they)\s+"
    r"(?:had\s+)?(?:launched|fired|targeted|attacked|struck|hit|carried\s+out|shelled|bombed|downed|shot)"
    r"|^[’'s]*\s*(?:\w+\s+){0,2}?claimed\s+(?:(?:on\s+)?\w+\s+)?(?:responsibility\s+for\s+|credit\s+for\s+)"
    r"|^[’'s]*\s*claimed\s+(?:an?|the|two|three|several|\w+’s)\b",
    re.I)
# "by Kataib Hezbollah", "ambushed by fighters from the terrorist organisation Daesh".
_BEFORE_AGENT = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}$"
                           r"|\bby\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:fighters|members|militants|gunmen|"
                           r"elements|units?|cells?|forces)\s+(?:of|from|belonging\s+to)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
                           re.I)
# "a drone attack attributed to Kataib Hezbollah", "a killing (widely) blamed on Israel".
_ATTRIBUTED_TO = re.compile(r"\b(?:attributed\s+to|(?:blamed|pinned)\s+on)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# "a photo released by SANA", "figures published by the ministry": "by" names who made a report.
_REPORTED_BY = re.compile(
    r"\b(?:released|published|reported|posted|issued|shared|taken|provided|cited|quoted|broadcast|aired|"
    r"distributed|circulated|obtained|verified|compiled|documented|announced|supplied|given|seen|"
    r"reviewed|filmed|photographed)\s+by\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}$", re.I)
_BEFORE_DESCRIPTOR = re.compile(
    r"\b(?:backed|supported|funded|armed|trained|sponsored|linked|tied|allied|aligned|affiliated|"
    r"connected|close|loyal|belonging|blamed|blames|blame)\s+(?:by|to|with|on)\s+(?:the\s+)?$"
    r"|\b(?:network|coalition|umbrella)\s+of\s+(?:\w+\s+){0,4}$", re.I)
_BEFORE_TARGET = re.compile(
    r"(?:\b(?:against|on|at|targeting|targeted|target|targets|hit|hitting|struck|striking|"
    r"attacking|attacked|bombing|shelling|killing|killed|wounding|wounded|injuring|injured|"
    r"houses|housing|hosting|hosted|stationed|of|including|mainly|mostly|among\s+them|"
    r"members\s+of|fighters\s+of|commander\s+of|leader\s+of|positions\s+of|facilities\s+of|"
    r"headquarters\s+of|bases?\s+of|convoys?\s+of|sites?\s+(?:of|used\s+by))"
    r"\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w’'-]+\s+){0,2}$)", re.I)
_AFTER_SPEAKER = re.compile(
    r"^[’'s]*\s*(?:\([^()]{1,40}\)\s*)?(?:\w+\s+){0,4}?(?:said|says|say|told|reported|announced|stated|added|claimed|"
    r"confirmed|wrote|tweeted|posted|noted|declared|spokesperson|spokesman|spokeswoman|statement|"
    r"officials?\s+(?:said|told)|"
    # An accuser, a body that condemns or blames, a witness: they speak about the event.
    r"condemn\w*|denounc\w*|accus\w*|blam\w*|critici[sz]\w*|alleg(?:e|es|ing)|alleged\s+that|deplor\w*|warn\w*|"
    r"call(?:ed|s)\s+(?:on|for)|urg\w+|witness(?:es|ed)?|recount\w*|described)\b", re.I)
# "US and Israeli officials brace for…", "Iran's promised response to the killing": officials who
# wait or a party that answers the event tell who reacts to it, not who did it.
_REACTS = re.compile(
    r"^[’'s]*\s*(?:(?:and|or)\s+[A-Z][\w.-]*\s+)?(?:(?:officials|diplomats|lawmakers|ministers|leaders)\s+)?"
    r"(?:brace|braced|braces|bracing|await\w*|fear\w*)\b"
    r"|^[’']s\s+(?:\w+\s+)?(?:response|retaliation|reply|revenge|answer)\s+(?:to|for)\b", re.I)
# "accused the United States of striking", "blamed Iran for the attack": the one accused is
# the agent the speaker names.
_BEFORE_ACCUSED = re.compile(r"\b(?:accus\w*|blam\w*|held)\s+(?:the\s+)?$", re.I)
_AFTER_ACCUSED = re.compile(r"^[’'s]*\s*(?:\w+\s+){0,3}?(?:of|for|responsible)\b", re.I)
_BEFORE_SPEAKER = re.compile(r"\baccording\s+to\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,3}$", re.I)
# "American troops … came under attack", "the convoy was hit by": the subject suffered the trigger.
# "US forces have seen attacks", "24 personnel sustained injuries in drone attacks": the subject
# suffered them.
_PASSIVE_BETWEEN = re.compile(
    r"\b(?:was|were|been|being|is|are|came\s+under|come\s+under|comes\s+under|coming\s+under|"
    r"under\s+(?:fire|attack)|(?:have|has|had)\s+(?:seen|suffered|faced|endured|sustained)|"
    r"saw|suffered|sustained|faced|endured)\b", re.I)
_SUFFERED = re.compile(r"(?:have|has|had|saw|suffered|sustained|faced|endured)\b", re.I)
# "In the latest escalation against US forces, militias launched…": a target named ahead of the verb.
_AGAINST_BEFORE = re.compile(r"\b(?:against|targeting|targeted\s+at)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,1}$", re.I)
_MEMBERS_OF = re.compile(r"\b(?:members?|fighters?|commanders?|leaders?|officers?|soldiers|officials?|"
                        r"chiefs?|generals?)\s+of\s+(?:the\s+|its\s+)?(?:[\w’'-]+\s+){0,2}$", re.I)
_CASUALTY_VERB = re.compile(r"\b(?:killed|killing|wounded|wounding|injured|injuring|dead|died)\b", re.I)
# "The Turkish artillery is also shelling Kobani": "is" + an -ing trigger is active, not passive
# ("came under … shelling" stays passive: "under" is not read here).
_PROGRESSIVE = re.compile(r"^\w+ing\b", re.I)
# ... only when the auxiliary stands right before it: in "soldiers were killed in shelling by X" the
# -ing word is a noun after a preposition, and the subject of "were killed" suffered it.
_AUXILIARY_LAST = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+|also\s+|still\s+|now\s+|again\s+)?$", re.I)
_COUNT_BEFORE = re.compile(
    r"(?:\b\d[\d,]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|"
    r"several|many|scores|hundreds|another|more)\b)\s+(?:of\s+(?:its|their|the)\s+)?(?:\w+\s+)?$",
    re.I)
_VICTIM_NOUN_AFTER = re.compile(
    r"^[’'s]*\s*(?:\w+\s+){0,2}?(?:troops|soldiers|fighters|members|militants|militiamen|"
    r"personnel|service\s*members|servicemen|officers|guards|commanders?|policemen|police|"
    r"civilians|people|contractors|recruits|operatives|gunmen)\b", re.I)


# A nationality adjective names a party only before a word for forces or arms: "US troops",
# "a Turkish drone", "American overnight airstrikes" — not "the Iraqi borders", "Syrian soil".
_FORCE_WORDS = re.compile(
    r"^[\s-]*(?:[\w-]+\s+){0,2}?(?:troops|forces|force|soldiers?|military|army|armed|jets?|warplanes?|aircraft|"
    r"planes?|drones?|strikes?|airstrikes?|air\s+strikes?|raids?|artillery|personnel|service\s*members|fighters|"
    r"police|policem[ae]n|servicem[ae]n|conscripts?|recruits?|militias?|militiamen|guards?|navy|commandos?|units?|tanks?|helicopters?|officers?|"
    r"bombers?|missiles?|rockets?|convoys?|patrols?|bases?|positions?|security|defen[cs]es?|operations?|"
    r"shelling|bombardments?|bombings?|barrages?|shells?|fire|attacks?|offensives?|incursions?|assaults?|"
    r"gunboats?|special|coalition|led|backed|government|officials?|authorities|ministry|embassy|consulate|"
    r"[a-z]{1,2}-\d{1,3}[a-z]?s?|reapers?|predators?|apaches?|bayraktars?|sukhois?|migs?)(?![\w-])",
    re.I)


# "Syrian opposition armed groups", "Iraqi Kurdish fighters", "Syrian rebel forces": the nationality
# of a non-state group, whose forces are not the state's.
_NON_STATE_AFTER = re.compile(
    r"^[\s-]*(?:opposition|rebels?|insurgents?|insurgency|militants?|jihadists?|islamists?|kurdish|kurds|"
    r"shi[a'’]?(?:ite)?|sunni|tribal|tribes(?:men)?|dissidents?|anti-government|anti-regime|armed\s+opposition)\b",
    re.I)


def names_a_party(sentence: str, mention: Any) -> bool:
    """False for a nationality adjective that only describes a place or thing ("Iraqi borders") or
    the nationality of a non-state group ("Syrian opposition fighters")."""
    if getattr(mention, "how", "") != "adjective":
        return True
    after = sentence[mention.end:mention.end + 40]
    if _NON_STATE_AFTER.match(after):
        return False
    if BELIEVED_TO_BE.search(sentence[max(0, mention.start - 60):mention.start]):
        return True     # "drones, believed to be Israeli": whose drones they were
    return bool(_FORCE_WORDS.match(after))


# "fighting between Kurdish units of the SDF and Turkish troops": both sides are parties.
_FIGHTING_BETWEEN = r"\b(?:clash\w*|fight\w*|battles?|skirmish\w*|confrontations?|firefights?|gunfights?|" \
    r"exchanges?\s+of\s+fire|hostilities|war)\s+(?:[\w’'-]+\s+){0,3}?between\s+"
_FIRST_SIDE = re.compile(_FIGHTING_BETWEEN + r"(?:the\s+)?(?:[\w’'-]+\s+){0,4}$", re.I)
_SECOND_SIDE = re.compile(_FIGHTING_BETWEEN + r"[^.;:,]{2,100}?\s+(?:and|&)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$", re.I)
# "…took control of Sinnara, following clashes with YPG fighters": the side the ground was won from.
_AFTER_CLASHES = re.compile(
    r"\b(?:after|following|amid|during|in)\s+(?:\w+\s+){0,2}?(?:clash\w*|fighting|battles?|confrontations?)\s+"
    r"(?:[\w-]+\s+){0,3}?with\s+(?:the\s+)?(?:[\w’'-]+\s+){0,2}$", re.I)
_STRIKE_BELIEVED = re.compile(
    r"(?:[\w-]+\s+)?(?:air\s*strikes?|airstrikes?|strikes?|attacks?|raids?|bombings?|shelling|explosions?|blasts?)"
    r",?\s+(?:which\s+(?:was|were|is|are)\s+|(?:was|were|is|are)\s+)?(?:widely\s+)?(?:believed|thought|suspected|said|"
    r"reported|presumed|understood|assumed)\s+to\s+(?:be|have\s+been)\s+(?:an?\s+)?", re.I)


# "were killed in a US raid", "wounded by an Israeli strike": the party whose attack it was (both
# ACLED 2018 train notes of Iraq/Syria so worded with a party named code it as actor1).
_KILLED_IN_ITS = re.compile(r"\b(?:killed|wounded|injured|died|dead)\s+(?:in|during|by)\s+(?:a|an|the)\s+$", re.I)
_ATTACK_NOUN_AFTER = re.compile(r"(?:[\s-]+led)?\s+(?:air\s*strikes?|airstrikes?|drone\s+strikes?|strikes?|raids?|"
                                r"attacks?|operations?|ambush(?:es)?|bombings?|shelling)\b", re.I)


@dataclass(frozen=True)
class RoleCue:
    role: str
    rule: str


def role_of(sentence: str, start: int, end: int, trigger_start: int) -> RoleCue:
    """Returns the role of the actor mention `sentence[start:end]` relative to a trigger."""
    before = sentence[max(0, start - 60):start]
    after = sentence[end:end + 60]
    if start > trigger_start and _STRIKE_BELIEVED.fullmatch(sentence[trigger_start:start]):
        return RoleCue(AGENT, "agent: whose the strike was believed to be ('a strike, believed to be Turkish')")
    if start > trigger_start and _FIRST_SIDE.search(sentence[max(0, start - 100):start]):
        return RoleCue(AGENT, BETWEEN_FIRST)
    if start > trigger_start and _SECOND_SIDE.search(sentence[max(0, start - 160):start]):
        return RoleCue(TARGET, "target: the second side of 'clashes between A and B'")
    if _AFTER_CLASHES.search(before):
        return RoleCue(TARGET, "target: the side of 'after/following clashes with X'")
    if _CLAIMS_AS_AGENT.match(after):
        return RoleCue(AGENT, "agent: claimed the attack as its own ('said it launched', 'claimed')")
    if _OWNER_OF_SUPPLIES.search(before):
        return RoleCue(TARGET, "target: whose supplies were hit ('equipment belonging to')")
    if _OWNER_OF_TARGET.search(before):
        return RoleCue(TARGET, "target: owner of what was hit ('targets linked to')")
    if _BEFORE_ACCUSED.search(before) and _AFTER_ACCUSED.match(after):
        return RoleCue(AGENT, "agent: the party accused or blamed ('accused X of', 'blamed X for')")
    if start < trigger_start and _REACTS.match(after):
        return RoleCue(SPEAKER, "reacts to the event: officials bracing, a party's response to it")
    if _BEFORE_SPEAKER.search(before) or _AFTER_SPEAKER.match(after):
        return RoleCue(SPEAKER, "speaker: 'said/told' after or 'according to' before")
    if _ATTRIBUTED_TO.search(before):
        return RoleCue(AGENT, "agent: the party the attack is attributed to ('attributed to', 'blamed on')")
    if _BEFORE_DESCRIPTOR.search(before):
        return RoleCue(DESCRIPTOR, "descriptor: 'backed by/affiliated with' before")
    if _REPORTED_BY.search(before):
        return RoleCue(SPEAKER, "speaker: 'released/reported by' names who made the report")
    if _BEFORE_AGENT.search(before):
        return RoleCue(AGENT, "agent: 'by' before the actor")
    if _COUNT_BEFORE.search(before) and _VICTIM_NOUN_AFTER.match(after):
        return RoleCue(VICTIM, "victims: a count before the actor and a people noun after it")
    if _VICTIM_NOUN_AFTER.match(after) and re.search(
            r"\b(?:kill\w*|wound\w*|injur\w*|dead|died)\b", sentence[max(0, start - 40):start], re.I):
        return RoleCue(VICTIM, "victims: after a casualty verb")
    if start < trigger_start and _MEMBERS_OF.search(before) and _CASUALTY_VERB.search(sentence[:start]):
        return RoleCue(VICTIM, "victims: 'a commander/members of' the actor after a casualty verb")
    if start < trigger_start and _AGAINST_BEFORE.search(before):
        return RoleCue(TARGET, "target: 'against/targeting' before the actor (ahead of the trigger)")
    if _KILLED_IN_ITS.search(before) and _ATTACK_NOUN_AFTER.match(after):
        return RoleCue(AGENT, "agent: whose attack the victims fell in ('killed in a US raid')")
    if start > trigger_start and _BEFORE_TARGET.search(before):
        return RoleCue(TARGET, "target: 'against/on/targeting/of' before the actor")
    if start < trigger_start:
        between = sentence[end:trigger_start]
        passive = _PASSIVE_BETWEEN.search(between)
        if passive and ("under" in passive.group().lower() or _SUFFERED.match(passive.group())
                        or not _PROGRESSIVE.search(sentence[trigger_start:trigger_start + 30])
                        or not _AUXILIARY_LAST.search(between)):
            return RoleCue(TARGET, "target: subject of a passive ('was hit', 'came under')")
        return RoleCue(AGENT, "agent: actor before the trigger (subject or attribute)")
    return RoleCue(TARGET, "target: actor after the trigger")


def settle(cue: RoleCue, actor: Any) -> RoleCue:
    """Corrects a cue the actor's kind rules out: civilians never attack in ACLED's coding (1 of
    about 6,400 train rows has civilians as actor1, a strategic development), so civilians read as
    the agent ("the killing of a US contractor in a rocket attack") were its victims."""
    if cue.role == AGENT and getattr(actor, "type", "") == "civilians":
        return RoleCue(VICTIM, cue.rule.replace("agent: ", "", 1) + "; civilians never attack (ACLED): a victim")
    return cue


_COORDINATED = re.compile(r"\s*,?\s+(?:and|or|and/or|&)\s+")


def share_coordinated(text: str, roles: list[tuple[Any, RoleCue]]) -> list[tuple[Any, RoleCue]]:
    """"Syrian or Russian warplanes", "US and Iraqi forces": a party coordinated with the one
    before it has the same role (the second side of "clashes between A and B" excepted)."""
    out = list(roles)
    for index in range(1, len(out)):
        (first, first_cue), (second, second_cue) = out[index - 1], out[index]
        if first_cue.role not in (AGENT, TARGET, VICTIM) or second_cue.role == first_cue.role \
                or second_cue.role not in (AGENT, TARGET, VICTIM) or "between A and B" in second_cue.rule:
            continue
        if _COORDINATED.fullmatch(text[first.end:second.start]):
            out[index] = (second, RoleCue(first_cue.role, first_cue.rule + "; coordinated with the party before it"))
    return out


def settle_clause(text: str, roles: list[tuple[Any, RoleCue]]) -> list[tuple[Any, RoleCue]]:
    """The roles of a clause read together: coordinated parties share a role, and the attacker's
    own dead ("regime forces clashed with IS, killing 4 regime soldiers") are its losses, not
    its target."""
    out = share_coordinated(text, roles)
    agents = {m.actor.name for m, cue in out if cue.role == AGENT}
    return [(m, RoleCue(DESCRIPTOR, cue.rule + "; the attacker's own losses, not its target"))
            if cue.role in (TARGET, VICTIM) and m.actor.name in agents else (m, cue) for m, cue in out]


def opponents_of_clashes(text: str, mentions: list[Any], start: int, end: int) -> list[tuple[Any, RoleCue]]:
    """The parties a battle with no target was fought against, named outside its clause ("following
    clashes with YPG fighters, Olive Branch forces captured …")."""
    return [(m, RoleCue(TARGET, "target: the side of 'after/following clashes with X' (outside the clause)"))
            for m in mentions if not start <= m.start < end and _AFTER_CLASHES.search(text[max(0, m.start - 100):m.start])]


def pick(mentions: list[tuple[Any, RoleCue]], roles: tuple[str, ...]) -> tuple[Any, RoleCue] | None:
    """Returns the best mention with one of `roles`: a named actor beats a generic one."""
    candidates = [(m, cue) for m, cue in mentions if cue.role in roles]
    if not candidates:
        return None
    named = [(m, cue) for m, cue in candidates if not getattr(m.actor, "generic", False)]
    return (named or candidates)[0]
