"""The FastAPI application: one driver per process, opened and closed in the lifespan."""

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from api.admission import cypher_slots
from api.caching import add_caching
from api.docs import OfflineDocsPolicy
from api.listing import document_csv_exports
from api.page_errors import install_page_error_handlers
from api.problems import PROBLEM_RESPONSES, install_problem_handlers
from api.routes import (
    admin,
    backing,
    compare,
    cypher,
    experts,
    export,
    gaps,
    health,
    implementation,
    instruments,
    maps,
    neighbourhood,
    paths,
    search,
    states,
    trends,
)
from api.routes import audit as audit_routes
from api.routes import pages as page_routes
from api.routes import sources as source_routes
from api.routes.resources import RESOURCES, resource_router
from graph.driver import connect
from graph.settings import Settings, get_settings
from viz import npm_cache
from viz.assets import preload as preload_assets
from viz.assets import static_app
from viz.maps import MAP_STATIC_URL, map_static_app

API_PREFIX = "/api/v1"
logger = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, uri: str | None = None) -> FastAPI:
    """Builds the app; `uri` overrides where the database is (tests, `nsgraph run`)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.cypher_slots = cypher_slots(settings)
        for problem in npm_cache.missing():
            logger.warning(problem)
        threading.Thread(target=preload_assets, name="nsgraph-asset-preload", daemon=True).start()
        app.state.db = connect(settings, uri)
        version_watcher.start()
        try:
            yield
        finally:
            version_watcher.stop()
            app.state.db.close()

    app = FastAPIOffline(  # /docs and /redoc from assets installed with the package: no CDN, fonts off
        title="Nuclear Security Graph",
        summary="Who backs which instrument of the global nuclear security architecture, since when, says who.",
        version="0.1.0",
        lifespan=lifespan,
        responses=PROBLEM_RESPONSES,
        swagger_ui_parameters={"validatorUrl": None},  # no online validator badge
        # No OpenTelemetry is set up here; FastAPI's per-request check for it cost a cached answer ~15%.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    install_problem_handlers(app)
    install_page_error_handlers(app)
    app.add_middleware(OfflineDocsPolicy)
    version_watcher = add_caching(app, settings)
    app.state.version_watcher = version_watcher
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"])
    app.include_router(health.router)
    app.include_router(health.router, prefix=API_PREFIX)
    app.include_router(instruments.router, prefix=API_PREFIX)
    app.include_router(search.router, prefix=API_PREFIX)
    app.include_router(paths.router, prefix=API_PREFIX)
    app.include_router(neighbourhood.router, prefix=API_PREFIX)
    app.include_router(cypher.router, prefix=API_PREFIX)
    app.include_router(export.router, prefix=API_PREFIX)
    app.include_router(source_routes.router, prefix=API_PREFIX)
    app.include_router(audit_routes.router, prefix=API_PREFIX)
    app.include_router(gaps.router, prefix=API_PREFIX)
    app.include_router(trends.router, prefix=API_PREFIX)
    app.include_router(trends.viz_router, responses=page_routes.PAGE_ERRORS)
    app.include_router(states.router, prefix=API_PREFIX)
    app.include_router(backing.router, prefix=API_PREFIX)
    app.include_router(admin.router, prefix=API_PREFIX)
    app.include_router(implementation.router, prefix=API_PREFIX)
    app.include_router(implementation.viz_router)
    app.include_router(experts.router, prefix=API_PREFIX)
    app.include_router(experts.viz_router)
    for path, (label, what) in RESOURCES.items():
        app.include_router(resource_router(path, label, what), prefix=API_PREFIX)
    app.include_router(maps.router, prefix=API_PREFIX)
    app.include_router(compare.router, prefix=API_PREFIX)
    app.include_router(page_routes.router)
    app.include_router(maps.viz_router)
    app.include_router(compare.viz_router)
    app.mount("/static/vis", static_app())
    app.mount(MAP_STATIC_URL, map_static_app())
    build_openapi = app.openapi

    def openapi_with_csv() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_csv_exports(build_openapi())
        return app.openapi_schema

    app.openapi = openapi_with_csv  # type: ignore[method-assign]
    return app
