"""HTTP for an instrument's parties and signatories (`queries.instruments`)."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.as_of import AsOf
from api.deps import DatabaseDep
from api.listing import Format, Limit, Offset, csv_response, page_of
from queries.instruments import PartyStatus, instrument_parties
from queries.models import PartiesPage

router = APIRouter(prefix="/instruments", tags=["instruments"])


@router.get("/{instrument_id}/parties", response_model=PartiesPage,
            summary="Parties and signatories of an instrument, optionally as of a date")
def parties(
    instrument_id: str,
    db: DatabaseDep,
    as_of: AsOf = None,
    status: Annotated[PartyStatus, Query()] = "party",
    region: Annotated[str | None, Query(description="UN region or sub-region, e.g. Africa, Western Asia")] = None,
    limit: Limit = 1000,
    offset: Offset = 0,
    format: Format = "json",
) -> PartiesPage | Response:
    result = instrument_parties(db, instrument_id, as_of, status, region)
    if format == "csv":
        return csv_response(result.data, f"{instrument_id}-{status}")
    return page_of(result, limit, offset)
