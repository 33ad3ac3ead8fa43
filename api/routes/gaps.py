"""HTTP for the gap analyses in `queries.gaps`: parameters in, one read function, JSON or CSV out."""

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.as_of import AsOf, Day
from api.deps import DatabaseDep
from api.listing import Format, Limit, Offset, csv_response, page_of
from queries.gaps import amendment_gap, commitment_gap, topic_gap, universalization_gap, what_if
from queries.models import AmendmentGap, CommitmentGap, TopicCoverage, UniversalizationGap, WhatIf
from queries.resolve import state_ids

router = APIRouter(prefix="/gaps", tags=["gaps"])

ONE_OF = "Give exactly one of `group`, `region` or `state` (422 otherwise)."


def _respond(result: Any, format: str, filename: str, limit: int, offset: int) -> Any:
    """The whole computed list as CSV, or one page of it as JSON."""
    return csv_response(result.data, filename) if format == "csv" else page_of(result, limit, offset)


@router.get("/universalization", response_model=UniversalizationGap,
            summary="Members of a group (summit, initiative, statement, UN region or list) with no party fact",
            description=("The members of one group with no party fact for the instrument, with both lists' "
                         f"completeness. {ONE_OF} With `as_of`, the members and facts of that day: e.g. "
                         "`group=NSS_2010&as_of=2010-04-13` compares the 2010 summit's participants with the "
                         "parties on its closing day."))
def get_universalization(
    db: DatabaseDep,
    instrument: Annotated[str, Query(description="instrument id, e.g. ICSANT")],
    group: Annotated[str | None, Query(description=(
        "a summit, initiative, statement or organization id: NSS_2016, NSCG, GICNT, GP, JS2016_CNS ... "
        f"{ONE_OF}"))] = None,
    region: Annotated[str | None, Query(description=f"UN region or sub-region, e.g. Africa. {ONE_OF}")] = None,
    state: Annotated[list[str] | None, Query(description=(
        f"explicit ISO3 codes or names (repeat the parameter; each must be a State). {ONE_OF}"))] = None,
    as_of: AsOf = None,
    limit: Limit = 1000, offset: Offset = 0, format: Format = "json",
) -> UniversalizationGap | Response:
    result = universalization_gap(db, instrument, group, region, state_ids(state), as_of)
    return _respond(result, format, f"gap-{instrument}-{group or region or 'states'}", limit, offset)


@router.get("/amendment", response_model=AmendmentGap,
            summary="CPPNM parties with no party fact for the 2005 Amendment")
def get_amendment(db: DatabaseDep, as_of: AsOf = None, limit: Limit = 1000, offset: Offset = 0,
                  format: Format = "json") -> AmendmentGap | Response:
    result = amendment_gap(db, as_of=as_of)
    return _respond(result, format, "gap-A_CPPNM", limit, offset)


@router.get("/commitments", response_model=CommitmentGap,
            summary="States that subscribed to a commitment tied to an instrument, with no party fact for it",
            description=("'Years since' counts full years from the subscription to `as_of` when given, else to "
                         "`today`, else to the current date; `as_of` and `today` with different days are refused "
                         "(422)."))
def get_commitments(
    db: DatabaseDep,
    instrument: Annotated[str, Query(description="instrument id, e.g. ICSANT")],
    today: Annotated[Day | None, Query(description=(
        "reference day for 'years since' when `as_of` is not given (default: the current date); with `as_of`, "
        "years are counted to `as_of`, and a different `today` is refused (422)"))] = None,
    as_of: AsOf = None,
    limit: Limit = 1000, offset: Offset = 0, format: Format = "json",
) -> CommitmentGap | Response:
    result = commitment_gap(db, instrument, today, as_of)
    return _respond(result, format, f"commitment-gap-{instrument}", limit, offset)


@router.get("/topics", response_model=TopicCoverage,
            summary="Topics addressed by commitments or guidance but by no legal instrument")
def get_topics(db: DatabaseDep, as_of: AsOf = None, limit: Limit = 1000, offset: Offset = 0,
               format: Format = "json") -> TopicCoverage | Response:
    result = topic_gap(db, as_of)
    return _respond(result, format, "topic-coverage-gaps", limit, offset)


@router.get("/what-if/{iso3}", response_model=WhatIf,
            summary="What a State has not joined, ranked by how many of its peers have")
def get_what_if(iso3: str, db: DatabaseDep, as_of: AsOf = None, limit: Limit = 1000, offset: Offset = 0,
                format: Format = "json") -> WhatIf | Response:
    result = what_if(db, iso3, as_of)
    return _respond(result, format, f"what-if-{iso3}", limit, offset)
