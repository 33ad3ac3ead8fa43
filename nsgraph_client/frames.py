"""Answers as pandas DataFrames: rows flattened to dotted columns, lists (such as `sources`) kept as lists,
and the envelope's metadata (as_of, completeness, exclusions, caveats, ...) in `df.attrs`."""

from typing import Any

import pandas as pd

PAGING_KEYS = {"data", "count", "limit", "offset"}


def rows_frame(rows: list[dict[str, Any]], attrs: dict[str, Any] | None = None) -> pd.DataFrame:
    """Nested objects become `parent.child` columns; lists stay whole in one cell, as the API gave them."""
    frame = pd.json_normalize(rows, sep=".") if rows else pd.DataFrame()
    frame.attrs.update(attrs or {})
    return frame


def envelope_attrs(body: dict[str, Any]) -> dict[str, Any]:
    """Everything an answer says besides its rows and paging: the metadata a notebook cites with the table."""
    return {key: value for key, value in body.items() if key not in PAGING_KEYS}
