"""Reading input files into validated pydantic records, with errors that name file, line and field.

Validation happens before anything is planned or written, so a bad row never half-loads.
"""

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from graph.errors import LoadError

M = TypeVar("M", bound=BaseModel)


def _first_error(error: ValidationError) -> tuple[str | None, str]:
    detail = error.errors()[0]
    field = ".".join(str(part) for part in detail["loc"]) or None
    return field, detail["msg"]


def validate_record(model: type[M], data: dict[str, Any], file: Path, line: int | None,
                    field_lines: dict[str, int] | None = None, context: dict[str, Any] | None = None) -> M:
    """Validates one record, turning the first pydantic error into a `LoadError` for its line
    (for YAML, the line of the offending field when known); `context` reaches the model's validators."""
    try:
        return model.model_validate(data, context=context)
    except ValidationError as error:
        field, message = _first_error(error)
        top_field = field.split(".")[0] if field else None
        where = (field_lines or {}).get(top_field or "", line)
        raise LoadError(str(file), where, field, message) from error


def read_csv(path: Path, model: type[M]) -> list[tuple[int, M]]:
    """Reads a CSV file (one header row) into `(line, record)` pairs; empty cells become None."""
    records: list[tuple[int, M]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        expected = set(model.model_fields)
        missing = expected - set(reader.fieldnames or [])
        if missing:
            raise LoadError(str(path), 1, sorted(missing)[0], f"missing column(s): {', '.join(sorted(missing))}")
        line = reader.line_num
        for row in reader:
            start = line + 1
            line = reader.line_num
            if None in row:
                raise LoadError(str(path), start, None, "more cells than columns in the header")
            data = {key: (value if value != "" else None) for key, value in row.items() if key in expected}
            records.append((start, validate_record(model, data, path, start)))
    return records


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping, for error messages."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__lines__"] = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def read_yaml(path: Path) -> Any:
    """Parses YAML with `__line__` (the mapping's line) and `__lines__` (each key's line) added."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise LoadError(str(path), mark.line + 1 if mark else None, None, f"not valid YAML: {error}") from error


def yaml_records(path: Path, items: Any, model: type[M],
                 context: dict[str, Any] | None = None) -> Iterator[tuple[int, M]]:
    """Validates a YAML list of mappings into `(line, record)` pairs."""
    if not isinstance(items, list):
        raise LoadError(str(path), None, None, "expected a list of entries")
    for item in items:
        if not isinstance(item, dict):
            raise LoadError(str(path), None, None, f"expected a mapping, got {item!r}")
        line = item.pop("__line__", None)
        field_lines = item.pop("__lines__", {})
        yield line, validate_record(model, item, path, line, field_lines, context)
