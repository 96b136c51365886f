"""Who did it and to whom: the agent, the authority and the target an event's roles name, and the
interceptor's and launcher's sides of an interception (ACLED's actor1/actor2 conventions).

`EventRoles` is the part of `events.EventBuilder` that picks the actors; it reads the builder's
actor book (`self.actors`)."""
from __future__ import annotations

import re
from typing import Any

from dateline.extract.places import PlaceChoice
from dateline.extract.roles import AGENT, SPEAKER, TARGET, VICTIM, RoleCue
from dateline.extract.triggers import TriggerHit

# The actor types of a state's own forces and government.
STATE_FORCES = ("state_military", "police", "government")
# A military site hit with nobody named there: the forces of the country it is in.
MILITARY_SITE = re.compile(r"\b(?:military|army|naval|navy|air\s+force)\s+(?:air\s*)?(?:bases?|airports?|airfields?|barracks|positions?|"
                           r"posts?|sites?|installations?|headquarters)\b", re.I)
# "A naval base building in Eilat was damaged by a drone attack": the site hit is the subject.
SITE_HIT = re.compile(r"\s*(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:military|army|naval|navy|air\s+force)\s+(?:air\s*)?"
                      r"(?:bases?|airports?|airfields?|barracks|positions?|posts?)\b(?=[^.;]{0,80}?\b(?:was|were|came\s+under|"
                      r"has\s+been|had\s+been)\b)", re.I)
SITE_AFTER = re.compile(r"^[\s-]*(?:[\w-]+\s+)?(?:bases?|air\s*bases?|camps?|military\s+bases?)\b", re.I)
CIVILIAN_VICTIMS = re.compile(
    r"\b(?:civilians?|children|child|women|woman|men|man|girls?|boys?|sons?|daughters?|wife|husband|"
    r"brothers?|sisters?|famil(?:y|ies)|residents?|farmers?|owners?|shopkeepers?|workers?|drivers?|"
    r"teachers?|doctors?|nurses?|"
    r"shepherds?|worshippers|students|villagers|passers-by|journalists?|aid workers?)\b", re.I)
# What follows a state's name that makes it its armed forces ("government troops") or its civil
# government ("the Iranian consulate").
ARMED_NOUN = re.compile(r"^[’'s]*\s+(?:army\s+|armed\s+)?(?:troops|forces|soldiers|army|military|fighters|"
                        r"positions|units|servicemen|personnel)\b", re.I)
CIVIL_NOUN = re.compile(r"^[’'s]*\s+(?:embassy|embassies|consulate|consulates|consul|ministry|ministries|"
                        r"government|officials?|authorities|diplomats?|diplomatic\s+mission|president|"
                        r"prime\s+minister|parliament)\b", re.I)
# "a drone fired by the group", "missiles launched by Iran": the launcher, not the interceptor.
_LAUNCHED_BY = re.compile(r"\b(?:fired|launched|sent|flown|dispatched|operated|belonging)\s+(?:\w+\s+){0,2}?by\s+"
                          r"(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}$", re.I)
_DEFENDED = re.compile(r"\b(?:houses?|housing|hosts?|hosting|hosted|stationed|defend\w*|protect\w*)\s+"
                       r"(?:the\s+)?(?:[\w’'-]+\s+){0,2}$", re.I)


class EventRoles:
    """Picks actor1 and actor2 from the roles a frame's actors play."""

    actors: Any
    _trigger_name: str

    def _agent(self, roles: list[tuple[Any, RoleCue]], event_type: str, sub: str,
               country: str | None) -> tuple[str, str | None, str]:
        if sub == "Excessive force against protesters":
            return f"Protesters ({country or 'Iraq'})", None, \
                "excessive force: the protesters are actor1 (ACLED codebook)"
        if event_type in ("Protests", "Riots"):
            # ACLED names the crowd, not the group behind it: "Protesters (Iraq)", "Rioters (Iraq)".
            crowd = "Protesters" if event_type == "Protests" else "Rioters"
            return f"{crowd} ({country or 'Iraq'})", None, f"{event_type.lower()}: the crowd is the actor"
        if self._trigger_name == "curfew":
            return self._authority(roles, country)
        agents = [(a, r) for a, r in roles if r.role == AGENT]
        chosen = _most_specific(agents, self.actors)
        speakers = [a for a, r in roles if r.role == SPEAKER and not getattr(a.actor, "generic", False)]
        if chosen is None and speakers and sub == "Disrupted weapons use" and \
                getattr(speakers[0].actor, "type", "") in ("state_military", "government", "police"):
            # "Two drones were shot down, the Iraqi interior ministry said": a state announcing an
            # interception with no interceptor named speaks for its own forces.
            forces = self.actors.forces_of(speakers[0].actor)
            return forces.name, speakers[0].text, "interception: the state that announced it (its forces)"
        if chosen is None and speakers and self._own_forces_words:
            # "Turkey's defence ministry said its jets had struck…": "its" is the speaker's side.
            forces = self.actors.forces_of(speakers[0].actor)
            return forces.name, speakers[0].text, "agent: 'its/their forces' of the speaker"
        if chosen is None:
            name = self.actors.unidentified(country or "Iraq")
            return name, None, "nobody named as the actor: unidentified group of the event's country"
        mention, cue = chosen
        actor = mention.actor
        if getattr(actor, "generic", False):
            return self.actors.generic_name(actor, country or actor.country or "Iraq"), mention.text, \
                cue.rule + "; generic group → unidentified"
        if event_type != "Strategic developments" and actor.type == "government":
            forces = self.actors.forces_of(actor)
            if forces.name != actor.name:
                return forces.name, mention.text, cue.rule + "; a government striking → its forces"
        if actor.country_from_context:
            return self.actors.localise(actor, country).name, mention.text, cue.rule
        return actor.name, mention.text, cue.rule

    def _authority(self, roles: list[tuple[Any, RoleCue]], country: str | None) -> tuple[str, str | None, str]:
        """Who imposed a curfew: the government of the state whose official or force announced it
        ("Iraqi officials announced a curfew", "the Najaf Operations Command"), else of the
        country it is in (ACLED names the government for an order of the authorities)."""
        state = [a for a, r in roles if r.role in (AGENT, SPEAKER) and getattr(a.actor, "type", "") in STATE_FORCES]
        for mention in state:
            home = getattr(mention.actor, "country", None) or country
            government = self.actors.get(f"Government of {home}") if home else None
            if government is not None:
                return government.name, mention.text, "curfew: the government whose official or force imposed it"
        government = self.actors.get(f"Government of {country}") if country else None
        if government is not None:
            return government.name, None, "curfew: imposed by the authorities of the country it is in"
        return self.actors.unidentified(country or "Iraq"), None, "curfew: nobody named"

    def _target(self, roles: list[tuple[Any, RoleCue]], choice: PlaceChoice | None, owns_casualties: bool,
                casualties: Any, country: str | None, event_type: str,
                sub: str) -> tuple[str, str | None, str] | None:
        if sub == "Excessive force against protesters":
            forces = [(a, r) for a, r in roles if r.role == AGENT and getattr(a.actor, "type", "") in STATE_FORCES]
            if not forces and self._protest_forces is not None:
                forces = [(self._protest_forces, RoleCue(AGENT, "the state forces the sentence names as firing"))]
            if forces:
                mention, cue = forces[0]
                actor = self.actors.forces_of(mention.actor)
                if actor.country_from_context:
                    actor = self.actors.localise(actor, country)
                return actor.name, mention.text, cue.rule + "; the forces that used it (actor2)"
        if sub == "Protest with intervention" and self._protest_forces is not None:
            # ACLED names the forces that dispersed or met the demonstration as actor2.
            actor = self.actors.forces_of(self._protest_forces.actor)
            if actor.country_from_context:
                actor = self.actors.localise(actor, country)
            return actor.name, self._protest_forces.text, "protest with intervention: the forces that intervened"
        if sub == "Other" or event_type == "Protests":
            return None
        if sub == "Disrupted weapons use":
            launchers = [(a, r) for a, r in roles if r.role in (TARGET,)]
            chosen = _most_specific(launchers, self.actors)
            if chosen and not getattr(chosen[0].actor, "generic", False):
                return chosen[0].actor.name, chosen[0].text, chosen[1].rule
            return self.actors.unidentified(country or "Iraq"), None, \
                "interception: the launcher is unidentified"
        victims = [(a, r) for a, r in roles if r.role == VICTIM]
        targets = [(a, r) for a, r in roles if r.role == TARGET]
        # "two Iraqi bases housing US forces": the forces named at the target beat the adjective
        # that only says whose soil the base is on.
        forces_named = [(a, r) for a, r in targets + victims if not self._names_a_site(a)]
        if forces_named:
            targets = [(a, r) for a, r in targets if not self._names_a_site(a)]
        supplied = [(a, r) for a, r in targets if r.rule.startswith("target: whose supplies")]
        if supplied:
            # "civilian trucks carrying equipment for US forces": the forces supplied were the target.
            targets = supplied
        hosts = getattr(choice.place, "hosts", "") if choice is not None else ""
        if hosts and (targets or victims) and event_type in ("Explosions/Remote violence", "Battles") and \
                all(is_civilian(a.actor) for a, _r in targets + victims):
            # "a rocket attack on the K1 base that killed a US contractor": the attack was on the
            # forces the base hosts; the civilians killed there are not its target (ACLED).
            return hosts, choice.mention_text, "target: the forces the attacked base hosts (KB facility), " \
                "not the civilians killed there"
        placed = [(a, r) for a, r in targets + victims if _PARTY_AT_PLACE.match(self._text, a.end)]
        if choice is not None and len({a.actor.name for a, _r in placed}) > 1:
            # "a Hamas leader in Tehran and a Hezbollah commander outside Beirut": of several
            # parties hit, each told at its own place, a place's is the one told at it.
            paired = [(a, r) for a, r in placed
                      if _PARTY_AT_PLACE.match(self._text, a.end).end() == choice.mention_start]
            if paired:
                targets, victims = [p for p in paired if p[1].role == TARGET], [p for p in paired if p[1].role == VICTIM]
        if owns_casualties and victims:
            chosen = _most_specific(victims, self.actors)
        else:
            chosen = _most_specific(targets, self.actors) or _most_specific(victims, self.actors)
        if chosen is not None:
            mention, cue = chosen
            if getattr(mention.actor, "generic", False):
                return self.actors.generic_name(mention.actor, country or "Iraq"), mention.text, cue.rule + \
                    "; generic group → unidentified"
            actor = mention.actor
            if actor.country_from_context:
                actor = self.actors.localise(actor, country)
            if mention.how == "context" and actor.type == "government" and event_type != "Strategic developments":
                # "attacks on the US", "struck Iraq": a state attacked by name is its armed forces.
                forces = self.actors.forces_of(actor)
                return forces.name, mention.text, cue.rule + "; a state attacked → its forces"
            follows = self._text[mention.end:mention.end + 40]
            if actor.type == "government" and ARMED_NOUN.match(follows) and event_type != "Strategic developments":
                # "Syrian government troops": ACLED codes a state's troops as its military forces.
                forces = self.actors.forces_of(actor)
                return forces.name, mention.text, cue.rule + "; the government's troops → its forces"
            if mention.how == "adjective" and CIVIL_NOUN.match(follows):
                # "the Iranian consulate", "Iraqi officials": the state's civil government, not its army.
                government = self.actors.government_of(actor)
                if government is not None and government.name != actor.name:
                    return government.name, mention.text, cue.rule + "; a state's civil office → its government"
            return actor.name, mention.text, cue.rule
        speakers = [(a, r) for a, r in roles if r.role == SPEAKER and not getattr(a.actor, "generic", False)]
        if speakers and self._own_victims and event_type in ("Explosions/Remote violence", "Battles"):
            # "Kataib Hezbollah said US strikes killed four of its fighters": the speaker was hit.
            mention, _cue = speakers[0]
            actor = self.actors.forces_of(mention.actor)
            if actor.country_from_context:
                actor = self.actors.localise(actor, country)
            return actor.name, mention.text, "target: the speaker's own ('its fighters', 'their positions')"
        hosts = getattr(choice.place, "hosts", "") if choice is not None else ""
        if hosts and event_type in ("Explosions/Remote violence", "Battles"):
            return hosts, choice.mention_text, "target: the forces the attacked base hosts (KB facility)"
        if casualties is not None and owns_casualties and casualties.killed_span:
            found = CIVILIAN_VICTIMS.search(casualties.killed_span or "") or \
                CIVILIAN_VICTIMS.search(casualties.injured_span or "")
            if found:
                return f"Civilians ({country or 'Iraq'})", found.group(), "civilian victims named"
        if event_type == "Violence against civilians":
            # ACLED codebook: violence against civilians targets civilians by definition.
            return f"Civilians ({country or 'Iraq'})", None, \
                "violence against civilians: the victims are civilians (ACLED codebook)"
        site = MILITARY_SITE.search(self._text, self._trigger_start) or SITE_HIT.match(self._text)
        if site and country and event_type in ("Explosions/Remote violence", "Battles"):
            forces = self.actors.get(f"Military Forces of {country}")
            if forces is not None:
                return forces.name, site.group(), \
                    "target: a military base or position with no forces named (the country's military)"
        return None

    def _names_a_site(self, mention: Any) -> bool:
        """True for a state named before a base word ("an Iraqi base", "Iraqi military bases"): whose
        soil, not who is there. A group named so ("a PMF military base") owns the base."""
        if getattr(mention, "how", "") not in ("adjective", "context") and \
                getattr(mention.actor, "type", "") not in STATE_FORCES:
            return False
        return bool(SITE_AFTER.match(self._text[mention.end:mention.end + 30]))


def _weapon_owner(after: str, before_trigger: bool) -> bool:
    """True when the words after an actor name its weapon ("Iranian drones were shot down"). Before
    the trigger, only right before the weapon ("Israeli missiles were fired … and air defences
    intercepted them"; not "Iraqi forces thwarted a drone", nor "Israeli aircraft intercepted")."""
    if before_trigger:
        return re.match(r"^[\s-]*(?:[\w-]+\s+)?(?:drones?|missiles?|rockets?|projectiles?|UAVs?)\b",
                        after, re.I) is not None
    return re.match(r"^[\s-]*(?:[\w-]+\s+){0,2}?(?:drones?|missiles?|rockets?|projectiles?|UAVs?|aircraft)\b",
                    after, re.I) is not None


def interception_roles(text: str, roles: list[tuple[Any, RoleCue]],
                        primary: TriggerHit) -> list[tuple[Any, RoleCue]]:
    """ACLED's rule for Disrupted weapons use: actor1 is who intercepted, actor2 who launched.

    Agents are the interceptors, targets the launchers: an actor named as the one who fired the
    weapon ("a drone fired by the group", "Iranian drones were shot down") is the launcher; the
    forces defending the place ("near Erbil airport, which hosts US troops") intercepted it.
    """
    out = []
    for mention, cue in roles:
        before = text[max(0, mention.start - 60):mention.start]
        after = text[mention.end:mention.end + 40]
        if re.search(r"\bhelp(?:ed|ing|s)?\s+$", before, re.I):
            continue  # "the US helped Israel intercept them": a partner, coded in its own event
        if _LAUNCHED_BY.search(before):
            out.append((mention, RoleCue(TARGET, "interception: the launcher ('fired/launched by')")))
        elif _DEFENDED.search(before):
            out.append((mention, RoleCue(AGENT, "interception: the forces defending the place intercepted")))
        elif _weapon_owner(text[mention.end:min(mention.end + 40, primary.start)] if mention.start < primary.start
                           else after, mention.start < primary.start) \
                and cue.role in (AGENT, TARGET):
            out.append((mention, RoleCue(TARGET, "interception: whose weapon was downed ('Iranian drones')")))
        elif cue.role == AGENT and mention.start > primary.start and \
                re.search(r"\bby\s+(?:the\s+)?(?:\w+\s+){0,2}$", before, re.I):
            out.append((mention, RoleCue(AGENT, "interception: 'shot down/intercepted by' names the interceptor")))
        else:
            out.append((mention, cue))
    return out


def is_armed(actor: Any) -> bool:
    """An armed party: a state, its forces, militias, rebels (a political party or an agency is not)."""
    return getattr(actor, "type", "") not in ("civilians", "protesters", "rioters", "political", "international")


def is_civilian(actor: Any) -> bool:
    return getattr(actor, "type", "") in ("civilians", "protesters")


# "<party> commander in <Place>": a party told at a place (the place's first letter ends the match).
_PARTY_AT_PLACE = re.compile(r"\s*(?:[a-z]+\s+){0,2}(?:in|outside|near|at)\s+(?:the\s+)?(?=[A-Z])")


def _most_specific(candidates: list[tuple[Any, RoleCue]], actors: Any) -> tuple[Any, RoleCue] | None:
    """A named actor beats a generic one; a faction beats the umbrella it belongs to."""
    if not candidates:
        return None
    named = [c for c in candidates if not getattr(c[0].actor, "generic", False)]
    pool = named or candidates
    best = pool[0]
    for candidate in pool[1:]:
        if actors.is_part_of(candidate[0].actor.name, best[0].actor.name):
            best = candidate
    return best
