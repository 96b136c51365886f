"""A clause the trigger lists miss but the learned judge reads as an event ("warplanes carried out
raids on X", "forces took control over Y"): one frame whose type comes from the model.

The bar is high (the judge sure of an event and of its type) and the sentence must name a place: the rules still give every field, the model only says that an event is told.
"""
from __future__ import annotations

from typing import Any

from dateline.extract.event_model import EventModel
from dateline.extract.frames import Frame
from dateline.extract.triggers import Trigger, TriggerHit

# The judge must be this sure that the sentence tells an event, and of its type.
EVENT_BAR = 0.8
TYPE_BAR = 0.6
_SUB_TYPES = {
    "Explosions/Remote violence": ("Explosions/Remote violence", "by-weapon"),
    "Battles": ("Battles", "Armed clash"),
    "Violence against civilians": ("Violence against civilians", "Attack"),
    "Protests/Riots": ("Protests", "Peaceful protest"),
    "Strategic developments": ("Strategic developments", "Other"),
}


def model_frame(model: EventModel, fact: Any) -> Frame | None:
    """Returns a frame for a sentence with no trigger word that the judge reads as an event."""
    if fact.triggers or not fact.places:
        return None
    judgement = model.judge(fact.text)
    best = max(judgement.types, key=judgement.types.__getitem__)
    if judgement.event < EVENT_BAR or judgement.types[best] < TYPE_BAR:
        return None
    event_type, sub = _SUB_TYPES[best]
    trigger = Trigger(name="model", event_type=event_type, sub_event_type=sub, weapons=(), noun=False,
                      needs_weapon=False,
                      source=f"learned judge: event {judgement.event:.2f}, {best} {judgement.types[best]:.2f}")
    # The "trigger" stands right after the first actor named (the subject of a report such as
    # "Regime forces fired shells at…"), or at the first weapon word when no actor is named,
    # else at the first word.
    anchor = fact.actors[0].end if fact.actors else fact.weapons[0].start if fact.weapons else 0
    word_end = anchor
    while word_end < len(fact.text) and fact.text[word_end] == " ":
        word_end += 1
    start = word_end
    while word_end < len(fact.text) and not fact.text[word_end].isspace():
        word_end += 1
    if word_end <= start:
        return None
    hit = TriggerHit(start, word_end, fact.text[start:word_end], trigger)
    return Frame([hit], 0, len(fact.text))


__all__ = ["model_frame", "EVENT_BAR", "TYPE_BAR"]
