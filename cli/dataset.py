"""Writes a `queries.dataset` export as a Frictionless Data Package (CSV + `datapackage.json`) and a
`CITATION.cff`, both stamped with the graph version and the release day.

The code is MIT; the data is released under CC-BY-4.0 (the facts come from public documents, each
named in sources.csv), which the package and the citation both say.
"""

import csv
import datetime
import json
from pathlib import Path
from typing import Any

import yaml

from loaders.datapackage import EMPTY_LIST_KEY
from queries.dataset import LIST_DELIMITER, DatasetExport, DatasetTable

TITLE = "Nuclear Security Graph: the global nuclear security architecture as a sourced knowledge graph"
DESCRIPTION = ("Legal instruments, organizations, initiatives, guidance, commitments, events and topics of the "
               "global nuclear security architecture and the States that back them: every node and relationship "
               "with the sources (sources.csv) it rests on and its as-of date. The lists are partial: a missing "
               "row means 'no fact known', never 'not a party'.")
DATA_LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
                "path": "https://creativecommons.org/licenses/by/4.0/"}
AUTHOR = "The Nuclear Security Graph contributors"
KEYWORDS = ["nuclear security", "CPPNM", "ICSANT", "UNSCR 1540", "Nuclear Security Summit", "knowledge graph"]


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return LIST_DELIMITER.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write_csv(table: DatasetTable, path: Path) -> None:
    names = [field.name for field in table.fields]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        for row in table.rows:
            writer.writerow([_cell(row[name]) if name in row else "" for name in names])


def _schema(table: DatasetTable) -> dict[str, Any]:
    fields = []
    for field in table.fields:
        descriptor: dict[str, Any] = {"name": field.name, "type": field.type}
        if field.description:
            descriptor["description"] = field.description
        if field.type == "list":
            descriptor |= {"delimiter": LIST_DELIMITER, "itemType": "string"}
            if field.empty_list_for:
                descriptor[EMPTY_LIST_KEY] = field.empty_list_for
        constraints = {**field.constraints, **({"required": True} if field.name in table.primary_key else {})}
        if constraints:
            descriptor["constraints"] = constraints
        fields.append(descriptor)
    schema: dict[str, Any] = {"fields": fields, "primaryKey": table.primary_key}
    if table.name == "relationships":
        schema["foreignKeys"] = [{"fields": [end], "reference": {"resource": "nodes", "fields": ["id"]}}
                                 for end in ("start", "end")]
    return schema


def _descriptor(export: DatasetExport) -> dict[str, Any]:
    tables = (export.nodes, export.relationships, export.sources)
    return {
        "name": "nuclear-security-graph",
        "title": TITLE,
        "description": DESCRIPTION,
        "version": export.version,
        "created": datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat(),
        "keywords": KEYWORDS,
        "licenses": [DATA_LICENSE],
        "contributors": [{"title": AUTHOR, "role": "author"}],
        "sources": [{"title": row["title"], "path": row["url"]} if row.get("url") else {"title": row["title"]}
                    for row in export.sources.rows],
        "resources": [{"name": table.name, "path": f"{table.name}.csv", "description": table.description,
                       "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": _schema(table)}
                      for table in tables],
    }


def _citation(export: DatasetExport, released: datetime.date) -> dict[str, Any]:
    return {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below, and cite the documents each fact rests on "
                   "(sources.csv).",
        "type": "dataset",
        "title": TITLE,
        "version": export.version,
        "date-released": released,
        "authors": [{"name": AUTHOR}],
        "license": DATA_LICENSE["name"],
        "abstract": DESCRIPTION,
        "keywords": KEYWORDS,
    }


def write_dataset(export: DatasetExport, directory: Path, released: datetime.date) -> list[Path]:
    """Writes the package into `directory` (created if needed) and returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table in (export.nodes, export.relationships, export.sources):
        _write_csv(table, directory / f"{table.name}.csv")
        written.append(directory / f"{table.name}.csv")
    package = directory / "datapackage.json"
    package.write_text(json.dumps(_descriptor(export), indent=2, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    citation = directory / "CITATION.cff"
    citation.write_text(yaml.safe_dump(_citation(export, released), sort_keys=False, allow_unicode=True,
                                       width=120), encoding="utf-8")
    return [*written, package, citation]
