"""One visual vocabulary for every page: colour and shape per node kind, colour and line per edge type.

Colours come from the Okabe-Ito palette, which stays distinguishable under the common colour-vision
deficiencies; shapes and dash patterns repeat the distinction so colour is never the only cue.
"""

import math
import re
from dataclasses import dataclass

from queries.view_models import PropertyValue

BLUE = "#0072B2"
SKY = "#56B4E9"
GREEN = "#009E73"
ORANGE = "#E69F00"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
YELLOW = "#F0E442"
GREY = "#999999"
DARK = "#444444"

SOLID: list[int] = []
DASHED = [8, 5]
DOTTED = [2, 4]


@dataclass(frozen=True)
class NodeStyle:
    label: str
    color: str
    shape: str
    plural_label: str | None = None

    @property
    def plural(self) -> str:
        """The label for several nodes of the kind (a cluster of them, say)."""
        return self.plural_label or self.label + "s"


@dataclass(frozen=True)
class EdgeStyle:
    label: str
    color: str
    dashes: list[int]
    width: float


NODE_STYLES: dict[str, NodeStyle] = {
    "state": NodeStyle("State", BLUE, "dot"),
    "organization": NodeStyle("Organization", ORANGE, "square"),
    "legal_instrument": NodeStyle("Legal instrument", VERMILLION, "diamond"),
    "initiative": NodeStyle("Initiative", GREEN, "triangle"),
    "guidance": NodeStyle("Guidance", SKY, "triangleDown", "Guidance"),
    "commitment": NodeStyle("Commitment", PURPLE, "star"),
    "event": NodeStyle("Event", YELLOW, "hexagon"),
    "topic": NodeStyle("Topic", GREY, "dot"),
    "source": NodeStyle("Source", DARK, "square"),
}

EDGE_STYLES: dict[str, EdgeStyle] = {
    "PARTY_TO": EdgeStyle("Party to", BLUE, SOLID, 2.5),
    "SIGNED": EdgeStyle("Signed", SKY, DASHED, 1.5),
    "SUBSCRIBED_TO": EdgeStyle("Subscribed to", PURPLE, DASHED, 1.5),
    "PARTICIPATED_IN": EdgeStyle("Participated in", GREEN, DOTTED, 1.5),
    "MEMBER_OF": EdgeStyle("Member of", GREEN, SOLID, 1.5),
    "COMMITTED_TO": EdgeStyle("Committed to", BLUE, DOTTED, 1.5),
    "ISSUED_AT": EdgeStyle("Issued at", PURPLE, DOTTED, 1.5),
    "REFERENCES": EdgeStyle("References", GREY, DOTTED, 1.0),
    "ESTABLISHES": EdgeStyle("Establishes", VERMILLION, SOLID, 1.5),
    "AMENDS": EdgeStyle("Amends", VERMILLION, DASHED, 1.5),
    "SUPPORTS": EdgeStyle("Supports", PURPLE, SOLID, 1.5),
    "DEPOSITARY_OF": EdgeStyle("Depositary of", ORANGE, DASHED, 1.5),
    "ADDRESSES": EdgeStyle("Addresses", GREY, SOLID, 1.0),
    "PART_OF": EdgeStyle("Part of", DARK, SOLID, 1.0),
    "ADMINISTERS": EdgeStyle("Administers", ORANGE, SOLID, 1.5),
    "CIRCULATED_AS": EdgeStyle("Circulated as", GREY, DASHED, 1.0),
    "EXTENDS_MANDATE_OF": EdgeStyle("Extends mandate of", VERMILLION, DOTTED, 1.5),
}


def edge_style(edge_type: str) -> EdgeStyle:
    """The style of a type, or a neutral one so a new relationship type still draws (and is legible)."""
    return EDGE_STYLES.get(edge_type) or EdgeStyle(edge_type.replace("_", " ").capitalize(), GREY, SOLID, 1.0)


MIN_NODE_SIZE = 10.0
MAX_NODE_SIZE = 36.0


def node_size(degree: int, max_degree: int) -> float:
    """Size grows with the square root of degree so hubs stand out without dwarfing everything else."""
    if max_degree <= 0:
        return MIN_NODE_SIZE
    return round(MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * math.sqrt(degree / max_degree), 1)


YEAR_KEYS = ("since", "entry_into_force", "date")
"""Which edge property gives the year an edge is labelled with, first match wins."""

_YEAR = re.compile(r"^\s*(\d{4})")


def edge_year(properties: dict[str, PropertyValue]) -> str | None:
    """The year of the fact an edge records (e.g. when a State became party), if it has one."""
    for key in YEAR_KEYS:
        match = _YEAR.match(str(properties.get(key) or ""))
        if match:
            return match.group(1)
    return None
