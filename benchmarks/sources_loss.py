"""Where sources recall is lost: for each gold event, each gold source article its matched system
event does not cite, and why.

    python benchmarks/sources_loss.py DB GOLD.jsonl [--score ../shared/tools/score.py] [-v]

DB is a store that ingested the gold set's articles. The ledger is resolved again in process from
the stored mentions (as `rebuild_ledger` does) and matched to the gold with the scorer's own
rules. Each lost (gold event, article) link is put in one class:
- extraction: no event read from the article, or none the scorer finds compatible with the gold
  event (nearest mention's failing criteria given: country, type, date, place);
- resolution: a compatible mention exists but sits in another system event (one matched to another
  gold event, or an unmatched/duplicate one); with -v, the affinity of that mention against the
  matched event says which score component held it back.
Then every unmerged duplicate with the affinity of each of its mentions against the matched event.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import json
from pathlib import Path
from typing import Any

from dateline.extract.extractor import Extractor
from dateline.extract.kb import load_knowledge_base
from dateline.model import EventRecord, record_to_dict
from dateline.resolve.affinity import affinity
from dateline.resolve.combine import merge_events
from dateline.resolve.merge import resolve
from dateline.store import ledger_sync as sync
from dateline.store.db import Store

SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "score.py"


def _scorer(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _brief(record: Any) -> str:
    x = record if isinstance(record, dict) else record_to_dict(record)
    return "|".join(str(x.get(k)) for k in ("event_date", "date_precision", "sub_event_type", "actor1", "actor2",
                                            "location", "admin1", "country"))


def _fails(sc: Any, g: dict[str, Any], s: dict[str, Any]) -> list[str]:
    out = []
    if sc.norm(g.get("country")) and sc.norm(s.get("country")) and sc.norm(g["country"]) != sc.norm(s["country"]):
        out.append("country")
    if sc.norm(g.get("event_type")) != sc.norm(s.get("event_type")):
        out.append("type")
    if not sc.dates_agree(g, s):
        out.append("date")
    if not sc.places_agree(g, s):
        out.append("place")
    return out


def _joined(record: EventRecord, mid: int, reports: dict[int, tuple[str, EventRecord]]) -> str:
    """Why the mention joined the event it sits in (its `explain` line), matched by its sentence."""
    article, report = reports[mid]
    quote = report.sources[0].quote if report.sources else ""
    listed = record.evidence.get("sources")
    for item in (listed.value if listed is not None and isinstance(listed.value, list) else []):
        if item.get("article") == article and item.get("quote") == quote:
            return str(item.get("joined", ""))
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("db")
    parser.add_argument("gold")
    parser.add_argument("--score", default=str(SCORER), help="the scorer (../shared/tools/score.py)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every lost link and duplicate")
    args = parser.parse_args()
    sc = _scorer(Path(args.score))
    store = Store(args.db)
    mentions = sync.load_mentions(store.connection)
    related = Extractor.from_kb(load_knowledge_base(None)).actors.is_part_of
    groups = store.near_duplicate_groups()
    events = [(rid, rec, mids) for rid, rec, mids in resolve(mentions, groups, related, reprints=store.reprints())
              if isinstance(rec, EventRecord)]
    system = [record_to_dict(record) for _rid, record, _mids in events]
    gold = [g for g in (json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines()
                        if line.strip()) if g.get("kind", "event") == "event"]
    pairs = sc.match(gold, system, sc.compatible, sc.closeness)
    matched, owner = dict(pairs), {j: i for i, j in pairs}
    reports = {mid: (article, r) for mid, article, r in mentions if isinstance(r, EventRecord)}
    held_in = {mid: j for j, (_rid, _r, mids) in enumerate(events) for mid in mids}
    by_article: dict[str, list[int]] = collections.defaultdict(list)
    for mid, (article, _r) in reports.items():
        by_article[article].append(mid)

    def canonical(j: int) -> EventRecord:
        return merge_events([reports[m][1] for m in events[j][2]], groups, related, fields_only=True)

    classes: collections.Counter[str] = collections.Counter()
    rows: list[tuple[str, str, str, str]] = []
    total = 0
    for i, g in enumerate(gold):
        j = matched.get(i)
        cited = {x["article"] for x in system[j]["sources"]} if j is not None else set()
        where = "matched" if j is not None else "gold unmatched"
        for article in (x["article"] for x in g.get("sources", [])):
            total += 1
            if article in cited:
                continue
            mids = by_article.get(article, [])
            compatible = [m for m in mids if not _fails(sc, g, record_to_dict(reports[m][1]))]
            detail = ""
            if not mids:
                kind = "extraction: no event read from the article"
            elif not compatible:
                nearest = min(mids, key=lambda m: len(_fails(sc, g, record_to_dict(reports[m][1]))))
                kind = "extraction: nearest mention fails " + ",".join(_fails(sc, g, record_to_dict(reports[nearest][1])))
                detail = _brief(reports[nearest][1])
            else:
                homes = [held_in[m] for m in compatible]
                taken = all(h in owner and owner[h] != i for h in homes)
                kind = ("resolution: mention in the event of another gold event" if taken
                        else "resolution: mention in an unmatched or duplicate event")
                detail = _brief(reports[compatible[0]][1])
                home = held_in[compatible[0]]
                why = _joined(events[home][1], compatible[0], reports)
                detail += f"\n     in {_brief(events[home][1])} {sorted({reports[m][0] for m in events[home][2]})}" + \
                    (f"\n     joined: {why}" if why else "")
                if j is not None:
                    same = article in {reports[m][0] for m in events[j][2]}
                    detail += "\n     vs " + _brief(canonical(j)) + "\n     " + \
                        affinity(reports[compatible[0]][1], canonical(j), related, same).describe()
            classes[f"{where}: {kind}"] += 1
            rows.append((f"{where}: {kind}", article, _brief(g), detail))
    lost = sum(classes.values())
    print(f"gold links {total}  lost {lost}  sources recall {(total - lost) / total:.3f}")
    for name, count in classes.most_common():
        print(f"{count:4d}  {name}")
    if not args.verbose:
        return
    for kind, article, gold_brief, detail in sorted(rows):
        print(f"\n## {kind} {article}\n  gold {gold_brief}\n  men  {detail}")
    print("\n==== unmerged duplicates")
    for j, s in enumerate(system):
        if j in owner:
            continue
        for i in (i for i, g in enumerate(gold) if sc.compatible(g, s) and i in matched):
            k = matched[i]
            print(f"\nDUP {_brief(s)} {[x['article'] for x in s['sources']]}\n  gold {_brief(gold[i])}\n"
                  f"  vs   {_brief(canonical(k))}")
            for m in events[j][2]:
                same = reports[m][0] in {reports[x][0] for x in events[k][2]}
                print(f"    {reports[m][0]} {_brief(reports[m][1])} :: "
                      f"{affinity(reports[m][1], canonical(k), related, same).describe()}")


if __name__ == "__main__":
    main()
