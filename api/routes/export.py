"""HTTP for the whole-graph exports (`queries.export`): JSON, and GraphML for Gephi, Cytoscape and yEd."""

from fastapi import APIRouter
from fastapi.responses import Response

from api.deps import DatabaseDep, SettingsDep
from queries.export import graph_export, graph_graphml
from queries.models import GraphExport

router = APIRouter(prefix="/export", tags=["export"])


@router.get("/graph.json", response_model=GraphExport, summary="Every node and relationship, with properties")
def export_json(db: DatabaseDep, settings: SettingsDep) -> GraphExport:
    return graph_export(db, settings.query_timeout_s)


@router.get("/graph.graphml", summary="Every node and relationship as GraphML (Gephi, Cytoscape, yEd)",
            response_class=Response, responses={200: {"content": {"application/graphml+xml": {}}}})
def export_graphml(db: DatabaseDep, settings: SettingsDep) -> Response:
    return Response(graph_graphml(db, settings.query_timeout_s), media_type="application/graphml+xml",
                    headers={"Content-Disposition": 'attachment; filename="nuclear-security-graph.graphml"'})
