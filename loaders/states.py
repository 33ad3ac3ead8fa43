"""States from well-kept libraries, not hand-written tables: all UN members and the two observer
States (country_converter), plus the non-members and historical predecessors (pycountry's
ISO 3166-3) that the data refers to. Names, UN regions and membership come with them; the
aliases are every name the State name table (`graph.names`) holds for it, so the full-text
index finds a State under the names the lookups and the loaders resolve.
"""

from functools import cache
from typing import Any

import pandas as pd
import pycountry

from graph.model import Label, Rel
from graph.names import NameEntry, state_names
from loaders.countries import converter
from loaders.plan import GraphPlan, Origin

LIBRARY_SOURCE = "COUNTRY_CONVERTER_1_3_2"
HISTORICAL_SOURCE = "PYCOUNTRY_ISO3166_3"
OBSERVER_SOURCE = "UN_NON_MEMBER_STATES"
OBSERVER_STATES = ("VAT", "PSE")
LIBRARY_NAME_SOURCES = frozenset({"country_converter names", "pycountry names", "pycountry ISO 3166-3"})
REGION_NAMES = {"America": "Americas"}  # country_converter's continent -> UN M49 region name
STATE_RELATIONSHIPS = (Rel.SIGNED, Rel.PARTY_TO, Rel.SUBSCRIBED_TO, Rel.PARTICIPATED_IN, Rel.MEMBER_OF,
                       Rel.COMMITTED_TO)


@cache
def _country_table() -> pd.DataFrame:
    return converter().data.set_index("ISO3")


def _project_source(entry: NameEntry) -> bool:
    return entry.source not in LIBRARY_NAME_SOURCES


def _aliases(iso3: str, name: str) -> dict[str, list[str]]:
    """Every other name and code of the State in the name table, and the sources of the names
    the project added (the libraries' names rest on the node's own library source)."""
    table = state_names()
    aliases = sorted({*table.names_of(iso3), *table.codes_of(iso3)} - {name, iso3})
    added = [f"{entry.name}: {entry.source}" for entry in table.entries
             if entry.state == iso3 and _project_source(entry)]
    return {"aliases": aliases, "alias_sources": added}


def _library_state(iso3: str) -> dict[str, Any] | None:
    table = _country_table()
    if iso3 not in table.index:
        return None
    row = table.loc[iso3]
    member_since = row["UNmember"]
    observer = iso3 in OBSERVER_STATES
    return {
        "kind": "state",
        "name": str(row["name_short"]),
        "official_name": str(row["name_official"]),
        "short_name": None,
        **_aliases(iso3, str(row["name_short"])),
        "un_region": REGION_NAMES.get(row["continent"], row["continent"]),
        "un_subregion": str(row["UNregion"]),
        "un_member": bool(pd.notna(member_since)),
        "un_member_since": str(int(member_since)) if pd.notna(member_since) else None,
        "un_observer": observer,
        "historical": False,
        "sources": [LIBRARY_SOURCE, OBSERVER_SOURCE] if observer else [LIBRARY_SOURCE],
        "confidence": "confirmed",
        "note": "Non-member observer State per UN_NON_MEMBER_STATES (that page was not read during curation)."
        if observer else None,
    }


def _historical_state(iso3: str) -> dict[str, Any] | None:
    former = pycountry.historic_countries.get(alpha_3=iso3)
    if former is None:
        return None
    name = former.name.split(",")[0]
    return {
        "kind": "state", "name": name, "official_name": former.name, "short_name": None, **_aliases(iso3, name),
        "un_region": None, "un_subregion": None, "un_member": None, "un_member_since": None, "un_observer": False,
        "historical": True, "dissolved": getattr(former, "withdrawal_date", None),
        "sources": [HISTORICAL_SOURCE], "confidence": "confirmed",
        "note": "Historical predecessor State (ISO 3166-3); do not count it beside its successor.",
    }


def with_search_text(props: dict[str, Any]) -> dict[str, Any]:
    props["aliases_text"] = " | ".join(props["aliases"]) or None
    return props


def un_member_and_observer_ids() -> list[str]:
    table = _country_table()
    return sorted({*table.index[table["UNmember"].notna()], *OBSERVER_STATES})


def plan_states(plan: GraphPlan) -> None:
    """All UN members and observers, plus every other State id that a planned relationship uses."""
    origin = Origin("country_converter", None)
    for iso3 in un_member_and_observer_ids():
        props = _library_state(iso3)
        assert props is not None
        plan.add_node(Label.STATE, iso3, with_search_text(props), origin)
    for rel in plan.relationships.values():
        if rel.type not in STATE_RELATIONSHIPS or rel.start in plan.nodes:
            continue
        props = _library_state(rel.start) or _historical_state(rel.start)
        if props is None:
            raise rel.origin.error("iso3", f"{rel.start!r} is neither a catalog id nor a State known to "
                                           "country_converter or ISO 3166-3")
        plan.add_node(Label.STATE, rel.start, with_search_text(props), Origin("pycountry", None))
