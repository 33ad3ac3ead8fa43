"""The machine-readable markers in curated notes: `also_in=ID;ID` (corroborating sources)."""

import re

_ALSO_IN = re.compile(r"also_in=([A-Z0-9_;]+)")


def corroborating_sources(note: str | None) -> list[str]:
    """Source ids named in a note's `also_in=` lists, in order, without duplicates."""
    found: list[str] = []
    for match in _ALSO_IN.finditer(note or ""):
        found.extend(part for part in match.group(1).split(";") if part and part not in found)
    return found
