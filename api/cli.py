"""`nsgraph serve`: the API and pages under uvicorn, stopped gracefully by SIGINT or SIGTERM."""

from api.server import serve

__all__ = ["serve"]
