"""Paging and CSV export, shared by every list endpoint."""

import csv
import io
from collections.abc import Sequence
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Query
from fastapi.responses import Response
from pydantic import BaseModel

from queries.models import Page

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000  # far beyond any list here; larger values would overflow Neo4j's integers

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
Format = Annotated[Literal["json", "csv"], Query(description="json (default) or csv")]
PageT = TypeVar("PageT", bound=Page)  # type: ignore[type-arg]


def _flatten(prefix: str, value: Any, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else key, inner, out)
    elif isinstance(value, list):
        out[prefix] = ";".join(str(item) for item in value)
    else:
        out[prefix] = value


def csv_response(rows: Sequence[BaseModel | dict[str, Any]], filename: str) -> Response:
    """Rows as CSV, nested fields as dotted columns and lists joined with ';' (the data's own convention)."""
    flat: list[dict[str, Any]] = []
    for row in rows:
        record: dict[str, Any] = {}
        _flatten("", row.model_dump() if isinstance(row, BaseModel) else row, record)
        flat.append(record)
    columns = list(dict.fromkeys(key for record in flat for key in record))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'})


def document_csv_exports(openapi: dict[str, Any]) -> dict[str, Any]:
    """Adds `text/csv` to the 200 answer of every operation that takes `?format=`, so clients (and
    the schema fuzzer) see both media types the operation can answer with."""
    for operations in openapi.get("paths", {}).values():
        for operation in operations.values():
            if not any(p.get("name") == "format" and p.get("in") == "query" for p in operation.get("parameters", [])):
                continue
            ok = operation.get("responses", {}).get("200")
            if ok is not None:
                ok.setdefault("content", {})["text/csv"] = {"schema": {"type": "string"}}
    return openapi


def page_of(result: PageT, limit: int, offset: int) -> PageT:
    """One page of a computed list; `total` keeps the full size."""
    result.data = result.data[offset:offset + limit]
    result.count, result.limit, result.offset = len(result.data), limit, offset
    return result
