"""List and detail endpoints for every kind of node, built from one factory so that each
kind behaves the same: `/instruments`, `/states`, `/organizations`, ... and `/{kind}/{id}`."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.as_of import AsOf
from api.deps import DatabaseDep
from api.listing import Format, Limit, Offset, csv_response
from graph.model import Label
from queries.models import NodeDetail, NodeSummary, Page
from queries.nodes import list_nodes, node_detail

RESOURCES: dict[str, tuple[Label, str]] = {
    "instruments": (Label.LEGAL_INSTRUMENT, "legal instruments: conventions, amendments, resolutions"),
    "states": (Label.STATE, "States: UN members, observers, and other and former States in the data"),
    "organizations": (Label.ORGANIZATION, "international organizations and other bodies"),
    "initiatives": (Label.INITIATIVE, "initiatives: summit process, Contact Group, GICNT, Global Partnership"),
    "guidance": (Label.GUIDANCE, "internationally accepted guidance: IAEA Nuclear Security Series"),
    "commitments": (Label.COMMITMENT, "commitments: communiqués, plans, joint statements, INFCIRCs"),
    "events": (Label.EVENT, "events: the summits, ICONS"),
    "topics": (Label.TOPIC, "topics that commitments, guidance and instruments address"),
}

SUBKIND_HELP = ("only nodes of this subkind, e.g. organizations?subkind=non_governmental, "
                "events?subkind=industry_summit (an unknown subkind answers 422 naming the known ones)")


DETAIL_ELSEWHERE = {"states"}
"""Kinds whose `/{id}` is a richer answer of its own (the State profile), so the factory leaves it out."""


def resource_router(path: str, label: Label, what: str) -> APIRouter:
    router = APIRouter(prefix=f"/{path}", tags=[path])

    @router.get("", response_model=Page[NodeSummary], summary=f"List {what}")
    def get_list(db: DatabaseDep, limit: Limit = 100, offset: Offset = 0, format: Format = "json",
                 subkind: Annotated[str | None, Query(max_length=100, description=SUBKIND_HELP)] = None,
                 ) -> Page[NodeSummary] | Response:
        result = list_nodes(db, label, limit, offset, subkind)
        return csv_response(result.data, path) if format == "csv" else result

    if path in DETAIL_ELSEWHERE:
        return router

    @router.get("/{node_id}", response_model=NodeDetail, summary=f"One of the {path}, with every link")
    def get_one(node_id: str, db: DatabaseDep, as_of: AsOf = None) -> NodeDetail:
        return node_detail(db, label, node_id, as_of)

    return router
