"""Groups the trigger words of a sentence into clause frames, one frame per told event.

"After a drone strike in late January killed three US troops in Jordan, Washington retaliated on
February 2 by hitting more than 85 targets…" holds two frames: the clause break (", " before a
new finite trigger) separates them, while "…by hitting…" and ", targeting the base" continue the
frame they follow. Each frame owns a window of the sentence; the dates, places, actors and
numbers found in that window belong to it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.extract.triggers import TriggerHit

_SEPARATOR = re.compile(r"[,;:—–]|\s-\s|\b(?:and then|while|whereas|but)\b", re.I)
# Words that join what backs a battle to its clause ("Clashes, backed by air strikes, …").
_ACCOMPANYING = re.compile(r"^[\s,]*(?:(?:backed|accompanied|supported|covered|preceded)\s+by|amid|in\s+conjunction\s+with|"
                           r"coupled\s+with|along\s+with|as\s+well\s+as)\b(?:\s+[\w-]+){0,6}\s*$", re.I)
# Words that open a clause about an earlier event than the one around it.
_PRIOR_LEAD = re.compile(
    r"\b(?:in response to|in (?:retaliation|reprisal|revenge) (?:for|to)|after|following|days? after|weeks? after|"
    r"since|before|prompted by|triggered by)\s+(?:\w+\s+){0,3}$", re.I)


@dataclass
class Frame:
    """A clause that tells one event: its triggers and its window `[start, end)` in the sentence."""

    hits: list[TriggerHit]
    start: int
    end: int
    prior: bool = False  # introduced as an earlier event ("in response to a missile strike")

    @property
    def primary(self) -> TriggerHit:
        """The trigger that decides the type: the most specific one (interceptions first)."""
        def rank(hit: TriggerHit) -> tuple[int, int]:
            trigger = hit.trigger
            if trigger.event_type == "Strategic developments":
                return (0, hit.start)
            if trigger.event_type == "Riots":
                return (1, hit.start)  # violence at a protest makes it a riot
            if trigger.name == "armed-clash" and any(h.trigger.event_type == "Explosions/Remote violence"
                                                     for h in self.hits):
                # Clashes with shelling or air strikes in the same clause are a battle in 314 of
                # 324 ACLED 2018 train notes naming both: the strikes back the fighting.
                return (2, -1)
            if not trigger.needs_weapon and trigger.sub_event_type != "by-weapon":
                return (2, hit.start)
            if not trigger.needs_weapon:
                return (3, hit.start)
            return (4, hit.start)
        return min(self.hits, key=rank)


# "the killing of", "the killing last week of": a gerund with an article and an "of" is a noun;
# told as the outcome of the clause ("strikes, which resulted in the killing of…") it is that event.
_NAMED_GERUND = re.compile(r"the\s+\w+ing\s+(?:(?:last|this)\s+\w+\s+)?of\b", re.I)
_OUTCOME = re.compile(r"\b(?:result(?:ed|ing|s)?\s+in|led\s+to|lead(?:s|ing)?\s+to|caus(?:ed|ing|es)|"
                      r"left|leaving)\s+the\s+$", re.I)

_LEAD = re.compile(r"\b(?:in response to|in (?:retaliation|reprisal|revenge) (?:for|to)|after|following|a day after|"
                   r"days after|since|before|prompted by)\b", re.I)


def _continues(sentence: str, previous: TriggerHit, hit: TriggerHit) -> bool:
    """True when `hit` belongs to the clause of `previous` rather than opening a new one."""
    between = sentence[previous.end:hit.start]
    word = hit.text.lower()
    # Participles and "by …ing" carry on the clause before them: ", targeting the base"; a gerund
    # named as a noun ("after the killing of a commander") tells an event of its own.
    if hit.trigger.needs_weapon and (word.endswith("ing") or re.search(r"\bby\s+$", between)) \
            and not (_NAMED_GERUND.match(sentence, max(0, hit.start - 4)) and not _OUTCOME.search(between)):
        return True
    # "were killed …, in a drone strike": the strike is the instrument of the killing.
    if previous.trigger.name == "killed-by" and re.search(
            r"\b(?:in|by|during)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}$", between, re.I):
        return True
    # "Clashes, backed by air strikes and accompanied by shelling, took place…": what backs the
    # fighting belongs to its clause.
    if _ACCOMPANYING.match(between) and "armed-clash" in (previous.trigger.name, hit.trigger.name):
        return True
    if _SEPARATOR.search(between) or _LEAD.search(between):
        return False
    # The casualty verb of a clause belongs to its trigger however long the words between
    # ("an explosion in a weapons depot … on Wednesday night killed two members").
    return hit.trigger.name == "killed-by" or len(between) < 120


# "…denied that an air strike was behind the explosion", "…that a drone caused the blast": the
# words that make the next event noun the effect of the one before them.
CAUSE_LINK = re.compile(r"\b(?:(?:was|were|is|are|had\s+been|has\s+been)\s+(?:not\s+)?(?:behind|responsible\s+for|"
                        r"the\s+(?:cause|source)\s+of)|caused|triggered|sparked|set\s+off)\s+(?:the\s+|an?\s+)?$", re.I)


def effect_frame(sentence: str, frame: Frame) -> Frame | None:
    """The part of a frame that tells the effect of its primary event ("the explosion" after "an
    air strike was behind"), as a frame of its own; None when the frame names no effect. Used
    when the cause is doubted: a denied cause still leaves the explosion that happened."""
    hits = frame.hits
    for position in range(1, len(hits)):
        if hits[position - 1].start < frame.primary.start:
            continue
        link = CAUSE_LINK.search(sentence, hits[position - 1].end, hits[position].start)
        if link is not None and link.end() == hits[position].start:
            return Frame(hits[position:], link.end(), frame.end)
    return None


def build_frames(sentence: str, hits: list[TriggerHit]) -> list[Frame]:
    """Returns the frames of a sentence, in order, covering it from start to end."""
    frames: list[Frame] = []
    for hit in hits:
        if frames and _continues(sentence, frames[-1].hits[-1], hit):
            frames[-1].hits.append(hit)
            continue
        start = 0
        if not frames:
            # The first clause starts at a lead like "after…" when one stands before its trigger:
            # "X called on Y, a spokesman said, after rockets targeted bases" is about the rockets.
            leads = list(_LEAD.finditer(sentence[:hit.start]))
            if leads:
                start = leads[-1].start()
        if frames:
            previous = frames[-1].hits[-1]
            between = sentence[previous.end:hit.start]
            # The clause opens at the last separator or lead word ("in retaliation for") before
            # its trigger, whichever is nearer to it; with neither, halfway between the triggers.
            opens = [m.end() for m in _SEPARATOR.finditer(between)] + \
                [m.start() for m in _LEAD.finditer(between)]
            start = previous.end + (max(opens) if opens else len(between) // 2)
            frames[-1].end = start
        frames.append(Frame([hit], start, len(sentence)))
    for frame in frames:
        lead_text = sentence[frame.start:frame.hits[0].start]
        # "In response to the violence, officials announced a curfew": a lead closed by a comma
        # before the trigger is the reason given, and the clause after it tells a new event.
        lead = _LEAD.match(lead_text.lstrip())
        frame.prior = bool(lead and not re.search(r"[,;]\s", lead_text.lstrip()[lead.end():])) or \
            bool(_PRIOR_LEAD.search(lead_text))
    return frames
