"""The graph's vocabulary: node labels, relationship types and the provenance every fact carries.

Every domain node has the label `Entity` plus one kind label, and a unique `id`. `Source` nodes
hold the documents that facts cite; facts (nodes and relationships alike) carry `sources` (a list
of source ids), `as_of`, `confidence` and an optional `note`. Time lives on relationships
(`date`, `since`, `entry_into_force`) so "who backed what, when, says who" stays answerable.
"""

from enum import StrEnum


class Label(StrEnum):
    """Node labels; one concept each."""

    STATE = "State"
    ORGANIZATION = "Organization"
    LEGAL_INSTRUMENT = "LegalInstrument"
    INITIATIVE = "Initiative"
    GUIDANCE = "Guidance"
    COMMITMENT = "Commitment"
    EVENT = "Event"
    TOPIC = "Topic"
    SOURCE = "Source"


ENTITY = "Entity"
"""The label every domain node carries beside its kind (all but `Source`)."""

ENTITY_LABELS: tuple[Label, ...] = tuple(label for label in Label if label is not Label.SOURCE)

KIND_TO_LABEL: dict[str, Label] = {
    "state": Label.STATE,
    "organization": Label.ORGANIZATION,
    "legal_instrument": Label.LEGAL_INSTRUMENT,
    "initiative": Label.INITIATIVE,
    "guidance": Label.GUIDANCE,
    "commitment": Label.COMMITMENT,
    "event": Label.EVENT,
    "topic": Label.TOPIC,
}
LABEL_TO_KIND: dict[Label, str] = {label: kind for kind, label in KIND_TO_LABEL.items()}


class Rel(StrEnum):
    """Relationship types. Each carries `sources`, `as_of`, `confidence` and `note`."""

    SIGNED = "SIGNED"  # State -> LegalInstrument {date}
    PARTY_TO = "PARTY_TO"  # State -> LegalInstrument {since, via, entry_into_force}
    SUBSCRIBED_TO = "SUBSCRIBED_TO"  # State|Organization -> Commitment {date, role}
    PARTICIPATED_IN = "PARTICIPATED_IN"  # State|Organization -> Event {date, role}
    MEMBER_OF = "MEMBER_OF"  # State|Organization -> Initiative|Organization {role, since}
    COMMITTED_TO = "COMMITTED_TO"  # State -> LegalInstrument|Guidance {role, since}: a non-binding code
    ISSUED_AT = "ISSUED_AT"  # Commitment -> Event
    REFERENCES = "REFERENCES"
    ESTABLISHES = "ESTABLISHES"
    AMENDS = "AMENDS"
    SUPPORTS = "SUPPORTS"
    DEPOSITARY_OF = "DEPOSITARY_OF"
    ADDRESSES = "ADDRESSES"  # -> Topic
    PART_OF = "PART_OF"  # e.g. a side event -> its summit, a body -> the dialogue it takes part in
    ADMINISTERS = "ADMINISTERS"
    CIRCULATED_AS = "CIRCULATED_AS"
    EXTENDS_MANDATE_OF = "EXTENDS_MANDATE_OF"


CONSENT_KINDS = ("ratification", "accession", "acceptance", "approval", "succession",
                 "formal_confirmation", "consent_unspecified")
"""How a State expresses consent to be bound: the `via` of a `PARTY_TO` relationship."""

CONFIDENCE_LEVELS = ("confirmed", "derived", "unconfirmed")

SUBKINDS: dict[str, tuple[str, ...]] = {
    "legal_instrument": ("convention", "amendment", "resolution", "code_of_conduct", "treaty"),
    "organization": ("intergovernmental", "un_entity", "security_council_committee", "non_governmental",
                     "industry_association", "government_agency", "company"),
    "initiative": ("summit_process", "partnership", "contact_group", "network", "advisory_service", "fund",
                   "technical_working_group", "dialogue"),
    "guidance": ("nuclear_security_series", "supplementary_guidance"),
    "commitment": ("communique", "work_plan", "national_commitment", "action_plan", "joint_statement",
                   "bilateral_statement", "infcirc", "ministerial_declaration", "co_presidents_statement"),
    "event": ("summit", "conference", "industry_summit", "expert_summit"),
    "topic": ("theme",),
}
"""The closed `subkind` vocabulary of each catalog kind (that of the curated dataset), stored on the node so
that e.g. industry summits or industry associations can be asked for by subkind."""

MEMBERSHIP_ROLES = ("participant", "subscriber", "member", "partner", "observer", "founding_participant",
                    "committed")
"""The `role` of a membership; `committed` is a State's political commitment to a non-binding code (or to its
supplementary guidance), addressed to the IAEA Director General, and is the only role such a group takes."""
