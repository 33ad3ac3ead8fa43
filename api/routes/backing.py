"""HTTP for the States x instruments matrix (`queries.backing`)."""

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.as_of import AsOf
from api.deps import DatabaseDep
from api.listing import Format, Limit, Offset, csv_response, page_of
from queries.backing import backing_matrix
from queries.models import BackingMatrix, BackingRow
from queries.resolve import state_ids

router = APIRouter(prefix="/backing", tags=["backing"])


def _csv_row(row: BackingRow) -> dict[str, Any]:
    """Cells flattened as `<INSTRUMENT>.status`, `<INSTRUMENT>.since`, ... beside the State's columns."""
    return {"state": row.state.model_dump(include={"id", "name", "un_region", "un_subregion"}),
            **{instrument: cell.model_dump() for instrument, cell in row.cells.items()}}


@router.get("", response_model=BackingMatrix, summary="States x instruments: party, signatory or no fact known")
def backing(
    db: DatabaseDep,
    instrument: Annotated[list[str] | None, Query(description="instrument ids (repeat); default CPPNM, A_CPPNM, "
                                                                "ICSANT")] = None,
    state: Annotated[list[str] | None, Query(description="ISO3 codes or names of the rows (repeat); "
                                                                           "default all States")] = None,
    region: Annotated[str | None, Query(description="UN region or sub-region, e.g. Africa, Western Asia")] = None,
    group: Annotated[str | None, Query(description="members of an initiative, event or commitment, e.g. "
                                                   "NSS_2016, NSCG, GICNT, JS2016_SUSTAINING_ACTION")] = None,
    as_of: AsOf = None,
    limit: Limit = 1000,
    offset: Offset = 0,
    format: Format = "json",
) -> BackingMatrix | Response:
    """Filters combine (AND); with `as_of`, a group is its members on that day."""
    result = backing_matrix(db, instrument, state_ids(state), region, group, as_of)
    if format == "csv":
        return csv_response([_csv_row(row) for row in result.data], "backing")
    return page_of(result, limit, offset)
