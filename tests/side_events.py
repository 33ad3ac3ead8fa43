"""The shipped dataset plus the third revision's side events, as one dataset folder, until data/ carries
them: the industry and expert summits of ../shared/data (entities.csv), their PART_OF, ADMINISTERS and
ISSUED_AT rows, the bodies and statements those rows name, the participants named at them, and every
source data/ lacks, appended to copies of data/'s files. Rows are copied as they are, with their sources;
nothing is added.

Also the expectations for the experts-and-industry answer, computed from any such dataset folder.
"""

import csv
import shutil
from pathlib import Path
from typing import Any

import yaml

from tests.api import DATA_DIR, catalog

SHARED_DATA = DATA_DIR.parents[1] / "shared" / "data"
SIDE = ("industry_summit", "expert_summit")
BODIES = ("non_governmental", "industry_association", "company", "government_agency")
LINKS = ("PART_OF", "ADMINISTERS", "ISSUED_AT")


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_supplemented(folder: Path) -> Path:
    """Writes data/ plus the side-event rows of ../shared/data into `folder` (a dataset folder) and returns it;
    data/ itself once it carries side events (the third revision does)."""
    if any(item.get("subkind") in SIDE for item in catalog().get("event", [])):
        return DATA_DIR
    entities = {row["id"]: row for row in _read(SHARED_DATA / "entities.csv")}
    shipped = {item["id"] for items in catalog().values() for item in items}
    events = {i for i, row in entities.items() if row["kind"] == "event" and row["subkind"] in SIDE}
    rels = [r for r in _read(SHARED_DATA / "relations.csv") if r["relation"] in LINKS
            and (r["from_id"] if r["relation"] == "PART_OF" else r["to_id"]) in events]
    members = [m for m in _read(SHARED_DATA / "memberships.csv") if m["group_id"] in events]
    wanted = events | {r["from_id"] for r in rels} | {r["to_id"] for r in rels}
    wanted |= {m["member_id"] for m in members if m["member_kind"] == "organization"}
    items = {kind: list(group) for kind, group in catalog().items()}
    for entity_id in sorted(wanted - shipped):
        row = entities[entity_id]
        item: dict[str, Any] = {"id": row["id"], "subkind": row["subkind"], "name": row["name"]}
        item |= {key: row[key] for key in ("short_name", "date") if row[key]}
        if row["aliases"]:
            item["aliases"] = row["aliases"].split(";")
        item |= {"description": row["description"], "sources": row["source_ids"].split(";"),
                 "confidence": row["confidence"]}
        items.setdefault(row["kind"], []).append(item)
    (folder / "catalog.yaml").write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name in ("coverage.yaml", "treaty_actions.csv"):
        shutil.copy(DATA_DIR / name, folder / name)
    known = _read(DATA_DIR / "sources.csv")
    ids = {row["source_id"] for row in known}
    extra_sources = [row for row in _read(SHARED_DATA / "sources.csv") if row["source_id"] not in ids]
    for name, added in (("sources.csv", extra_sources), ("relations.csv", rels), ("memberships.csv", members)):
        rows = _read(DATA_DIR / name)
        _write(folder / name, list(rows[0]), rows + added)
    return folder


def expected_answer(folder: Path = DATA_DIR) -> dict[str, Any]:
    """Side events (id -> summit, conveners, statements, participants) and bodies (id -> subkind), from the
    files of a dataset folder."""
    added = yaml.safe_load((folder / "catalog.yaml").read_text(encoding="utf-8"))
    items = [item | {"kind": kind} for kind, group in added.items() for item in group]
    rels = _read(folder / "relations.csv")
    members = _read(folder / "memberships.csv")
    subkind = {item["id"]: item["subkind"] for item in items}
    kind = {item["id"]: item["kind"] for item in items}
    summits = {i for i, s in subkind.items() if kind[i] == "event" and s == "summit"}
    part_of = {r["from_id"]: r["to_id"] for r in rels if r["relation"] == "PART_OF" and r["to_id"] in summits}
    side = {i for i in subkind if kind[i] == "event" and (subkind[i] in SIDE or i in part_of)}
    events = {e: {"summit": part_of.get(e),
                  "convened_by": sorted(r["from_id"] for r in rels if r["relation"] == "ADMINISTERS"
                                        and r["to_id"] == e and kind.get(r["from_id"]) == "organization"),
                  "statements": sorted(r["from_id"] for r in rels if r["relation"] == "ISSUED_AT" and r["to_id"] == e),
                  "participants": sorted(m["member_id"] for m in members if m["group_id"] == e)}
              for e in side}
    bodies = {i: s for i, s in subkind.items() if kind[i] == "organization" and s in BODIES}
    return {"events": events, "bodies": bodies}


def got_answer(answer: dict[str, Any]) -> dict[str, Any]:
    return {"events": {e["event"]["id"]: {"summit": e["summit"]["id"] if e["summit"] else None,
                                          "convened_by": [c["organization"]["id"] for c in e["convened_by"]],
                                          "statements": [s["id"] for s in e["statements"]],
                                          "participants": [p["node"]["id"] for p in e["participants"]]}
                       for e in answer["side_events"]},
            "bodies": {b["organization"]["id"]: b["organization"]["subkind"] for b in answer["bodies"]}}
