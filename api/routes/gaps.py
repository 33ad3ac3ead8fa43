"""HTTP for the gap analyses in `queries.gaps`: parameters in, one read function, JSON or CSV out."""

import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import DatabaseDep
from api.listing import Format, Limit, Offset, csv_response, page_of
from queries.gaps import amendment_gap, commitment_gap, topic_gap, universalization_gap, what_if
from queries.models import AmendmentGap, CommitmentGap, TopicCoverage, UniversalizationGap, WhatIf
from queries.resolve import state_ids

router = APIRouter(prefix="/gaps", tags=["gaps"])


def _respond(result: Any, format: str, filename: str, limit: int, offset: int) -> Any:
    """The whole computed list as CSV, or one page of it as JSON."""
    return csv_response(result.data, filename) if format == "csv" else page_of(result, limit, offset)


@router.get("/universalization", response_model=UniversalizationGap,
            summary="Members of a group (summit, initiative, statement, UN region or list) with no party fact")
def get_universalization(
    db: DatabaseDep,
    instrument: Annotated[str, Query(description="instrument id, e.g. ICSANT")],
    group: Annotated[str | None, Query(description="NSS_2016, NSCG, GICNT, GP, JS2016_CNS ...")] = None,
    region: Annotated[str | None, Query(description="UN region or sub-region, e.g. Africa")] = None,
    state: Annotated[list[str] | None, Query(description="explicit ISO3 codes or names (repeat the parameter)")] = None,
    limit: Limit = 1000, offset: Offset = 0, format: Format = "json",
) -> UniversalizationGap | Response:
    result = universalization_gap(db, instrument, group, region, state_ids(state))
    return _respond(result, format, f"gap-{instrument}-{group or region or 'states'}", limit, offset)


@router.get("/amendment", response_model=AmendmentGap,
            summary="CPPNM parties with no party fact for the 2005 Amendment")
def get_amendment(db: DatabaseDep, limit: Limit = 1000, offset: Offset = 0,
                  format: Format = "json") -> AmendmentGap | Response:
    result = amendment_gap(db)
    return _respond(result, format, "gap-A_CPPNM", limit, offset)


@router.get("/commitments", response_model=CommitmentGap,
            summary="States that subscribed to a commitment tied to an instrument, with no party fact for it")
def get_commitments(
    db: DatabaseDep,
    instrument: Annotated[str, Query(description="instrument id, e.g. ICSANT")],
    today: Annotated[datetime.date | None, Query(description="reference day for 'years since' (default today)")] = None,
    limit: Limit = 1000, offset: Offset = 0, format: Format = "json",
) -> CommitmentGap | Response:
    result = commitment_gap(db, instrument, today)
    return _respond(result, format, f"commitment-gap-{instrument}", limit, offset)


@router.get("/topics", response_model=TopicCoverage,
            summary="Topics addressed by commitments or guidance but by no legal instrument")
def get_topics(db: DatabaseDep, limit: Limit = 1000, offset: Offset = 0,
               format: Format = "json") -> TopicCoverage | Response:
    result = topic_gap(db)
    return _respond(result, format, "topic-coverage-gaps", limit, offset)


@router.get("/what-if/{iso3}", response_model=WhatIf,
            summary="What a State has not joined, ranked by how many of its peers have")
def get_what_if(iso3: str, db: DatabaseDep, limit: Limit = 1000, offset: Offset = 0,
                format: Format = "json") -> WhatIf | Response:
    result = what_if(db, iso3)
    return _respond(result, format, f"what-if-{iso3}", limit, offset)
