"""Near-duplicate links between an article and its lightly edited reprint, and none between stories."""
from __future__ import annotations

from dateline.ingest.neardup import (
    NearDuplicateIndex,
    content_hash,
    load_minhash,
    minhash_bytes,
    normalized_text,
)
from dateline.ingest.prepare import prepare
from dateline.model import Article, RawDocument

ORIGINAL = """Border crossing reopens after week-long closure

ZAKHO, Iraq - The Ibrahim Khalil border crossing reopened on Sunday after a week-long closure that left hundreds of lorries stranded on both sides of the frontier, customs officials said.

Officials gave no reason for the closure, which began after a dispute over new inspection fees. Drivers said they had slept in their cabs for six nights while waiting for news.

“We lost a week of work and some of the fruit we carried has spoiled,” one driver said by telephone, asking not to be named because he feared losing his permit to cross.

Traders in Duhok said prices of vegetables had risen by a third during the closure and expected them to fall again within days now that traffic was moving.

The crossing is the main land route for goods between the Kurdistan Region and the rest of the world, and handles several thousand vehicles on a normal day, according to the region's ports authority.
"""

# What another outlet prints: its own headline and dateline style, one changed word, a line added.
REPRINT = (ORIGINAL
           .replace("Border crossing reopens after week-long closure",
                    "Iraq-Turkey crossing open again")
           .replace("ZAKHO, Iraq - ", "ZAKHO (Agency) — ")
           .replace("lorries", "trucks")
           + "\nThis report was compiled with help from agency correspondents.\n")

OTHER = """Rocket lands near airport perimeter

ERBIL, Kurdistan Region - A rocket landed in an empty field near the perimeter of Erbil airport late on Tuesday, causing no casualties or damage, the region's counter-terrorism directorate said in a statement.

The directorate said the rocket was fired from an area south-west of the city and that security forces had found the launcher abandoned on a dirt road.

Flights continued as scheduled, an airport spokesperson said. The crossing of goods and passengers through the airport was not affected, the spokesperson added.
"""


def article(article_id: str, text: str) -> Article:
    return prepare(RawDocument(origin=f"{article_id}.txt", id=article_id, text=text))


def test_reprint_is_linked_and_other_story_is_not() -> None:
    original, reprint, other = article("a", ORIGINAL), article("b", REPRINT), article("c", OTHER)
    assert original.content_hash != reprint.content_hash
    index = NearDuplicateIndex([(original.id, original.minhash or b"")])
    links = index.links_for(reprint)
    assert [other_id for other_id, _ in links] == ["a"]
    assert 0.8 <= links[0][1] < 1.0
    assert index.links_for(other) == []


def test_index_add_and_rebuild_from_stored_bytes() -> None:
    original, reprint, other = article("a", ORIGINAL), article("b", REPRINT), article("c", OTHER)
    index = NearDuplicateIndex([])
    index.add(original)
    index.add(other)
    index.add(original)  # adding twice is harmless
    assert len(index) == 2
    assert [link[0] for link in index.links_for(reprint)] == ["a"]
    assert index.links_for(original) == []  # never linked to itself
    stored = [(a.id, a.minhash or b"") for a in (original, other)] + [("broken", b"\x01\x02")]
    rebuilt = NearDuplicateIndex(stored)
    assert rebuilt.unreadable == ["broken"]
    assert [link[0] for link in rebuilt.links_for(reprint)] == ["a"]


def test_sketch_round_trip_and_stability() -> None:
    data = minhash_bytes(ORIGINAL)
    assert data == minhash_bytes(ORIGINAL)  # same text, same bytes, in every process
    assert len(load_minhash(data).hashvalues) == 128
    assert load_minhash(data).jaccard(load_minhash(minhash_bytes(OTHER))) < 0.3


def test_content_hash_ignores_typography_but_not_words() -> None:
    straight = "He said \"we will stay\" - and left.\nThe end."
    curly = "He said\u00a0“we will stay” – and left. The end."
    assert normalized_text(curly) == normalized_text(straight)
    assert content_hash(curly) == content_hash(straight)
    assert content_hash(curly) != content_hash(curly.replace("stay", "go"))
