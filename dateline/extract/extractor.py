"""Reads one cleaned article and returns its events, tallies and statements with provenance."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from dateline.extract import dates as time_words
from dateline.extract import numbers
from dateline.extract.actor_blame import attribute_blame
from dateline.extract.actor_carry import carry_lead_actors, spread_over_lead_countries
from dateline.extract.actor_conventions import name_victims
from dateline.extract.actors import ActorBook, fill_actor_templates
from dateline.extract.background import BACKGROUND_REASONS, background_reason, is_period
from dateline.extract.clause_time import calendar_time
from dateline.extract.discourse import (attach_claims_and_denials,
                                        attach_clause_casualties,
                                        attach_follow_up_casualties, attach_late_denial,
                                        date_spans_ending_by, date_undated_events, drop_denied_hearsay,
                                        fold_into_antecedent,
                                        date_undated_antecedent, fold_reference, names_told_event,
                                        split_listed_days)
from dateline.extract.event_model import EventModel, default_model
from dateline.extract.earlier_mention import place_from_earlier_mention, place_the_base
from dateline.extract.event_split import fold_listed_places, like_the_one_told
from dateline.extract.anchored_time import anchored_when, told_before_anchor
from dateline.extract.article_places import (article_countries, country_support, in_article, main_country,
                                             place_from_later_mention, place_unplaced_interceptions,
                                             prefer_actor_countries)
from dateline.extract.events import AT_THE_SCENE, EventBuilder, SentenceFacts, answers_an_attack, crowd_at_scene
from dateline.extract.glued import split_glued
from dateline.extract.interceptions import KEPT as INTERCEPTION_KEPT
from dateline.extract.interceptions import (absorb_intercepted_attacks, intercepts_recent_attack,
                                            kept_as_interception, takes_over_attack)
from dateline.extract.measures import MEASURE_REACH, is_measure, place_crowds_at_scene, place_unplaced_measures
from dateline.extract.model_frames import model_frame
from dateline.extract.frame_time import FrameTime, counted_day
from dateline.extract.frames import Frame, build_frames, effect_frame
from dateline.extract.gazetteer import Gazetteer
from dateline.extract.kb import KnowledgeBase
from dateline.extract.places import (PRECISION, PlaceChoice, choose_places, counted_in, other_event_start,
                                     usable_mentions)
from dateline.extract.sentences import Sentence, split_sentences
from dateline.extract.statements import find_statement
from dateline.extract.tallies import find_tallies
from dateline.extract.triggers import TriggerLexicon
from dateline.ingest.dateline_header import DATELINE as WIRE_DATELINE
from dateline.model import Article, EventRecord, Evidence, Record

_DATELINE = re.compile(r"^(?:(?:[A-Z][A-Z’'./\- ]{2,40}(?:,\s*[A-Z][\w .’'-]{1,40}){0,2}\s*(?:\([^)]{1,30}\))?|"
                       r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s*(?:\([^)]{0,40}\))?)"
                       r"\s*[-–—]+|[A-Z][A-Z’'./\- ]{2,40}(?:,\s*[A-Z][\w .’'-]{1,40})?:)\s")
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|on|outside|inside|around|across|into|towards?|through|within|targeting|targeted|hit|hitting|"
    r"struck|striking|of|from|over|along|by|off)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}$", re.I)
# "…struck 85 targets, after the drone attack that killed three US soldiers": a figure in a
# relative clause on an earlier event named as cause, reason or time, not this event's toll.
_OTHER_EVENT_TOLL = re.compile(
    r"\b(?:after|following|over|for|since|before|amid|avenge|avenging|retaliat\w*|response|reprisal|revenge)\b"
    r"[^.;:,]{0,80}?\b(?:attacks?|strikes?|airstrikes?|bombings?|blasts?|explosions?|ambush(?:es)?|assaults?|"
    r"raids?|shelling|killings?|clash(?:es)?)\s+(?:that|which|who)\s+(?:[\w’'-]+\s+){0,2}$", re.I)
_DEFINITE_SUBJECT = re.compile(
    r"(?:^|\b(?:that|said|says|added|confirmed|announced|stated)\s+|[,;:]\s+|^\W*)(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+(?:[\w-]+\s+){0,2}(?:operations?|raids?|"
    r"attacks?|strikes?|airstrikes?|assaults?|offensives?|bombardments?|barrages?|ambush(?:es)?)\s+"
    r"(?:(?!\b(?:who|which|that|after|when|while)\b)[^,;:.])*$")


class Extractor(FrameTime):
    """Event, tally and statement extraction; built once, then called per article."""

    def __init__(self, actors: ActorBook, gazetteer: Gazetteer, lexicon: TriggerLexicon,
                 model: EventModel | None = None) -> None:
        self.actors = actors
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.builder = EventBuilder(actors, gazetteer, lexicon, model)
        # The learned sentence judge (scripts/train_event_model.py); None: the rules alone decide.
        self.model = model
        # When a list, every candidate clause is noted here with what the decision saw
        # (scripts/train_event_model.py fits the combination of rules and model on it).
        self.frame_log: list[dict[str, Any]] | None = None
        # Strikes an article's lead names only as activity ("US forces have carried out airstrikes
        # on KH sites"): no events, but they say whose the strikes told next are.
        self._leads: list[tuple[int, EventRecord]] = []

    @classmethod
    def from_kb(cls, kb: KnowledgeBase) -> Extractor:
        return cls(ActorBook.from_kb(kb), Gazetteer.default(kb), TriggerLexicon.from_kb(kb), default_model())

    def extract(self, article: Article) -> list[Record]:
        """Returns every record the article tells, in reading order."""
        sentences = split_glued(split_sentences(article.text), article.text)
        facts = prefer_actor_countries([self._facts(article, s) for s in sentences])
        support = country_support(facts)
        main = main_country(facts, support)
        # Namesakes abroad give way to places in the countries the article is about.
        countries = article_countries(facts, main)
        facts = [replace(f, places=in_article(f.places, countries, support)) for f in facts]
        state = _Reading(article, sentences, facts, main)
        self._leads = []
        records: list[Record] = []
        for index, fact in enumerate(facts):
            told = self._read_sentence(state, index)
            self._complete_earlier_events(state, index, told)
            for event in told:
                state.recent.append((index, event))
                state.sentence_of[id(event)] = index
            records.extend(told)
            records.extend(find_tallies(fact, self.actors, article, told))
            statement = find_statement(fact, self.actors, article)
            if statement is not None:
                records.append(statement)
        events = drop_denied_hearsay([r for r in records if isinstance(r, EventRecord)], facts)
        attribute_blame(events, facts, state.sentence_of, self.actors)
        carry_lead_actors(events, state.sentence_of, self._leads)
        # After the actors are named: the attack an interception absorbs gives it its launcher.
        events = absorb_intercepted_attacks(events, state.sentence_of)
        name_victims(events, [f.text for f in facts], state.sentence_of)
        copies = split_listed_days(events, facts, state.sentence_of)
        for key, twins in spread_over_lead_countries(events, state.sentence_of, self._leads).items():
            copies.setdefault(key, []).extend(twins)
        date_undated_events(events, facts, state.sentence_of, article.published)
        date_spans_ending_by(events, facts, state.sentence_of)
        place_from_later_mention(events, facts, state.sentence_of, PRECISION)
        place_from_earlier_mention(events, facts, state.sentence_of, PRECISION)
        place_the_base(events, facts, state.sentence_of, PRECISION)
        place_unplaced_interceptions(events, self.gazetteer.country_names())
        place_unplaced_measures(events, state.sentence_of)
        place_crowds_at_scene(events, state.sentence_of, AT_THE_SCENE)
        kept = {id(e) for e in events}
        out: list[Record] = []
        for record in records:
            if not isinstance(record, EventRecord) or id(record) in kept:
                out.append(record)
                out.extend(copies.get(id(record), []))
        return fill_actor_templates(out, state.article_country)

    def _read_sentence(self, state: _Reading, index: int) -> list[EventRecord]:
        """Returns the new events a sentence tells; what only adds to events already told is
        folded into them and noted in `state.touched`."""
        text = state.sentences[index].text
        frames = build_frames(text, state.facts[index].triggers)
        if not frames and self.model is not None:
            learned = model_frame(self.model, state.facts[index])
            frames = [learned] if learned is not None else []
        state.frames[index] = frames
        state.referring[index] = []
        told: list[EventRecord] = []
        touched = state.touched.setdefault(index, [])
        # Antecedents of a definite mention, latest last: events told as the reason or time of
        # another ("two days after drones attacked…") come only when no main event fits.
        earlier = [r for _i, r in state.recent if id(r) in state.prior] + \
            [r for _i, r in state.recent if id(r) not in state.prior]
        for frame in frames:
            # Relative words ("two days after drones attacked…") may count from an event told
            # earlier in the same sentence.
            built = self._frame_events(state.article, state.sentences, state.facts, index, frame, frames,
                                       state.recent + [(index, e) for e in touched + told], state.article_country)
            if not built:
                if self._definite(text, frame) or frame.prior:
                    # "…suffered six casualties after militants launched an attack on their
                    # posts": the event told as the cause is one told before.
                    state.referring[index].append(frame)
                # "Coalition strikes, likely near Bukamal, reportedly killed 6 fighters": a casualty
                # clause set off by commas completes the event its sentence just told.
                attach_clause_casualties(text, frame, told)
                continue
            like_the_one_told(text[frame.start:frame.primary.start], frame.primary.trigger.needs_weapon,
                              built, told)
            mention = names_told_event(text, frame.primary.start)
            if mention is not None:
                # "condemned tonight's rocket attacks on Erbil", "Monday's attack and the US
                # retaliation…": a mention of an event told before adds to it.
                # One mention is one event: the other places it names are no events of their own.
                antecedents = [fold_reference(e, earlier) for e in built]
                if any(antecedents):
                    touched.extend(a for a in antecedents if a is not None)
                    continue
                if mention == "statement" and all(e.date_precision != "day" for e in built):
                    continue  # a condemnation of attacks told nowhere as events, with no day
            if self._definite(text, frame) and all(_no_time_of_its_own(e) for e in built):
                # "The drone hit the living quarters of Tower 22": more about an event told before
                # (of any type when its subject is "the operation", "the raid": a name of any event).
                generic = _definite_subject(text, frame.primary)
                # "The strikes hit depots in Kisweh and Qudsaya": each further place it lists is
                # an event of its own, a copy of the one told before.
                antecedents, further = fold_listed_places(text, built, earlier, any_type=generic)
                if all(antecedents):
                    touched.extend(a for a in antecedents if a is not None)
                    told.extend(further)
                    continue
            if self._definite(text, frame) and all(e.date_precision == "day" for e in built):
                # "Rockets landed in the Green Zone. … The rockets, which were fired late on
                # Sunday, …": the day the mention gives is the day of the undated event it names.
                antecedents = [date_undated_antecedent(e, [r for i, r in state.recent if index - i <= 3])
                               for e in built]
                if all(antecedents):
                    touched.extend(a for a in antecedents if a is not None)
                    continue
            near = [r for i, r in state.recent if index - i <= 3] + told
            # "Two other drones were shot down": an interception after an attack, with no time or
            # place of its own, is an event of its own on the attack's day and place.
            about = [e for i in range(max(0, index - 6), index) for e in state.touched.get(i, [])
                     if id(e) not in state.prior] + told
            own = [e for e in built if _no_time_of_its_own(e) and _adds_nothing(replace(e, event_date=None))
                   and takes_over_attack(e, about)]
            told.extend(own)
            built = [e for e in built if all(e is not o for o in own) and not kept_as_interception(e)]
            if not built:
                continue
            if near and all(_adds_nothing(e) for e in built) and not answers_an_attack(text, frame.primary.start):
                # (Strikes done in answer to an attack are the answer, an event of their own.)
                # "The attackers opened fire on the bus", "Most of the missiles were
                # intercepted": no time, place or toll of its own, right after an event. A
                # crowd is never a detail of a strike: protests fold only into protests; nor is
                # a measure such as a curfew a detail of the violence it answers.
                crowd = any(e.event_type in ("Protests", "Riots") for e in built) or any(map(is_measure, built))
                # "The strikes, two in Syria and one in Iraq": a country that none of the
                # events around is in makes a new event; the rest are details of those told.
                new = _in_new_countries(built, near, told)
                antecedents = [fold_into_antecedent(e, near, any_type=not crowd) for e in built
                               if all(e is not n for n in new)]
                if not crowd or all(antecedents):
                    touched.extend(a for a in antecedents if a is not None)
                    if not new:
                        continue
                    built = new
            if frame.prior:
                state.prior.update(id(e) for e in built)
            told.extend(built)
        touched.extend(told)
        return told

    def _complete_earlier_events(self, state: _Reading, index: int, told: list[EventRecord]) -> None:
        """Claims, denials and casualty figures a sentence gives about events told before it."""
        fact, frames, referring = state.facts[index], state.frames[index], state.referring[index]
        # The events a follow-up sentence can be about: those of the nearest sentence before it
        # (two at most) that told or added to one.
        nearest = next((state.touched[i] for i in range(index - 1, max(-1, index - 3), -1)
                        if state.touched.get(i)), [])
        previous = [e for e in nearest if not is_measure(e)]
        if nearest and not previous:
            # A measure (a curfew) takes no casualty figure or claim: what follows it is about
            # the violence it answers, the latest event told before it.
            previous = [e for i, e in reversed(state.recent) if not is_measure(e) and index - i <= MEASURE_REACH][:1]
        if not previous and referring and not told:
            # "…were killed in the strike", paragraphs after the strike was told.
            kinds = {f.primary.trigger.event_type for f in referring}
            antecedent = next((e for _i, e in reversed(state.recent) if e.event_type in kinds), None)
            previous = [antecedent] if antecedent is not None else []
        attach_claims_and_denials(fact, told, previous)
        if told:
            return
        if all(f.primary.trigger.name == "killed-by" or f in referring for f in frames):
            completed = attach_follow_up_casualties(fact, previous)
            if completed is not None:
                state.touched[index].append(completed)
        if not previous:
            attach_late_denial(fact, state.recent[0][1] if state.recent else None)

    @staticmethod
    def _definite(text: str, frame: Frame) -> bool:
        """True when the trigger names an event already told: a noun after "the/this/that" ("in
        the strike", "The drone hit…"), or a participle right after "the" ("the downed drone")."""
        primary = frame.primary
        lead = text[max(0, primary.start - 30):primary.start]
        pattern = r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,1}$" if primary.is_noun else r"\b(?:the|this|that)\s+$"
        if re.search(pattern, lead, re.I):
            return True
        # "…confirmed that the operation was launched from a base near Kobani and targeted…":
        # a verb whose subject is a definite event noun tells more about that event.
        return _definite_subject(text, primary)

    # -- per sentence -------------------------------------------------------------------------
    def _facts(self, article: Article, sentence: Sentence) -> SentenceFacts:
        text = sentence.text
        # The dateline ("ERBIL, Kurdistan Region -") says where the reporter was, not the event.
        lead = _DATELINE.match(text)
        wire = WIRE_DATELINE.match(text)  # "Baghdad - (Reuters) - …", "ERBIL (AFP) - …"
        skip = max(lead.end() if lead else 0, wire.end() if wire else 0)
        return SentenceFacts(
            text=text, article_id=article.id, published=article.published,
            actors=[a for a in self.actors.find(text) if a.start >= skip],
            places=[p for p in self.gazetteer.find(text) if p.start >= skip],
            times=time_words.find_time_expressions(text, article.published),
            weapons=self.lexicon.find_weapons(text), triggers=self.lexicon.find(text))

    def _frame_events(self, article: Article, sentences: list[Sentence], facts: list[SentenceFacts],
                      index: int, frame: Frame, frames: list[Frame],
                      recent: list[tuple[int, EventRecord]], article_country: str | None,
                     effect_of_doubted_cause: bool = False) -> list[EventRecord]:
        fact = facts[index]
        other = other_event_start(fact.text, frame.hits, frame.primary)
        if other is not None:
            # The places and times of another event the clause names ("…in response to the
            # killing last week of a commander in Tehran") are not this event's.
            fact = replace(fact, places=[p for p in fact.places if p.start < other],
                           times=[t for t in fact.times if t.start < other])
        window = fact.text[frame.start:frame.end]
        casualties = numbers.find_casualties(window, vague=False)
        if casualties is not None and casualties.killed is None and casualties.injured is None:
            casualties = None
        if casualties is not None:
            span = casualties.killed_span or casualties.injured_span or ""
            found = window.find(span) if span else -1
            trigger_end = frame.primary.end - frame.start
            if found > trigger_end and _OTHER_EVENT_TOLL.search(window[trigger_end:found]):
                casualties = None
        if casualties is not None:
            casualties = _Located(casualties, frame.start + found if found >= 0 else None)
        when = self._date(fact, frame, frames, facts, index, recent, sentences)
        # A period ("in recent days", "last year") is no time of the clause's own.
        own_date = when[0] is not None and when[2].rule.startswith("own:") and \
            (calendar_time(when[2].rule) or counted_day(when)) and not is_period(when[2].rule, when[2].span)
        anchored = None if own_date and "relative" not in when[2].rule else \
            anchored_when(fact.text, frame, frames, fact.times, recent, index,
                          [(facts[i].text, facts[i].times) for i in range(max(0, index - 2), index)])
        if anchored is not None:
            # "The attack comes two weeks after rockets struck a base": dated from the event the
            # sentence's subject names, the clause tells an earlier event of its own.
            when, own_date = anchored, True
        roles_blocked = [(a.start, a.end) for a in fact.actors]
        departure = frame.primary.trigger.sub_event_type == "Other"
        usable, _launch = usable_mentions(fact.text, [p for p in fact.places
                                                      if frame.start <= p.start < frame.end],
                                          roles_blocked, departure)
        # A place counts as this clause's own only in a locative phrase ("in Baghdad", "near Qaim"):
        # "the strikes have angered Baghdad" names a government, not where anything happened.
        specific = any(m.places and m.places[0].kind != "country"
                       and _LOCATIVE_BEFORE.search(fact.text[max(0, m.start - 50):m.start])
                       for m in usable) or any(counted_in(fact.text, m) for m in usable)
        own_day = own_date and when[1] == "day"
        clause = fact.text[frame.start:frame.end]
        reason = background_reason(clause, own_day, when[0], when[1], when[2].rule, article.published) or \
            self.builder.skip_reason(fact, frame, own_date, own_day, specific, casualties is not None)
        if effect_of_doubted_cause and reason == _REFERS_BACK:
            # "…denied that a drone strike was behind the explosion of a depot": the article is
            # what "behind" takes, not a sign of an event told before; the sentence tells it.
            reason = None
        flags = {"own_date": own_date, "specific_place": specific, "casualties": casualties is not None}
        effect = effect_frame(fact.text, frame) if reason in _DOUBTED_CAUSE else None
        if effect is not None:
            # "Officials denied that a drone strike was behind the explosion at the depot": the
            # strike is denied, the explosion happened; read it as the clause's event.
            return self._frame_events(article, sentences, facts, index, effect, frames, recent, article_country,
                                      effect_of_doubted_cause=True)
        if self.frame_log is not None:
            self.frame_log.append({"article": article.id, "sentence": fact.text, "clause": clause,
                                   "reason": reason or "none", "trigger": frame.primary.trigger.name,
                                   "trigger_type": frame.primary.trigger.event_type, **flags})
        if reason and reason.startswith(BACKGROUND_REASONS):
            self._note_lead(fact, frame, when, article_country, index, reason)
            return []  # history, habitual activity or a tally: grammar, not a judgement call
        if self.model is not None:
            # The judge reads the sentence; what is doubtful about this clause of it ("…in
            # response to attacks") is the rules' finding, the other input of the decision.
            keep, why = self.model.decide(reason, self.model.judge(fact.text), flags)
            if not keep and reason is None and self._definite(fact.text, frame):
                # "The strike hit the car in Mashtal": the rules read more about an event told
                # before; it is built so that its details join that event.
                keep, why = True, why + "; kept: names an event told before (its details join it)"
            if not keep and reason is None and crowd_at_scene(fact.text, frame.primary) and recent:
                # "…the wreck was surrounded by protesters": the crowd at the scene of the event
                # just told is one protest, with that event's place and day.
                keep, why = True, f"{why}; kept: {AT_THE_SCENE}"
            if not keep and reason is None and \
                    intercepts_recent_attack(frame, [r for i, r in recent if index - i <= 6
                                                      and not told_before_anchor(r)]):
                keep, why = True, f"{why}; {INTERCEPTION_KEPT}"
        else:
            keep, why = reason is None, f"rules: {reason or 'a concrete event'}"
        if not keep:
            self._note_lead(fact, frame, when, article_country, index, reason)
            return []
        frame_fact = replace(fact, casualties=casualties)
        fallback = self._fallback_places(sentences, facts, index)
        events = self.builder.build(frame_fact, frame, when, fallback, article_country)
        for event in events:
            event.evidence["event_type"] = replace(event.evidence["event_type"],
                                                   rule=f"{event.evidence['event_type'].rule}; {why}")
        return events

    def _note_lead(self, fact: SentenceFacts, frame: Frame, when: tuple[date | None, str, Evidence],
                   article_country: str | None, index: int, reason: str | None) -> None:
        """Keeps the events a skipped clause of strikes done would give, as leads for whose the
        strikes told next are (`carry_lead_actors`); never for what did not happen."""
        if reason is not None and not reason.startswith(_LEAD_REASONS):
            return
        for event in self.builder.build(fact, frame, when, [], article_country):
            # Only a state's forces: "repeated KH attacks on bases" does not say who fired the
            # rockets told next; "US forces have carried out airstrikes" does say whose strikes.
            if event.event_type == "Explosions/Remote violence" and event.actor1.startswith("Military Forces of"):
                self._leads.append((index, event))

    def _fallback_places(self, sentences: list[Sentence], facts: list[SentenceFacts],
                         index: int) -> list[PlaceChoice]:
        """Places from the next sentence of the paragraph when it only elaborates (no trigger)."""
        if index + 1 >= len(sentences) or sentences[index + 1].paragraph != sentences[index].paragraph:
            return []
        following = facts[index + 1]
        if following.triggers:
            return []
        usable, _launch = usable_mentions(following.text, following.places,
                                          [(a.start, a.end) for a in following.actors])
        return choose_places(following.text, usable, self.gazetteer.contains)


# Findings on a clause that doubt its primary event, not the effect it names after it.
_DOUBTED_CAUSE = ("hypothetical or threatened, not an event", "denied, not asserted", "negated")
# Skipped clauses that still tell strikes done, as activity ("have carried out airstrikes").
_LEAD_REASONS = ("plural with no time or place",)
_REFERS_BACK = "refers back to an event already told"


def _definite_subject(text: str, primary: Any) -> bool:
    """"…confirmed that the operation was launched from a base near Kobani and targeted…": a verb
    whose subject is a definite event noun tells more about that event."""
    return not primary.is_noun and bool(_DEFINITE_SUBJECT.search(text, max(0, primary.start - 160), primary.start))


def _no_time_of_its_own(event: EventRecord) -> bool:
    """True for an event undated, or dated only by the sentence before its own."""
    evidence = event.evidence.get("event_date")
    return event.event_date is None or (evidence is not None and evidence.rule.startswith("previous sentence:"))


def _adds_nothing(event: EventRecord) -> bool:
    """True for an event with no date, no place below the country and no casualty figure."""
    return event.event_date is None and not event.location and not event.admin1 and \
        event.fatalities is None and event.injured is None


def _in_new_countries(built: list[EventRecord], near: list[EventRecord],
                      same_sentence: list[EventRecord]) -> list[EventRecord]:
    """The events of a clause in a country the text names and none of the `near` events is in:
    of a clause that names several countries ("The strikes, two in Syria and one in Iraq" after
    "US forces struck Kataib Hezbollah"), whose siblings fold into the event told before and
    whose actors they take; or of a second clause of the sentence that told an event elsewhere
    ("…attacked a site in Iraq, while the force said it also struck in Syria")."""
    countries = {r.country for r in near}
    new = [e for e in built if e.country not in countries and "country" in e.evidence
           and e.evidence["country"].rule == "gazetteer"]
    if len(new) == len(built):
        # A clause only about elsewhere is a new event beside one its sentence told; after
        # sentences about other places it adds nothing.
        return new if same_sentence else []
    if not new:
        return new
    model = next((r for r in reversed(near) if r.event_type == new[0].event_type
                  and any(r.country == e.country for e in built)), None)
    if model is not None:
        local = f"({model.country})"   # "Unidentified Armed Group (Iraq)" is of that country only
        for event in new:
            for name in ("actor1", "actor2"):
                theirs, ours = getattr(model, name), getattr(event, name)
                if theirs and not theirs.endswith(local) and (not ours or ours.startswith("Unidentified")):
                    setattr(event, name, theirs)
                    if name in model.evidence:
                        event.evidence[name] = model.evidence[name]
    return new


@dataclass
class _Reading:
    """What extraction remembers while it reads one article, sentence by sentence."""

    article: Article
    sentences: list[Sentence]
    facts: list[SentenceFacts]
    article_country: str | None
    recent: list[tuple[int, EventRecord]] = field(default_factory=list)  # (sentence, event)
    sentence_of: dict[int, int] = field(default_factory=dict)  # id(event) → sentence
    touched: dict[int, list[EventRecord]] = field(default_factory=dict)  # events each sentence told or added to
    frames: dict[int, list[Frame]] = field(default_factory=dict)
    referring: dict[int, list[Frame]] = field(default_factory=dict)  # frames naming an event told before
    prior: set[int] = field(default_factory=set)  # ids of events told as the reason or time of another


class _Located:
    """Casualty figures with the offset (in the sentence) where they were read."""

    def __init__(self, casualties: Any, start: int | None) -> None:
        self._inner = casualties
        self.start = start

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


__all__ = ["Extractor"]
