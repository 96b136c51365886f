"""Turns the frames of one sentence into ACLED-coded event records, each field with its evidence."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from dateline.extract.event_roles import EventRoles
from dateline.extract.event_roles import interception_roles as _interception_roles
from dateline.extract.event_roles import is_civilian as _is_civilian
from dateline.extract.event_types import PROTEST_CONTEXT as _PROTEST_CONTEXT
from dateline.extract.event_types import EventTyping
from dateline.extract.frames import CAUSE_LINK, Frame
from dateline.extract.places import PlaceChoice, choose_places, usable_mentions
from dateline.extract.roles import (AGENT, DESCRIPTOR, SPEAKER, TARGET, VICTIM, RoleCue, names_a_party,
                                    opponents_of_clashes, role_of, settle, settle_clause)
from dateline.extract.triggers import TriggerHit, TriggerLexicon, WeaponHit
from dateline.model import EventRecord, Evidence, Source

_MODAL = re.compile(
    r"\b(?:could|would|might|may|will|shall|if|unless|threat(?:en(?:s|ed)?)?\s+to|threats?\s+to|"
    r"plan(?:s|ned)?\s+to|intend(?:s|ed)?\s+to|vow(?:s|ed)?\s+to|prepar\w*\s+to|ready\s+to|"
    r"warn(?:s|ed)?\s+(?:of|against)|possible|potential|any\s+(?:future\s+)?|should|in\s+case\s+of|"
    r"to\s+prevent|to\s+deter|capable\s+of|avoid|deny\s+that|denied\s+that)\b[^,.;]{0,60}$", re.I)
# "one of the early centres for protest", "a hotbed of attacks": a place known for such events.
_KNOWN_FOR = re.compile(r"\b(?:centres?|centers?|hubs?|cradle|birthplace|hotbeds?|heartlands?|strongholds?)\s+"
                        r"(?:of|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# "the Yemen-based Houthis", "Syria-based Iranian proxies": where a group is based.
_BASED_BEFORE = re.compile(r"\b([A-Z][A-Za-z]+)-based\s+(?:[\w-]+\s+){0,2}$")
# "…at a depot in the province": a clause placed only in the province its sentence named before.
_THE_PROVINCE = re.compile(r"\b(?:in|across|throughout)\s+the\s+(?:province|governorate)\b", re.I)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+")
# "Troops were heading to the village to arrest a suspect": what they set out to do, not done.
_PURPOSE = re.compile(r"\b(?:in\s+order|so\s+as|(?:heading|headed|going|on\s+their\s+way|sent|dispatched|"
                      r"deployed|mobili[sz]ed)\b[^,.;]{0,80}?)\s+to\s+$", re.I)
# "attacks on US forces", "strikes against the militia": a target named after its preposition.
_TARGET_PREP_BEFORE = re.compile(r"\b(?:on|against|targeting|at)\s+(?:the\s+|its\s+|their\s+)?"
                                 r"(?:[\w-]+\s+){0,2}$", re.I)
_NEGATED = re.compile(r"\b(?:no|not|never|neither|nor|without)\b\s+(?:\w+\s+){0,2}$", re.I)
# "…, but did claim the assassination of": the sentence's subject owns the event of the clause.
_BUT_CLAIMED = re.compile(r"\W*(?:but\s+)?(?:did|has|had|also)?\s*(?:claim(?:ed|s)?|acknowledg(?:ed|es)|admit(?:ted|s)?)"
                          r"\s+(?:responsibility\s+for\s+)?the\s+(?:[\w-]+\s+)?$", re.I)
# "neither confirmed nor denied the killing, but did claim…": no denial, and "but" turns the clause.
_DENIED = re.compile(r"\b(?<!nor\s)(?:denied|denies|deny|denying|rejected\s+claims|refuted)\b(?![^.;]*\bbut\b)[^.;]*$",
                     re.I)
_CHARACTERISED = re.compile(
    r"(?:\b(?:was|is|were|are|as)\s+(?:an?|the)\s+"
    r"|\b(?:called|calling|describing|described|branded|branding|termed|labelled|labeled)\s+"
    r"(?:it|them|the\s+\w+)?\s*(?:as\s+)?(?:an?\s+|the\s+)?"
    # "It marks the first case of a drone falling on the town since May": the told event ranked.
    r"|\bthe\s+(?:first|second|third|latest)\s+(?:known\s+|such\s+|reported\s+)?(?:case|instance|incident|use)\s+"
    r"of\s+(?:an?\s+|the\s+)?)(?:[\w-]+\s+){0,2}$", re.I)
_OWN_FORCES = re.compile(r"\b(?:its|their)\s+(?:own\s+)?(?:jets|warplanes|aircraft|planes|forces|troops|drones|"
                         r"army|military|artillery|navy|air\s+force|units|soldiers)\b", re.I)
# "hundreds of troops", "dozens of protesters": a crowd's size, not a count of events.
_PEOPLE = r"(?:troops|soldiers|people|protesters|demonstrators|fighters|civilians|militants|members|residents|" \
    r"families|students|workers|police(?:men)?|officers|personnel|gunmen|supporters|men|women|children)"
_GENERIC = re.compile(r"\b(?:multiple|numerous|countless|decisions?\s+to|repeated(?:ly)?|frequent(?:ly)?|regular(?:ly)?|routinely|often|"
                      r"several\s+occasions|series\s+of|wave\s+of|spate\s+of|have\s+increased|"
                      r"increased|escalat\w+|such|similar|recurring|(?:dozens|hundreds)\s+of(?!\s+(?:[\w-]+\s+)?" + _PEOPLE + r"\b))\b",
                      re.I)
# "Its forces conducted dozens of strikes on camps in Syria": a counted wave done at one time
# (a simple past, not "have conducted" over a period) is one event, as ACLED codes it.
_DONE_WAVE = re.compile(r"(?<!\bhave\s)(?<!\bhas\s)(?<!\bhad\s)\b(?:carried\s+out|conducted|launched|staged)\s+"
                        r"(?:dozens|scores|hundreds)\s+of\s+(?:[\w-]+\s+){0,2}$", re.I)
# "The US military conducted strikes against militia facilities, as a response to Wednesday's
# rocket attack": strikes done (a past verb right before them) in answer to one named attack are
# that answer, one event, however unplaced.
# "The attack prompted the US to carry out strikes": the strikes one attack led a party to do.
_DONE_STRIKES = re.compile(r"\b(?:carried\s+out|conducted|launched|staged)\s+(?:[\w-]+\s+){0,3}$"
                           r"|\b(?:prompted|led|forced|pushed)\s+(?:[\w.-]+\s+){1,4}to\s+(?:carry\s+out|conduct|launch|"
                           r"stage)\s+(?:[\w-]+\s+){0,3}$", re.I)
_ANSWER = re.compile(r"\bretaliatory\b|\bin\s+(?:retaliation|reprisal|response)\s+(?:to|for)\s+(?:the|an?|\w+[’']s)\s"
                     r"|\bas\s+a\s+response\s+to\s+(?:the|an?|\w+[’']s)\s"
                     r"|\b(?:the|an?|\w+[’']s)\s+(?:[\w-]+\s+){0,2}(?:attack|strike|bombing)\s+(?:prompted|led)\b", re.I)


def answers_an_attack(text: str, trigger_start: int) -> bool:
    """Strikes done (a past verb right before them) in answer to one named attack ("conducted strikes
    in retaliation for Friday's attack", "the attack prompted the US to carry out strikes")."""
    return bool(_DONE_STRIKES.search(text[max(0, trigger_start - 60):trigger_start]) and _ANSWER.search(text))


# "targets used by multiple Iran-backed militias": a count of parties, not of times.
_PARTIES_COUNTED = re.compile(r"\s+(?:[\w-]+\s+){0,2}?(?:militias|groups|factions|organi[sz]ations|parties|armed\s+groups)\b",
                              re.I)
_ANAPHORIC = re.compile(r"(?:\b(?:the|these|those|this|that|its|their|such)\s+|[’']s\s+)"
                        r"(?:[\w-]+\s+){0,2}$", re.I)
_OWN_VICTIMS = re.compile(
    r"\b(?:of\s+)?(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:fighters|members|troops|soldiers|forces|personnel|"
    r"commanders?|leaders?|positions?|bases?|headquarters|convoys?|vehicles?|checkpoints?|posts?|units?|"
    r"officers|guards|depots?|sites?|facilities)\b", re.I)
_SITE_WORD = re.compile(r"\b(?:bases?|air\s*bases?|garrisons?|outposts?|military\s+camps?|embassy|consulate|"
                        r"barracks)\b", re.I)
# "The field was also attacked in June": a site the article told of, hit another time on a day or
# month of its own, is an event even with no weapon or attacker named.
_SITE_HIT_AGAIN = re.compile(r"\bthe\s+(?:(?:gas|oil|military)\s+)?(?:air\s*base|base|field|airport)\s+"
                             r"(?:was|were|has\s+been|had\s+been)\s+(?:also|again)\s+"
                             r"(?:attacked|targeted|hit|struck|shelled)\b", re.I)
# "watch for the impact of a mortar round during a readiness exercise", "fired rockets as part of
# joint drills": a military exercise, drill or training is not an event of violence.
_EXERCISE = re.compile(
    r"\b(?:during|in|at|as\s+part\s+of)\s+(?:an?\s+|the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:exercises?|drills?|war\s*games|manoeuvres|maneuvers)\b(?!\s+of\b)"
    r"|\b(?:held|holds|holding|conducted|conducts|conducting|staged|stages|staging)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:exercises|drills|war\s*games|manoeuvres|maneuvers)\b", re.I)
# "one of the early centres for protest against the government", "calls for protests": a protest
# named as a purpose or a role, not one held.
_PROTEST_AS_PURPOSE = re.compile(r"\bfor\s+(?:mass\s+|street\s+|popular\s+|anti-[\w-]+\s+)?$", re.I)


# "ordered a curfew to prevent an escalation of the violence": a purpose clause after the trigger
# says what the event is meant to stop; its words do not make the event itself generic.
_PURPOSE_AFTER = re.compile(r"\b(?:in\s+order\s+)?to\s+(?:prevent|stop|curb|avoid|contain|halt|forestall|deter|"
                            r"head\s+off|ward\s+off)\b", re.I)


def _before_purpose(window: str, trigger_end: int) -> str:
    """The clause up to a purpose clause that follows its trigger."""
    purpose = _PURPOSE_AFTER.search(window, trigger_end)
    return window[:purpose.start()] if purpose else window


# "the car … was surrounded by protesters chanting slogans", "crowds gathered at the site": a crowd
# at the scene of an event told before is one protest there, however plural its words.
_SCENE = re.compile(r"\b(?:the|its)\s+(?:[\w-]+\s+)?(?:scene|site|wreckage|wreck|remains|rubble|crater)\b", re.I)
_CROWD_BEFORE = re.compile(r"\b(?:surrounded|encircled|thronged|mobbed)\s+by\s+(?:[\w-]+\s+){0,2}$", re.I)
_CROWD_AFTER = re.compile(r"^\s+(?:[\w-]+\s+)?(?:gathered|massed|assembled|rallied|chanting|chanted)\b", re.I)


AT_THE_SCENE = "a crowd at the scene of an event told before"


def crowd_at_scene(text: str, primary: Any) -> bool:
    """True for a crowd trigger that tells people gathered at the scene of an event told before."""
    if primary.trigger.event_type != "Protests" or not _SCENE.search(text):
        return False
    return bool(_CROWD_BEFORE.search(text, max(0, primary.start - 40), primary.start)
                or _CROWD_AFTER.match(text[primary.end:primary.end + 40]))


@dataclass
class SentenceFacts:
    """Everything found in one sentence, with offsets relative to the sentence."""

    text: str
    article_id: str
    published: date | None
    actors: list[Any]
    places: list[Any]
    times: list[Any]
    weapons: list[WeaponHit]
    triggers: list[TriggerHit] = field(default_factory=list)
    casualties: Any = None


class EventBuilder(EventRoles, EventTyping):
    """Builds EventRecords from frames; holds the knowledge it needs (actors, gazetteer, weapons)."""

    def __init__(self, actors: Any, gazetteer: Any, lexicon: TriggerLexicon, model: Any = None) -> None:
        # The learned sentence judge: it settles a vague attack with no weapon named (a battle or
        # a remote attack?), where the words alone do not decide.
        self.model = model
        self._own_forces_words = False
        self._text = ""
        self._own_victims = False
        self._protest_forces: Any = None
        self._trigger_start = 0
        self._trigger_name = ""
        self.actors = actors
        self.gazetteer = gazetteer
        self.lexicon = lexicon

    # -- the whole frame ----------------------------------------------------------------------
    def skip_reason(self, facts: SentenceFacts, frame: Frame, own_date: bool, own_day: bool,
                    specific_place: bool, has_casualties: bool) -> str | None:
        """Returns why a frame tells no concrete event (hypothetical, generic, anaphoric), or None."""
        text = facts.text
        primary = frame.primary
        lead = text[max(frame.start - 0, 0):primary.start]
        sentence_lead = text[:primary.start]
        cause = CAUSE_LINK.search(sentence_lead)
        if cause is not None:
            # "…denied that an air strike was behind the explosion": what is doubted or denied
            # is the cause; the effect named after it is asserted.
            sentence_lead = lead = sentence_lead[cause.end():]
        if primary.trigger.event_type == "Riots" and not primary.is_noun and any(
                cue.role == AGENT and getattr(mention.actor, "type", "") in ("police", "state_military")
                for mention, cue in self._roles(facts, frame)):
            # "Police stormed the offices of a news network, detaining five journalists": security
            # forces storming a building is no riot (ACLED: rioters are a crowd).
            return "not a riot: security forces storming or raiding"
        if _KNOWN_FOR.search(sentence_lead[-60:]):
            return "background: a place known for such events ('a centre of protest')"
        if _PURPOSE.search(sentence_lead[-110:]):
            return "intended, not done ('heading to the village to arrest')"
        if _MODAL.search(sentence_lead[-90:]):
            return "hypothetical or threatened, not an event"
        if _NEGATED.search(lead[-25:]):
            return "negated"
        if _DENIED.search(sentence_lead[-70:]):
            return "denied, not asserted"
        if _CHARACTERISED.search(sentence_lead[-60:]):
            return "a name given to an event already told ('the strike was an assassination')"
        window = text[frame.start:frame.end]
        if _EXERCISE.search(text) and not has_casualties:
            return "a military exercise, drill or training, not an event"
        if primary.is_noun and not own_date and _PROTEST_CONTEXT.match(text, primary.start) \
                and _PROTEST_AS_PURPOSE.search(text[max(0, primary.start - 30):primary.start]):
            return "a protest named as a purpose or role, not one held"
        wave = bool(_DONE_WAVE.search(text[max(0, primary.start - 80):primary.start]))
        told = _before_purpose(window, primary.end - frame.start)
        generic = [m for m in _GENERIC.finditer(told) if not _PARTIES_COUNTED.match(told, m.end())]
        if generic and not own_day and not wave:
            return "generic repeated activity"
        if frame.prior and not own_date and not specific_place:
            return "background reference with no time or place of its own"
        if primary.is_noun and _ANAPHORIC.search(text[max(0, primary.start - 40):primary.start]) \
                and not own_date and not specific_place:
            return "refers back to an event already told"
        if primary.plural and not own_date and not specific_place and not has_casualties and not wave \
                and not crowd_at_scene(text, primary) and not answers_an_attack(text, primary.start):
            return "plural with no time or place: generic activity"
        weapons_here = [w for w in facts.weapons if frame.start <= w.start < frame.end]
        if all(h.trigger.needs_weapon for h in frame.hits) and not weapons_here:
            armed = any(r.role == AGENT and not _is_civilian(a.actor) for a, r in
                        self._roles(facts, frame))
            # "the attack hit Tower 22, a US base": an attack that hit a named military site is
            # one even when nobody is named as the attacker.
            site_hit = specific_place and bool(_SITE_WORD.search(window)) or \
                own_date and bool(_SITE_HIT_AGAIN.search(window))
            if not site_hit and not (armed and (own_date or specific_place) and (has_casualties or specific_place)):
                return "vague attack word with no weapon and no armed actor"
        return None

    def _roles(self, facts: SentenceFacts, frame: Frame) -> list[tuple[Any, RoleCue]]:
        out = []
        for mention in facts.actors:
            if not frame.start <= mention.start < frame.end:
                continue
            # An actor is read against the trigger word that follows it in the clause, if any:
            # in "soldiers were killed when militants attacked a base" the militants are the
            # subject of "attacked", not something after "killed".
            # A participle after it ("a strike on the Houthi rebels targeting a missile") is a
            # reduced relative clause: the actor keeps its role in the clause's event.
            following = [h.start for h in frame.hits if mention.end <= h.start <= mention.end + 25
                         and not re.search(r"[,;(]", facts.text[mention.end:h.start])
                         and not (h is not frame.primary and h.text.lower().endswith("ing")
                                  and h.start > frame.primary.start)]
            anchor = min(following) if following else frame.primary.start
            cue = settle(role_of(facts.text, mention.start, mention.end, anchor), mention.actor)
            # A nationality adjective that names no party ("Iraqi borders") is dropped, except as
            # the speaker ("Iranian state media reported that its forces…").
            if cue.role != SPEAKER and not names_a_party(facts.text, mention):
                continue
            out.append((mention, cue))
        return settle_clause(facts.text, out)

    def _subject_before(self, facts: SentenceFacts, frame: Frame) -> list[tuple[Any, RoleCue]]:
        """"Syrian militant groups, led by HTS, seized control of Damascus": the clause opens at the
        comma, its subject stands before it. An actor just before the clause, with no trigger word
        between it and the clause's verb, is read as the clause's agent when the grammar says so."""
        out = []
        primary = frame.primary
        for mention in facts.actors:
            if not (mention.end <= frame.start and frame.start - mention.end < 60):
                continue
            # The sentence's subject (the mention that opens it) claims the clause's event.
            claims = _BUT_CLAIMED.match(facts.text, frame.start, primary.start) is not None and \
                not facts.text[:mention.start].strip(" “\"'")
            if any(mention.end <= h.start < primary.start for h in facts.triggers) and not claims:
                continue
            if re.search(r"[.;:]", facts.text[mention.end:frame.start]) or not names_a_party(facts.text, mention):
                continue
            # "…attacks on American troops, including a strike that…": the object of a
            # preposition is the target of the event noun before it, no subject of the clause.
            if _TARGET_PREP_BEFORE.search(facts.text[max(0, mention.start - 40):mention.start]):
                continue
            if claims:
                # "Israel has neither confirmed nor denied the first killing, but did claim the
                # assassination of …": the sentence's subject claims the event of this clause.
                out.append((mention, RoleCue(AGENT, "agent: the sentence's subject claimed it ('but did claim')")))
                continue
            cue = role_of(facts.text, mention.start, mention.end, primary.start)
            if cue.role == AGENT:
                out.append((mention, RoleCue(AGENT, cue.rule + "; the subject before the clause's comma")))
        return out

    def build(self, facts: SentenceFacts, frame: Frame, when: tuple[date | None, str, Evidence],
              fallback_places: list[PlaceChoice], article_country: str | None) -> list[EventRecord]:
        """Returns the event records of one frame (one per place it names)."""
        text = facts.text
        self._text = text
        self._own_victims = bool(_OWN_VICTIMS.search(text[frame.primary.end:frame.end])) or any(
            re.match(r"[^.;]{0,40}?\b(?:was|were|had\s+been|have\s+been)\s+(?:killed|wounded|injured|hit|targeted|struck)",
                     text[frame.start + m.end():]) for m in _OWN_VICTIMS.finditer(text[frame.start:frame.primary.start]))
        self._own_forces_words = bool(_OWN_FORCES.search(text[frame.start:frame.primary.end]))
        primary = frame.primary
        self._trigger_start = primary.start
        self._trigger_name = primary.trigger.name
        roles = self._roles(facts, frame)
        if not any(r.role == AGENT for _a, r in roles) and not frame.prior:
            # (Not for a clause told as the cause or the time of another: in "jets struck depots in
            # retaliation for a rocket attack", the subject did the answer, not the attack.)
            roles = self._subject_before(facts, frame) + roles
        blocked = [(a.start, a.end) for a, _cue in roles]
        window_places = [p for p in facts.places if frame.start <= p.start < frame.end]
        departure = primary.trigger.event_type == "Strategic developments" and \
            primary.trigger.sub_event_type == "Other"
        places, launch_country = usable_mentions(text, window_places, blocked, departure)
        choices = choose_places(text, places, self.gazetteer.contains)
        weapons = [w for w in facts.weapons if frame.start <= w.start < frame.end]
        if primary.trigger.sub_event_type != "Disrupted weapons use":
            # "struck missile production facilities", "a strike targeting an anti-ship missile":
            # a weapon that was the target is not the weapon used.
            weapons = [w for w in weapons if not _WEAPON_AS_TARGET(text, w, primary)]
        if primary.trigger.sub_event_type == "Disrupted weapons use":
            # What was shot down, not what shot it down ("an F-16 shot down a drone").
            weapons = [w for w in weapons if w.start >= primary.start] or weapons
        event_type, sub_event_type, weapon_names, type_rule = self._type(frame, weapons, roles)
        event_type, sub_event_type, type_rule = self._protest_violence(facts, frame, event_type, sub_event_type,
                                                                       type_rule, roles)
        if crowd_at_scene(text, primary):
            type_rule += f"; {AT_THE_SCENE}"
        borrowed = False
        if not choices and event_type in ("Protests", "Riots"):
            # "a protester was killed after the demonstrators marched toward the Green Zone": the
            # crowd's place, named in the sentence's other clause about it, is where it happened.
            choices = self._crowd_places(facts, frame, blocked)
        if not choices and event_type in ("Explosions/Remote violence", "Battles"):
            choices = self._target_base(text, roles, primary.start)
        if not choices:
            choices = self._the_province(text, frame.start, frame.end)
        if not choices and fallback_places:
            choices, borrowed = fallback_places[:1], True

        events = []
        casualties = facts.casualties
        casualty_owner = self._casualty_owner(choices, casualties, frame)
        if sub_event_type == "Disrupted weapons use":
            roles = _interception_roles(text, roles, primary)
        elif primary.trigger.name == "foiled-attack":
            # "the army foiled an attempted attack by IS gunmen": whose attack was foiled is the
            # other side of the battle, not its agent.
            roles = [(m, RoleCue(TARGET, "foiled attack: the side whose attack was foiled"))
                     if m.start > primary.start and cue.role == AGENT else (m, cue) for m, cue in roles]
        if event_type == "Battles" and not any(r.role in (TARGET, VICTIM) for _a, r in roles):
            roles = roles + opponents_of_clashes(text, facts.actors, frame.start, frame.end)
        for index, choice in enumerate(choices or [None]):
            country = choice.place.country if choice else article_country
            agent = self._agent(roles, event_type, sub_event_type, launch_country or country)
            hosts = getattr(choice.place, "hosts", "") if choice is not None else ""
            if sub_event_type == "Disrupted weapons use" and hosts and agent[2].startswith(
                    ("interception: the state that announced", "nobody named")):
                # "air defences at the base shot down a drone": the forces the base hosts.
                agent = (hosts, choice.mention_text, "interception: the forces at the defended base (KB facility)")
            target = self._target(roles, choice, index == casualty_owner, casualties, country,
                                  event_type, sub_event_type)
            if target is not None and target[0] == agent[0]:
                target = None
            killed = injured = None
            ev: dict[str, Evidence] = {}
            if index == casualty_owner and casualties is not None:
                killed, injured = casualties.killed, casualties.injured
                if killed is not None:
                    ev["fatalities"] = Evidence(killed, casualties.killed_span, casualties.rule)
                if injured is not None:
                    ev["injured"] = Evidence(injured, casualties.injured_span, casualties.rule)
            event_date, precision, date_evidence = when
            ev["event_date"] = date_evidence
            ev["date_precision"] = Evidence(precision, date_evidence.span, date_evidence.rule)
            ev["event_type"] = Evidence(event_type, primary.text, type_rule)
            ev["sub_event_type"] = Evidence(sub_event_type, primary.text, type_rule)
            ev["actor1"] = Evidence(agent[0], agent[1], agent[2])
            ev["actor2"] = Evidence(target[0] if target else None, target[1] if target else None,
                                    target[2] if target else "no target named")
            ev["weapons"] = Evidence(weapon_names, ", ".join(w.text for w in weapons) or primary.text,
                                     "weapon words in the clause (KB [[weapon]])")
            location, admin1, lat, lon, precision_geo = self._where(choice, borrowed)
            ev["location"] = Evidence(location, choice.mention_text if choice else None,
                                      self._place_rule(choice, borrowed))
            ev["country"] = Evidence(country, choice.mention_text if choice else None,
                                     "gazetteer" if choice else "the article's main country")
            record = EventRecord(
                event_date=event_date.isoformat() if event_date else None,
                date_precision=precision, event_type=event_type, sub_event_type=sub_event_type,
                actor1=agent[0], actor2=target[0] if target else None, country=country,
                admin1=admin1, location=location, latitude=lat, longitude=lon,
                geo_precision=precision_geo, fatalities=killed, injured=injured,
                weapons=weapon_names, sources=[Source(facts.article_id, text)], evidence=ev)
            events.append(record)
        return events


    def _target_base(self, text: str, roles: list[tuple[Any, RoleCue]], trigger_start: int) -> list[PlaceChoice]:
        """"US strikes on the Yemen-based Houthis": with no place named, a strike lands where its
        target is said to be based (only the target's: "the Iraq-based group launched a drone at
        Eilat" says nothing of where the drone fell)."""
        for mention, cue in roles:
            if cue.role != TARGET or mention.start < trigger_start:
                continue
            based = _BASED_BEFORE.search(text, max(0, mention.start - 50), mention.start)
            if based is None:
                continue
            word = based.group(1)
            found, _launch = usable_mentions(word, self.gazetteer.find(word), [], False)
            if found and found[0].places and found[0].places[0].kind == "country":
                return [replace(c, mention_start=based.start(1)) for c in choose_places(word, found, self.gazetteer.contains)]
        return []

    def _the_province(self, text: str, start: int, end: int) -> list[PlaceChoice]:
        """"The Anbar council denied a strike caused the blast at a depot in the province": a clause
        placed only "in the province" is in the one province its sentence names before it, in an
        organisation's name too ("the Anbar Provincial Council", "the Diyala police chief"), which
        the gazetteer does not read as a place."""
        said = _THE_PROVINCE.search(text, start, end)
        if said is None:
            return []
        named: list[PlaceChoice] = []
        for word in _CAPITALISED.finditer(text, 0, said.start()):
            found = [m for m in self.gazetteer.find(word.group()) if m.places and m.places[0].kind == "region"]
            named += [replace(c, mention_start=word.start() + c.mention_start)
                      for c in choose_places(word.group(), found, self.gazetteer.contains)]
        if len({choice.place.name for choice in named}) != 1:
            return []  # none, or two provinces: which one "the province" is the text does not say
        return named[-1:]

    def _crowd_places(self, facts: SentenceFacts, frame: Frame, blocked: list[tuple[int, int]]) -> list[PlaceChoice]:
        """The places of the sentence's other clauses whose own trigger is a protest or a riot."""
        crowd = []
        for mention in facts.places:
            if frame.start <= mention.start < frame.end:
                continue
            before = [h for h in facts.triggers if h.end <= mention.start]
            if before and before[-1].trigger.event_type in ("Protests", "Riots"):
                crowd.append(mention)
        usable, _launch = usable_mentions(facts.text, crowd, blocked)
        return choose_places(facts.text, usable, self.gazetteer.contains)


    def _casualty_owner(self, choices: list[PlaceChoice], casualties: Any, frame: Frame) -> int:
        """Index of the event that gets the clause's casualty figures: the place told right after
        them ("killing 16 … in Anbar"), else the first place (a total for several sites)."""
        if casualties is None or len(choices) < 2 or not casualties.killed_span and not casualties.injured_span:
            return 0
        anchor = getattr(casualties, "start", None)
        if anchor is None:
            return 0
        for index, choice in enumerate(choices):
            if any(start >= anchor for start, _end in choice.chain):
                return index
        return 0

    def _where(self, choice: PlaceChoice | None,
               borrowed: bool) -> tuple[str | None, str | None, float | None, float | None, int]:
        if choice is None:
            return None, None, None, None, 3
        place = choice.place
        precision = choice.geo_precision
        if borrowed and precision == 1:
            precision = 2
        if place.kind == "country":
            return None, None, place.lat, place.lon, 3
        if place.kind == "region":
            return None, place.admin1 or place.name, place.lat, place.lon, 3
        return place.name, place.admin1, place.lat, place.lon, precision

    @staticmethod
    def _place_rule(choice: PlaceChoice | None, borrowed: bool) -> str:
        if choice is None:
            return "no place named: country of the article"
        source = f"gazetteer: {choice.place.kind} ({choice.place.source})"
        if borrowed:
            return source + "; named in a neighbouring sentence"
        return source + ("; 'near' the place" if choice.near else "")


_TARGET_BEFORE_WEAPON = re.compile(
    r"\b(?:targeting|targeted|targets?|against|destroy\w*|hitting|hit|struck|striking|on)\s+"
    r"(?:an?\s+|the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}$", re.I)
_FACILITY_AFTER_WEAPON = re.compile(
    r"^[\s-]*(?:production|manufacturing|facilit\w*|factor\w*|plants?|depots?|stores?|storage|storehouses?|"
    r"warehouses?|launch(?:ers?|\s+pads?|\s+sites?)|sites?|caches?|workshops?)\b", re.I)


def _WEAPON_AS_TARGET(text: str, weapon: WeaponHit, primary: TriggerHit) -> bool:
    """True for a weapon word that names what was hit ("missile production facilities", "a strike
    targeting an anti-ship missile"), not what was used."""
    if weapon.start < primary.end and weapon.start >= primary.start:
        return False  # the trigger's own words ("missile strike")
    if _FACILITY_AFTER_WEAPON.match(text[weapon.end:weapon.end + 30]):
        return True
    return weapon.start > primary.end and bool(_TARGET_BEFORE_WEAPON.search(text[max(0, weapon.start - 40):weapon.start]))


__all__ = ["EventBuilder", "SentenceFacts", "AGENT", "TARGET", "VICTIM", "SPEAKER", "DESCRIPTOR"]
