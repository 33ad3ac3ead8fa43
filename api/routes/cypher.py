"""Ad-hoc read-only Cypher: the one endpoint whose query text comes from the caller.

`queries.readonly` refuses anything but a plain read (403 for writes and administration, 400 for
the rest, each with the reason), then runs it with read routing, a server-side timeout and a
row cap.
"""

from fastapi import APIRouter, Depends

from api.admission import cypher_slot
from api.deps import DatabaseDep, SettingsDep
from queries.models import CypherRequest, CypherResponse
from queries.readonly import run_read_only

router = APIRouter(tags=["cypher"])

_PROBLEM = {"content": {"application/problem+json": {}}}


@router.post("/cypher", response_model=CypherResponse,
             summary="Run one read-only Cypher statement (timeout and row cap apply)",
             responses={400: {"description": "refused or failed: syntax, LOAD CSV, USE, time limit", **_PROBLEM},
                        403: {"description": "refused: the query writes or administers the database", **_PROBLEM},
                        429: {"description": "refused: CYPHER_CONCURRENCY ad-hoc queries already run; see Retry-After",
                              **_PROBLEM}},
             dependencies=[Depends(cypher_slot)])
def cypher(request: CypherRequest, db: DatabaseDep, settings: SettingsDep) -> CypherResponse:
    result = run_read_only(db, request.query, request.parameters, settings.query_timeout_s, settings.cypher_row_cap)
    return CypherResponse(columns=result.columns, rows=result.rows, count=len(result.rows),
                          truncated=result.truncated, row_cap=settings.cypher_row_cap, query_type=result.query_type)
