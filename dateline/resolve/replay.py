"""Replays the merge's decisions after new reports, re-deciding only the reports a change can reach.

`merge.resolve` clusters reports greedily in a fixed order: a report's decision depends only on the
clusters it finds (through its probed keys, `blocks.link_keys`) among the reports before it. So
after new reports arrive, the old decisions stand until a report finds a cluster whose members
differ from before. `replay` walks forward in that order from the new reports: a cluster whose
members changed is *dirty*, and only the reports later in the order that probe a key one of its
members posts are decided again; a report that decides as before changes nothing further. Every
other report keeps its stored cluster, and only the dirty clusters get new records.

The connected component of `blocks` bounds the same set (everything a change could reach by any
path), but along a busy province it chains day after day into hundreds of reports; the replay
stops where decisions stop changing.

The merge's two later passes (an event placed by an undated report scored again as a whole; one
article's records it does not tell apart joined) act on the clusters of the report-by-report pass,
which the replay does not re-make: so after the walk, `check_joins` runs them over the changed
clusters and every cluster linked to them by a key (an article, or a key one posts and another
probes). When they join nothing there, and no stored record involved was made by them, the
replayed records stand; otherwise `Unreplayable` sends the caller to the block component, which
holds every join the passes can make (they look only through the members' own keys).

The result is the same as `merge.resolve` on everything, ids included (the property test checks
it); `Unreplayable` also tells the caller to fall back on the component when a record id is
shared with a record outside the replay.
"""
from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from dateline.model import EventRecord, Record
from dateline.resolve import merge
from dateline.resolve.blocks import link_keys, partner

Related = Callable[[str, str], bool]
Order = tuple[tuple[int, int, int], str, int]
NEW = "new:"  # label of a cluster the stored ledger does not hold (followed by its first mention)
# Past this many decisions (beyond four for each new report) a cascade costs more than resolving
# its component at once.
MAX_DECISIONS = 2000


class Unreplayable(Exception):
    """The replay cannot give the rebuild's result alone (the caller resolves the component)."""


class Source(Protocol):
    """What the replay reads of the stored ledger (`ledger_sync` implements it in SQL)."""

    def mentions(self, ids: Iterable[int]) -> dict[int, tuple[str, Record]]: ...
    def holders(self, keys: Iterable[str]) -> set[int]: ...
    def labels(self, ids: Iterable[int]) -> dict[int, str]: ...
    def members(self, record_id: str) -> list[int]: ...
    def joined(self, record_ids: Iterable[str]) -> set[str]: ...


@dataclass
class Replayed:
    records: list[tuple[str, Record, list[int]]] = field(default_factory=list)  # ids not yet unique
    replaced: list[str] = field(default_factory=list)  # stored record ids these replace
    decided: int = 0  # reports decided again


class _Replay:
    def __init__(self, source: Source, groups: dict[str, str], related: Related | None) -> None:
        self.source, self.groups, self.related = source, groups, related
        self.cache: dict[int, tuple[str, EventRecord]] = {}
        self.old: dict[int, str | None] = {}
        self.new: dict[int, str] = {}  # mentions whose cluster changed (or that are new)
        self.moved_in: dict[str, set[int]] = {}
        self.old_members: dict[str, list[int]] = {}
        self.reasons: dict[int, str] = {}
        self.dirty: set[str] = set()
        self.heap: list[tuple[Order, int]] = []
        self.queued: set[int] = set()
        self.orders: dict[int, Order] = {}
        # Clusters as some report found them (label, members then): later reports often find the same.
        self.states: dict[tuple[str, tuple[int, ...]], merge.Cluster] = {}

    # -- reading, cached --------------------------------------------------------------------
    def load(self, ids: Iterable[int]) -> None:
        missing = [i for i in ids if i not in self.cache]
        if not missing:
            return
        for mid, (article, record) in self.source.mentions(missing).items():
            if not isinstance(record, EventRecord):
                raise Unreplayable(f"mention {mid} is not an event")
            self.cache[mid] = (article, record)
        labels = self.source.labels([m for m in missing if m not in self.old])
        for mid in missing:
            self.old.setdefault(mid, labels.get(mid))

    def order(self, mid: int) -> Order:
        found = self.orders.get(mid)
        if found is None:
            article, record = self.cache[mid]
            found = self.orders[mid] = merge.turn((mid, article, record))
        return found

    def label(self, mid: int) -> str | None:
        return self.new.get(mid, self.old.get(mid))

    def members_of_old(self, label: str) -> list[int]:
        if label not in self.old_members:
            self.old_members[label] = [] if label.startswith(NEW) else self.source.members(label)
            self.load(self.old_members[label])
        return self.old_members[label]

    def members(self, label: str) -> list[int]:
        """The cluster's members now (those decided so far at their final cluster), in order."""
        found = {m for m in self.members_of_old(label) if self.label(m) == label}
        found |= self.moved_in.get(label, set())
        return sorted(found, key=self.order)

    def keys(self, mid: int, sign: str) -> list[str]:
        article, record = self.cache[mid]
        return [key for key in link_keys(article, record) if key[0] == sign]

    # -- the walk ---------------------------------------------------------------------------
    def push_probers(self, posters: Iterable[int], after: Order | None) -> None:
        """Queues the reports after `after` that probe a key one of `posters` posts."""
        wanted = {partner(key) for mid in posters for key in self.keys(mid, "+")}
        found = self.source.holders(wanted)
        self.load(found)
        for mid in found:
            if mid not in self.queued and (after is None or self.order(mid) > after):
                self.queued.add(mid)
                heapq.heappush(self.heap, (self.order(mid), mid))

    def mark_dirty(self, label: str, after: Order | None) -> None:
        if label in self.dirty:
            return
        self.dirty.add(label)
        self.push_probers(set(self.members_of_old(label)) | self.moved_in.get(label, set()), after)

    def candidates(self, mid: int) -> dict[str, merge.Cluster]:
        """The clusters a report finds at its turn, with their members before it, by label."""
        here = self.order(mid)
        posters = self.source.holders(partner(key) for key in self.keys(mid, "?"))
        self.load(posters)
        labels = {self.label(p) for p in posters if self.order(p) < here}
        states: list[tuple[Order, str, list[int]]] = []
        for label in labels:
            if label is None:
                raise Unreplayable(f"mention of no record before mention {mid}")
            before = [m for m in self.members(label) if self.order(m) < here]
            if before:
                states.append((self.order(before[0]), label, before))
        clusters: dict[str, merge.Cluster] = {}
        for number, (_first, label, before) in enumerate(sorted(states)):
            state = (label, tuple(before))
            cluster = self.states.get(state)
            if cluster is None:
                cluster = self.states[state] = merge.Cluster(number)
                for member in before:
                    article, record = self.cache[member]
                    quote = merge.compared_quote(record)
                    merge.grow(cluster, (member, article, record), quote, "", self.groups, self.related)
            cluster.number = number  # its rank by creation among the clusters this report finds
            clusters[label] = cluster
        return clusters

    def decide(self, mid: int) -> str:
        """Decides a report at its turn; returns its cluster's label (and keeps the reason)."""
        clusters = self.candidates(mid)
        article, record = self.cache[mid]
        best, reason, _quote = merge.choose(list(clusters.values()), (mid, article, record), self.related)
        self.reasons[mid] = reason
        if best is not None:
            return next(label for label, cluster in clusters.items() if cluster is best)
        old = self.old.get(mid)
        if old is not None and min(self.members_of_old(old), key=self.order) == mid:
            return old  # it founded its stored cluster and founds it again
        return NEW + str(mid)

    def walk(self, seeds: list[int], dirty: set[str]) -> None:
        self.load(seeds)
        for label in sorted(dirty):
            self.mark_dirty(label, None)
        for mid in seeds:
            if mid not in self.queued:
                self.queued.add(mid)
                heapq.heappush(self.heap, (self.order(mid), mid))
        limit = MAX_DECISIONS + 4 * len(seeds)
        while self.heap:
            if len(self.reasons) > limit:
                raise Unreplayable(f"more than {limit} reports to decide again")
            here, mid = heapq.heappop(self.heap)
            label, old = self.decide(mid), self.old.get(mid)
            if label == old and mid not in self.new:
                continue
            self.new[mid] = label
            self.moved_in.setdefault(label, set()).add(mid)
            if old is not None:
                self.mark_dirty(old, here)
            self.mark_dirty(label, here)
            self.push_probers([mid], here)

    # -- the passes after the report-by-report clustering ----------------------------------------
    def check_joins(self) -> None:
        """Raises `Unreplayable` unless the merge's later passes (`merge._second_look`,
        `merge._join_within_articles`) leave the replayed clusters and their neighbours as they are.

        The replay reads stored records as the clusters of the report-by-report pass: true of every
        record no later pass made (`Source.joined` names the others). A later pass joins two clusters
        only when they share an article or one's members meet the other through their keys; so the
        passes are run over the changed clusters and every cluster linked to them by a key, both
        ways. When none of them was made by a join and the passes join none of them, the rebuild's
        passes join none either, and the replayed records stand."""
        changed = [label for label in sorted(self.dirty) if self.members(label)]
        near: set[str] = set(changed)
        keys: set[str] = set()
        for label in changed:
            for mid in self.members(label):
                article, record = self.cache[mid]
                keys.update(partner(key) for key in link_keys(article, record))
        found = self.source.holders(keys)
        self.load(found)
        for mid in found:
            label = self.label(mid)
            if label is None:
                raise Unreplayable(f"mention {mid} of no record next to a replayed cluster")
            near.add(label)
        stored = sorted(label for label in near | self.dirty if not label.startswith(NEW))
        made = self.source.joined(stored)
        if made:
            raise Unreplayable(f"record {min(made)} was made by a later pass of the merge")
        firsts = []
        for label in near:
            members = self.members(label)
            firsts.append((self.order(members[0]), members))
        if not _could_join([members for _first, members in firsts], self.cache):
            return
        clusters: list[merge.Cluster] = []
        index = merge._BlockIndex()
        for number, (_first, members) in enumerate(sorted(firsts)):
            cluster = merge.Cluster(number)
            for mid in members:
                article, record = self.cache[mid]
                quote = merge.compared_quote(record)
                cluster.join((mid, article, record), quote, "")
                index.add(cluster, record, article)
            cluster.canonical = cluster.members[0][2] if len(members) == 1 else \
                merge.merge_events([m[2] for m in cluster.members], self.groups, self.related, fields_only=True)
            clusters.append(cluster)
        after = merge._second_look(clusters, index, self.groups, self.related)
        after = merge._join_within_articles(after, self.related)
        if len(after) != len(clusters):
            raise Unreplayable("a later pass of the merge joins a replayed cluster")

    # -- the records of the dirty clusters ------------------------------------------------------
    def records(self) -> Replayed:
        out = Replayed(decided=len(self.reasons))
        order = {mid: (article, mid) for mid, (article, _r) in self.cache.items()}
        for label in sorted(self.dirty):
            if not label.startswith(NEW):
                out.replaced.append(label)
            members = self.members(label)
            if not members:
                continue
            cluster = merge.Cluster(0)
            for mid in members:
                if mid not in self.reasons and self.decide(mid) != label:
                    raise Unreplayable(f"mention {mid} decides otherwise than its stored cluster")
                article, record = self.cache[mid]
                quote = merge.compared_quote(record)
                cluster.join((mid, article, record), quote, self.reasons[mid])
            out.records.append(merge.finish(cluster, order, self.groups, self.related))
        return out


def _could_join(clusters: list[list[int]], cache: dict[int, tuple[str, EventRecord]]) -> bool:
    """Whether a later pass could act here at all: an article told in two clusters, or a cluster
    with a placed report and an undated one (the only kind `merge._second_look` scores again)."""
    seen: set[str] = set()
    for members in clusters:
        articles = {cache[mid][0] for mid in members}
        if articles & seen:
            return True
        seen |= articles
        records = [cache[mid][1] for mid in members]
        if any(r.location for r in records) and any(r.date_precision == "unknown" for r in records):
            return True
    return False


def replay(source: Source, seeds: list[int], dirty: set[str], groups: dict[str, str],
           related: Related | None) -> Replayed:
    """Re-decides the event reports `seeds` (new, or to decide again) and what they reach, with the
    stored clusters `dirty` (record ids) re-made whatever happens; returns the records of every
    cluster that changed, with the stored ids they replace. Ids are as `merge.finish` gives them:
    the caller makes them unique (and raises `Unreplayable` if a stored record shares one)."""
    walk = _Replay(source, groups, related)
    walk.walk(seeds, dirty)
    walk.check_joins()
    return walk.records()
