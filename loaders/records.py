"""The shape of every input record. Validation rules live here, in one place per source kind."""

import datetime
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator

from graph.model import CONFIDENCE_LEVELS, CONSENT_KINDS, MEMBERSHIP_ROLES, SUBKINDS

_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_FULL_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
_ID = re.compile(r"^[A-Z][A-Z0-9_]*$")


def _check(pattern: re.Pattern[str], what: str):  # type: ignore[no-untyped-def]
    def check(value: str | None) -> str | None:
        if value is not None and not pattern.match(value):
            raise ValueError(f"{value!r} is not {what}")
        return value

    return check


def _real_date(value: str | None) -> str | None:
    """Rejects impossible dates such as 2003-02-30 that the pattern alone lets through."""
    if value is not None and len(value) == 10:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a calendar date") from None
    return value


def _split_list(value: object) -> object:
    if isinstance(value, str):
        return [part for part in value.split(";") if part]
    return [] if value is None else value


PartialDate = Annotated[str, AfterValidator(_check(_PARTIAL_DATE, "a date as YYYY, YYYY-MM or YYYY-MM-DD")),
                        AfterValidator(_real_date)]
FullDate = Annotated[str, AfterValidator(_check(_FULL_DATE, "a date as YYYY-MM-DD")), AfterValidator(_real_date)]
EntityId = Annotated[str, AfterValidator(_check(_ID, "an upper-case id"))]
IdList = Annotated[list[EntityId], BeforeValidator(_split_list)]
Confidence = Literal[CONFIDENCE_LEVELS]  # type: ignore[valid-type]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class SourceRecord(Record):
    source_id: EntityId
    title: str
    publisher: str
    url: str | None = None
    as_of: PartialDate | None = None
    kind: Literal["depositary", "official", "government", "ngo", "encyclopedia", "dataset", "news"]
    note: str | None = None


class CatalogRecord(Record):
    id: EntityId
    subkind: str
    name: str
    short_name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    date: PartialDate | None = None
    entry_into_force: PartialDate | None = None
    description: str
    sources: Annotated[list[EntityId], Field(min_length=1)]
    confidence: Confidence

    @field_validator("subkind")
    @classmethod
    def _subkind_of_kind(cls, value: str, info: ValidationInfo) -> str:
        """The catalog section (`kind`, passed as validation context) closes the subkind vocabulary."""
        kind = (info.context or {}).get("kind")
        if kind in SUBKINDS and value not in SUBKINDS[kind]:
            raise ValueError(f"{value!r} is not a subkind of {kind}; expected one of {', '.join(SUBKINDS[kind])}")
        return value


class RelationRecord(Record):
    from_id: EntityId
    relation: Literal["AMENDS", "ISSUED_AT", "ESTABLISHES", "REFERENCES", "SUPPORTS", "DEPOSITARY_OF", "ADDRESSES",
                      "PART_OF", "ADMINISTERS", "CIRCULATED_AS", "EXTENDS_MANDATE_OF"]
    to_id: EntityId
    date: PartialDate | None = None
    source_ids: Annotated[IdList, Field(min_length=1)]
    confidence: Confidence
    note: str | None = None


class TreatyActionRecord(Record):
    instrument_id: EntityId
    iso3: Annotated[str | None, AfterValidator(_check(re.compile(r"^[A-Z]{3}$"), "an ISO 3166-1 alpha-3 code"))] = None
    state_name: str
    action: Literal[("signature", "entry_into_force", *CONSENT_KINDS)]  # type: ignore[valid-type]
    date: FullDate | None = None
    source_id: EntityId
    as_of: PartialDate | None = None
    confidence: Confidence
    note: str | None = None


class MembershipRecord(Record):
    group_id: EntityId
    member_id: EntityId
    member_kind: Literal["state", "organization"]
    role: Literal[MEMBERSHIP_ROLES]  # type: ignore[valid-type]
    date_or_year: PartialDate | None = None
    source_id: EntityId
    confidence: Confidence
    note: str | None = None


class CoverageRecord(Record):
    of: EntityId
    list: Literal["parties", "signatories", "members", "committed"]
    stated_count: Annotated[int, Field(ge=0)]
    sources: Annotated[list[EntityId], Field(min_length=1)]
    as_of: PartialDate | None = None
    note: str | None = None
