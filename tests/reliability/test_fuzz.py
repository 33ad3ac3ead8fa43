"""Fuzz the API from its own OpenAPI schema over real HTTP: for a bounded number of generated
requests per operation, no 5xx, and every response matches its documented schema.

The schema comes from the app itself (building it needs no database); the requests go to the
real API under uvicorn, on the session's Neo4j with the shipped data.
"""

import schemathesis
from hypothesis import HealthCheck, settings

from api.app import create_app
from graph.driver import GraphDatabaseClient
from graph.settings import Settings

MAX_EXAMPLES = 15

schema = schemathesis.openapi.from_dict(create_app(Settings()).openapi()).exclude(path_regex="^/api/v1/admin/")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_responses_match_the_schema(case: schemathesis.Case, served_api: str,
                                                        loaded_db: GraphDatabaseClient) -> None:
    case.call_and_validate(base_url=served_api)
