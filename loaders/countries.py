"""State names -> ISO codes for every loader, through the one name table (`graph.names`) that
search and lookups use too, so a name search finds is a name a loaded document can use.

Unknown and ambiguous names are expected outcomes that the callers report themselves.
"""

from functools import cache

from graph.names import converter, state_names

__all__ = ["converter", "iso3_codes", "name_to_iso3"]


@cache
def iso3_codes() -> frozenset[str]:
    return frozenset(str(code) for code in converter().data["ISO3"])


@cache
def name_to_iso3(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code of a State's name (ISO 3166-3 for a former State), or None when the
    name is unknown or ambiguous."""
    # Names only: a participant list writes "UAE" as an abbreviation, never as a code to pass through.
    return state_names().resolve(name, codes=False).state
