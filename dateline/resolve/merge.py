"""Resolves what articles told into one ledger: the same event from several reports is one record.

Reports are clustered greedily in a fixed order (placed first, then dated, then named; then by
article id and position), so the ledger does not depend on the order articles arrived in. A report
joins the event it scores best against when the score reaches one threshold (see `affinity`:
date, place, type, actors through the knowledge base, shared wording); a province- or
country-level report scores a part more against the one placed event of its type there and then
(`_credit_sole_candidate`), and joins only when exactly one event of its kind there qualifies (or,
of several, the one its article tells, else the one other articles tell in its words). Two passes
follow, with the same scoring and threshold: an event placed by an undated report is scored again
as a whole once dated reports have joined the events it can meet, and two records of one article
that the article does not tell apart (another place, day, type or toll) become one.

Reports meet only through shared block keys (`block_keys`: the article, and type family, country
and day), so each is compared with few events and resolution grows as n·log n, not n².
"""
from __future__ import annotations

import functools
import gc
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dateline.model import EventRecord, Evidence, Record, Source, StatementRecord, TallyRecord
from dateline.resolve.affinity import THRESHOLD, Affinity, affinity, family, window
from dateline.resolve.combine import PRECISION_RANK, merge_events, merge_statements, merge_tallies
from dateline.resolve.compare import norm
from dateline.resolve.regions import province

Related = Callable[[str, str], bool]
# The reasons the passes after the report-by-report clustering give the first report of a cluster
# they join to another (the incremental ledger finds the records they made by these).
SCORED_AGAIN = "scored again as an event"
LEAD_AND_DETAIL = "one article's lead and detail"
JOINED_MARKS = (SCORED_AGAIN, LEAD_AND_DETAIL)
Mention = tuple[int, str, Record]


@dataclass
class Cluster:
    number: int
    members: list[tuple[int, str, EventRecord]] = field(default_factory=list)
    canonical: EventRecord | None = None
    reasons: dict[int, str] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    # (article, compared sentence) -> the (place, province) each of its readings here gave
    sentences: dict[tuple[str, str], set[tuple[str | None, str | None]]] = field(default_factory=dict)
    placed_sentences: dict[tuple[str, str | None, str | None], set[str]] = field(default_factory=dict)
    # the hash of each run of PHRASE words its sentences hold -> the article, or "*" for several
    phrases: dict[int, str] = field(default_factory=dict)

    def join(self, mention: tuple[int, str, EventRecord], quote: str, reason: str) -> None:
        record = mention[2]
        self.members.append(mention)
        for phrase in phrases(record.sources[0].quote if record.sources else ""):
            key = hash(phrase)
            if self.phrases.setdefault(key, mention[1]) != mention[1]:
                self.phrases[key] = "*"
        self.reasons[mention[0]] = reason
        self.articles.add(mention[1])
        self.sentences.setdefault((mention[1], quote), set()).add((record.location, record.admin1))
        self.placed_sentences.setdefault((quote, record.location, record.admin1), set()).add(mention[1])


def resolve(mentions: list[Mention], groups: dict[str, str] | None = None,
            related: Related | None = None,
            reprints: dict[str, list[str]] | None = None) -> list[tuple[str, Record, list[int]]]:
    """Returns the ledger: (stable record id, merged record, ids of the mentions behind it).

    `groups` maps an article id to its near-duplicate group (reprints count once as evidence);
    `related(a, b)` says whether two actor names are affiliated (Kataib Hezbollah, PMF);
    `reprints` maps an article to the ids its identical text was also published under: each is
    another source of everything read from it (listed, marked as a reprint, counted once)."""
    # Clustering builds many small containers and frees none of them in cycles: the cyclic
    # collector would re-scan the whole growing heap again and again (it doubles the time at 30k).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _resolve(mentions, groups or {}, related, reprints)
    finally:
        if collecting:
            gc.enable()


def _resolve(mentions: list[Mention], groups: dict[str, str], related: Related | None,
             reprints: dict[str, list[str]] | None) -> list[tuple[str, Record, list[int]]]:
    if reprints:
        original = {reprint: article for article, ids in reprints.items() for reprint in ids}
        return [(rid, _with_reprints(record, reprints, original), mids)
                for rid, record, mids in _resolve(mentions, groups, related, None)]
    order = {mid: (aid, mid) for mid, aid, _r in mentions}
    out: list[tuple[str, Record, list[int]]] = []
    events = [(m, a, r) for m, a, r in mentions if isinstance(r, EventRecord)]
    out.extend(_resolve_events(events, order, groups, related))
    out.extend(_resolve_simple([m for m in mentions if isinstance(m[2], TallyRecord)], order,
                               _tally_key, merge_tallies, "ta"))
    out.extend(_resolve_simple([m for m in mentions if isinstance(m[2], StatementRecord)], order,
                               _statement_key, merge_statements, "st"))
    return out


BlockKey = tuple[str, ...]


def block_keys(record: EventRecord) -> set[BlockKey]:
    """The keys under which a report can meet another: its article, and (type family, country,
    day) for each day its date can stand for plus one. Two reports are ever compared only when
    they share a key, so the clustering of a connected component of reports depends on its
    members alone (the incremental ledger relies on this)."""
    keys: set[BlockKey] = set()
    if record.sources:
        keys.add(("article", record.sources[0].article))
    span = window(record)
    if span is not None:
        kind, country = family(record), record.country or ""
        keys.update((kind, country, str(day)) for day in range(span[0], span[1] + 2))
    return keys


class _BlockIndex:
    """Clusters indexed by article, and by (type family, country, province, day) for every day a
    member's date covers: a placed report looks only in its province and among events not yet
    placed; a country-level report looks at the whole country. Every lookup stays within the
    report's `block_keys`."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, ...], dict[int, Cluster]] = defaultdict(dict)

    @staticmethod
    def posts(record: EventRecord, article: str) -> list[tuple[str, ...]]:
        """The keys a cluster holding this report is found under."""
        keys: list[tuple[str, ...]] = [("article", article)]
        span = window(record)
        if span is not None:
            kind, country, where = family(record), record.country or "", province(record.admin1, record.country)
            for day in range(span[0], span[1] + 2):
                keys.append((kind, country, where, str(day)))
                keys.append((kind, country, "*", str(day)))
        return keys

    @staticmethod
    def probes(record: EventRecord, article: str) -> list[tuple[str, ...]]:
        """The keys this report looks clusters up under (always within its `block_keys`)."""
        keys: list[tuple[str, ...]] = [("article", article)]
        span = window(record)
        if span is not None:
            kind, country, where = family(record), record.country or "", province(record.admin1, record.country)
            for day in range(span[0], span[1] + 2):
                if where:
                    keys.append((kind, country, where, str(day)))
                    keys.append((kind, country, "", str(day)))
                else:
                    keys.append((kind, country, "*", str(day)))
        return keys

    def add(self, cluster: Cluster, record: EventRecord, article: str) -> None:
        for key in self.posts(record, article):
            self.by_key[key][cluster.number] = cluster

    def candidates(self, record: EventRecord, article: str) -> list[Cluster]:
        found: dict[int, Cluster] = {}
        for key in self.probes(record, article):
            bucket = self.by_key.get(key)
            if bucket:
                found.update(bucket)
        return [found[n] for n in sorted(found)]


def _specificity(record: EventRecord) -> tuple[int, int, int]:
    """Placed reports first, then dated, then named: a vague report meets every precise event
    it could join before it chooses."""
    return (0 if record.location else 1 if province(record.admin1, record.country) else 2,
            PRECISION_RANK.get(record.date_precision, 3),
            0 if record.actor1 and not record.actor1.startswith("Unidentified") else 1)


def turn(mention: tuple[int, str, EventRecord]) -> tuple[tuple[int, int, int], str, int]:
    """The order reports are decided in: by specificity, then article id and mention id. (The
    incremental ledger replays decisions in this order.)"""
    return _specificity(mention[2]), mention[1], mention[0]


def _resolve_events(events: list[tuple[int, str, EventRecord]], order: dict[int, tuple[str, int]],
                    groups: dict[str, str], related: Related | None) -> list[tuple[str, Record, list[int]]]:
    ordered = sorted(events, key=turn)
    clusters: list[Cluster] = []
    index = _BlockIndex()
    for mention in ordered:
        best, reason, quote = choose(index.candidates(mention[2], mention[1]), mention, related)
        if best is None:
            best = Cluster(len(clusters))
            clusters.append(best)
        grow(best, mention, quote, reason, groups, related)
        index.add(best, mention[2], mention[1])
    clusters = _second_look(clusters, index, groups, related)
    clusters = _join_within_articles(clusters, related)
    return _unique_ids([finish(cluster, order, groups, related) for cluster in clusters])


def compared_quote(record: Record) -> str:
    """A report's sentence as the merge compares it (normalised; empty without a source)."""
    return norm(record.sources[0].quote) if record.sources else ""


def _absorb(target: Cluster, source: Cluster, why: str) -> None:
    """Moves every report of `source` into `target`; a report that had started `source` gets
    `why` as its reason, the others keep theirs."""
    for mention in source.members:
        reason = source.reasons.get(mention[0], "")
        target.join(mention, compared_quote(mention[2]), why if reason == "first report" else reason)


def choose(candidates: list[Cluster], mention: tuple[int, str, EventRecord],
           related: Related | None) -> tuple[Cluster | None, str, str]:
    """Returns the cluster (of `candidates`, in creation order) a report joins, or None for a new
    one; why; and its sentence as compared. (The incremental ledger replays these decisions.)"""
    quote = compared_quote(mention[2])
    scored = [(_affinity(cluster, mention, related, quote), cluster) for cluster in candidates]
    _credit_sole_candidate(scored, mention[2])
    passing = [(a, c) for a, c in scored if a.joins]
    if len(passing) > 1 and not mention[2].location:
        # A province- or country-level report joins the one precise event of its kind there;
        # with two candidates it cannot tell which. Within its own article it is the summary
        # of events the article details ("the US strikes"), not one more event.
        own = [(a, c) for a, c in passing if any(art == mention[1] for _m, art, _r in c.members)]
        passing = own or _best_worded(passing, mention[1], quote)
    if passing:
        top, best = max(passing, key=lambda item: (item[0].score, -item[1].number))
        return best, top.describe(), quote
    return None, "first report", quote


SOLE_CANDIDATE = 0.5
"""Points for the one precise event of a vague report's type in its province (or, for a report of a
stated day, its country) and time: a report that names no place below them tells that event when
the ledger holds no other it could be."""
SOLE_SPAN = 12
"""The most days (after the first) a vague report's time may cover for its one candidate to count: a
range's week either side of its middle day, a publication's week; not a month (32)."""


def _credit_sole_candidate(scored: list[tuple[Affinity, Cluster]], record: EventRecord) -> None:
    """Adds SOLE_CANDIDATE to the one candidate that is the only precise event a province-level
    report (or a country-level one of a stated day) could tell: placed, of its sub-event type, in
    its province, in its time (not a month), not ruled out, and with no part of the pair against
    it. Placed reports are all decided before any report without a place (`turn`), so which events
    are placed there does not depend on arrival order; with two or more such events it cannot
    tell which and nothing is added."""
    if record.location:
        return
    where = province(record.admin1, record.country)
    span = window(record)
    if span is None or (not where and record.date_precision != "day") or span[1] - span[0] > SOLE_SPAN:
        # A country's week, or a province's month, holds events the ledger has not heard of: being
        # the only one it holds is no sign of being the one told.
        return
    found = []
    for result, cluster in scored:
        event = cluster.canonical
        if event is None or not event.location or event.sub_event_type != record.sub_event_type:
            continue
        if where and province(event.admin1, event.country) != where:
            continue
        other = window(event)
        if other is None or other[0] > span[1] or span[0] > other[1]:
            continue
        if result.veto is not None:
            continue
        found.append(result)
        if len(found) > 1:
            return
    if found and all(points >= 0 for points, _reason, _values in found[0].parts):
        # (A part against it, two named targets say, is a sign it tells another event.)
        found[0].add(SOLE_CANDIDATE, "the only {} placed in {} in its time", record.sub_event_type.lower(),
                     record.admin1 if where else record.country)


WORDING_MARGIN = 3
"""Words a vague report must share with one candidate event more than with any other to choose it."""


def _best_worded(passing: list[tuple[Affinity, Cluster]], article: str,
                 quote: str) -> list[tuple[Affinity, Cluster]]:
    """Of the precise events a vague report could be, the one other articles tell in its words ("a
    drone strike hit the oil field" for "a drone strike forced a company to suspend work at an oil
    field"), when it shares WORDING_MARGIN more content words with it than with any other; else none."""
    mine = _content_words(quote)
    shared = sorted(((len(mine & set().union(*(_content_words(q) for (teller, q) in c.sentences if teller != article))),
                      a, c) for a, c in passing), key=lambda item: -item[0])
    if shared and shared[0][0] >= (shared[1][0] if len(shared) > 1 else 0) + WORDING_MARGIN:
        return [(shared[0][1], shared[0][2])]
    return []


@functools.lru_cache(maxsize=65536)
def _content_words(quote: str) -> frozenset[str]:
    stop = _stop_words()
    return frozenset(w for w in quote.split() if w not in stop and not w.isdigit() and len(w) > 2)


@functools.cache
def _stop_words() -> frozenset[str]:
    """spaCy's English function words (imported on first use: the web app resolves without spaCy)."""
    from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


def grow(cluster: Cluster, mention: tuple[int, str, EventRecord], quote: str, reason: str,
         groups: dict[str, str], related: Related | None) -> None:
    """Adds a report to a cluster and merges the fields matching the next report needs."""
    cluster.join(mention, quote, reason)
    cluster.canonical = mention[2] if len(cluster.members) == 1 else \
        merge_events([m[2] for m in cluster.members], groups, related, fields_only=True)


def finish(cluster: Cluster, order: dict[int, tuple[str, int]], groups: dict[str, str],
           related: Related | None) -> tuple[str, Record, list[int]]:
    """A complete cluster's record: its id (before `_unique_ids`), the full merge, its mentions."""
    _anchor_mid, anchor_article, anchor = min(cluster.members, key=lambda m: order[m[0]])
    record_id = "ev-" + _digest(f"{anchor_article}|{anchor.sources[0].quote}|{anchor.location}|"
                                f"{anchor.admin1}|{anchor.country}")
    cluster.canonical = merge_events([m[2] for m in cluster.members], groups, related)
    _explain_sources(cluster, groups)
    return record_id, cluster.canonical, sorted(m[0] for m in cluster.members)


def _second_look(clusters: list[Cluster], index: _BlockIndex, groups: dict[str, str],
                 related: Related | None) -> list[Cluster]:
    """An event placed by a report with no time of its own was scored before the dated reports of
    its place had joined the event they tell (placed reports go first, whatever their date): each
    such event is scored once more, as a whole, against the events it can meet, and joins the
    best earlier one it now reaches (the same threshold)."""
    absorbed: set[int] = set()
    for cluster in clusters:
        canonical = cluster.canonical
        assert canonical is not None
        if not canonical.location or not any(m[2].date_precision == "unknown" for m in cluster.members):
            continue
        # Looked up with each member's own keys (never the merged record's), so the events met stay
        # within the members' block keys: the incremental ledger's components still hold.
        met: dict[int, Cluster] = {}
        for _mid, article, record in cluster.members:
            met.update((other.number, other) for other in index.candidates(record, article))
        best: tuple[Affinity, Cluster] | None = None
        for number in sorted(met):
            other = met[number]
            if other.number == cluster.number or other.number in absorbed or not other.canonical \
                    or other.articles & cluster.articles:
                continue
            result = affinity(canonical, other.canonical, related)
            if result.joins and (best is None or result.score > best[0].score):
                best = (result, other)
        if best is None:
            continue
        result, target = best
        _absorb(target, cluster, f"{SCORED_AGAIN}: {result.describe()}")
        for mention in cluster.members:
            index.add(target, mention[2], mention[1])
        target.canonical = merge_events([m[2] for m in target.members], groups, related, fields_only=True)
        absorbed.add(cluster.number)
    return [c for c in clusters if c.number not in absorbed]


def _join_within_articles(clusters: list[Cluster], related: Related | None) -> list[Cluster]:
    """Two records that one article tells, which it does not tell apart (another place, day, type
    or toll), are one event: the lead and its detail. The report-by-report pass can leave them
    apart when a report of another article came between them (it scores a cluster before the
    article's other report has joined it); here each pair of clusters sharing an article is scored
    as the article's own reports are, lowest numbers first, until nothing changes."""
    by_article: dict[str, list[Cluster]] = defaultdict(list)
    for cluster in clusters:
        for article in cluster.articles:
            by_article[article].append(cluster)
    shared = {article: found for article, found in by_article.items() if len(found) > 1}
    if not shared:
        return clusters
    absorbed: set[int] = set()
    changed = True
    while changed:
        changed = False
        for article in sorted(shared):
            live = sorted((c for c in shared[article] if c.number not in absorbed), key=lambda c: c.number)
            for i, first in enumerate(live):
                for second in live[i + 1:]:
                    if first.number in absorbed or second.number in absorbed:
                        continue
                    if _told_apart(first, second, article):
                        continue
                    # What the article itself tells of each: its own reports, dated by its text.
                    told = [merge_events([m[2] for m in c.members if m[1] == article], None, related,
                                         fields_only=True) for c in (first, second)]
                    if any(record.date_precision == "unknown" for record in told):
                        continue
                    score = affinity(told[1], told[0], related, same_article=True)
                    if not score.joins:
                        continue
                    _absorb(first, second, f"{LEAD_AND_DETAIL}: {score.describe()}")
                    first.canonical = merge_events([m[2] for m in first.members], None, related, fields_only=True)
                    absorbed.add(second.number)
                    for other in second.articles:
                        found = shared.setdefault(other, by_article[other])
                        if first not in found:
                            found.append(first)
                    changed = True
    return [c for c in clusters if c.number not in absorbed]


def _told_apart(first: Cluster, second: Cluster, article: str) -> bool:
    """The article itself tells the two apart: one of its sentences read at two places, or its
    reports in each give two different death tolls."""
    for (teller, quote), places in second.sentences.items():
        other = first.sentences.get((teller, quote))
        if other and any(_two_places(other, place) for place in places):
            return True
    tolls = [{m[2].fatalities for m in c.members if m[1] == article and m[2].fatalities is not None}
             for c in (first, second)]
    return bool(tolls[0] and tolls[1] and not tolls[0] & tolls[1])


def _two_places(readings: set[tuple[str | None, str | None]], place: tuple[str | None, str | None]) -> bool:
    """One sentence read at `place` and at each of `readings` names two places: two precise places,
    or two provinces. A reading at the country or a wider region is the same place told vaguely."""
    location, admin1 = place
    for other_location, other_admin1 in readings:
        if location and other_location and norm(location) != norm(other_location):
            return True
        if not (location or other_location) and admin1 and other_admin1 and norm(admin1) != norm(other_admin1):
            return True
    return False


def _affinity(cluster: Cluster, mention: tuple[int, str, EventRecord], related: Related | None,
              quote: str) -> Affinity:
    """Scores a report against a cluster's merged event (see `affinity`), with the facts only its
    members know: a sentence split on purpose, two days told by one article, a reprinted sentence.
    `quote` is the report's sentence as compared (`norm`)."""
    record = mention[2]
    canonical = cluster.canonical
    assert canonical is not None
    same_article = mention[1] in cluster.articles
    places = cluster.sentences.get((mention[1], quote)) if same_article else None
    if places and _two_places(places, (record.location, record.admin1)):
        refused = Affinity()
        refused.rule_out("the same sentence names two places: two events")
        return refused
    tellers = cluster.placed_sentences.get((quote, record.location, record.admin1), ())
    reprinted = any(article != mention[1] for article in tellers)
    result = affinity(record, canonical, related, same_article)
    if reprinted and result.veto is None:
        result.add(2.0, "the same sentence in another article (a reprint)")
    elif result.veto is None and not same_article and "day" in (record.date_precision, canonical.date_precision) \
            and not _two_places({(canonical.location, canonical.admin1)}, (record.location, record.admin1)):
        # A statement is quoted with its day in one report at least; a bulletin's lines read alike
        # whatever the place and day they tell (two places, or no time in either text: no proof).
        told = record.sources[0].quote if record.sources else ""
        shared = next((p for p in phrases(told) if cluster.phrases.get(hash(p), mention[1]) != mention[1]), None)
        if shared:
            result.add(1.0, "wording shared with another article's report (\"{}\"): one statement quoted",
                       shared)
    return result


PHRASE = 6
"""Words in a row two articles' sentences must share to tell one statement (wire copy, a ministry's
release) in their own words."""
TELLING = 3
"""Of them, the common words (lower-case, not function words) a run must hold: names and attributions
("the Syrian Observatory for Human Rights", "according to a statement by the") recur across events."""
_WORD = re.compile(r"[A-Za-z0-9]+")


@functools.lru_cache(maxsize=65536)
def phrases(quote: str) -> tuple[str, ...]:
    """The runs of PHRASE words of a sentence that hold TELLING common words, normalised, in order."""
    stop = _stop_words()
    words = _WORD.findall(quote)
    telling = [w.islower() and len(w) > 2 and w not in stop for w in words]
    return tuple(" ".join(words[i:i + PHRASE]).lower() for i in range(len(words) - PHRASE + 1)
                 if sum(telling[i:i + PHRASE]) >= TELLING)


def _with_reprints(record: Record, reprints: dict[str, list[str]], original: dict[str, str]) -> Record:
    """Adds each reprint of a source's article as a source with the same quote; figures are
    untouched (they come from the mentions, and a reprint has none of its own)."""
    extra = [Source(reprint, s.quote) for s in record.sources for reprint in reprints.get(s.article, ())]
    if not extra:
        return record
    record.sources = record.sources + [s for s in extra if s not in record.sources]
    listed = [{"article": s.article, "quote": s.quote, "joined": "the same text as its original",
               "reprint_of": original[s.article]} for s in extra]
    joined = record.evidence.get("sources")
    if joined is not None and isinstance(joined.value, list):
        joined.value = joined.value + listed
    else:
        record.evidence["sources"] = Evidence(listed, None, "reprints: the same text under another id or URL")
    return record


def _explain_sources(cluster: Cluster, groups: dict[str, str]) -> None:
    """Says in the record why each source joined it (shown by `explain`)."""
    assert cluster.canonical is not None
    joined = []
    for mid, article, record in sorted(cluster.members, key=lambda m: m[1]):
        group = groups.get(article, article)
        joined.append({"article": article, "quote": record.sources[0].quote if record.sources else "",
                       "reprint_of": group if group != article else None,
                       "joined": cluster.reasons.get(mid, "")})
    cluster.canonical.evidence["sources"] = Evidence(
        joined, None, f"one event when a report scores at least {THRESHOLD:g} against it")


def _unique_ids(resolved: list[tuple[str, Record, list[int]]]) -> list[tuple[str, Record, list[int]]]:
    """Two clusters anchored on the same sentence and place get distinct, still stable, ids."""
    seen: dict[str, int] = {}
    out = []
    for record_id, record, mention_ids in sorted(resolved, key=lambda item: (item[0], item[2])):
        count = seen.get(record_id, 0)
        seen[record_id] = count + 1
        out.append((record_id if count == 0 else f"{record_id}-{count}", record, mention_ids))
    return out


def _tally_key(record: TallyRecord) -> tuple[Any, ...]:
    return (norm(record.metric), float(record.value), record.qualifier, record.period_start,
            tuple(sorted(record.scope)))


def _statement_key(record: StatementRecord) -> tuple[Any, ...]:
    return (norm(record.quote)[:120],)


def _resolve_simple(mentions: list[Mention], order: dict[int, tuple[str, int]], key: Any, merge: Any,
                    prefix: str) -> list[tuple[str, Record, list[int]]]:
    buckets: dict[tuple[Any, ...], list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: order[m[0]]):
        buckets.setdefault(key(mention[2]), []).append(mention)
    return [(f"{prefix}-" + _digest(repr(bucket_key)), merge([m[2] for m in members]),
             sorted(m[0] for m in members)) for bucket_key, members in buckets.items()]


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
