"""HTTP for the whole-graph exports (`queries.export`): JSON, and GraphML for Gephi, Cytoscape and yEd."""

from fastapi import APIRouter
from fastapi.responses import Response

from api.as_of import AsOf
from api.deps import DatabaseDep, SettingsDep
from queries.export import graph_export, graph_graphml
from queries.models import GraphExport

router = APIRouter(prefix="/export", tags=["export"])


@router.get("/graph.json", response_model=GraphExport, summary="Every node and relationship, with properties")
def export_json(db: DatabaseDep, settings: SettingsDep, as_of: AsOf = None) -> GraphExport:
    """As of a day: the nodes there on it and the relationships that count on it; `exclusions` names every
    undated and imprecise fact left out."""
    return graph_export(db, settings.query_timeout_s, as_of)


@router.get("/graph.graphml", summary="Every node and relationship as GraphML (Gephi, Cytoscape, yEd)",
            response_class=Response, responses={200: {"content": {"application/graphml+xml": {}}}})
def export_graphml(db: DatabaseDep, settings: SettingsDep, as_of: AsOf = None) -> Response:
    """As of a day: the graph of that day; the graph element carries `as_of` and how many facts were left out."""
    name = "nuclear-security-graph" + (f"-{as_of.isoformat()}" if as_of else "")
    return Response(graph_graphml(db, settings.query_timeout_s, as_of), media_type="application/graphml+xml",
                    headers={"Content-Disposition": f'attachment; filename="{name}.graphml"'})
