"""One settings object for the whole project, read from the environment (and `.env`) once."""

from functools import lru_cache
from pathlib import Path

import platformdirs
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "nsgraph"


class Settings(BaseSettings):
    """Where the database is, how to reach it, and how the API serves.

    Without `NEO4J_URI` the project starts its own local Neo4j (see `graph.runtime`).
    """

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    neo4j_uri: str | None = Field(default=None, description="bolt://, neo4j://, neo4j+s:// ...; unset = local")
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"

    data_dir: Path = Field(default_factory=lambda: Path(platformdirs.user_data_dir(APP_NAME)))
    cache_dir: Path = Field(default_factory=lambda: Path(platformdirs.user_cache_dir(APP_NAME)))
    local_host: str = "127.0.0.1"
    local_port: int = 7687
    java_home: Path | None = None
    neo4j_heap_mb: int = 1024
    neo4j_tx_timeout_s: int = 120
    neo4j_start_timeout_s: float = 180.0
    neo4j_max_pool_size: int = Field(default=100, ge=1, description="Bolt connections the driver may open")

    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_token: SecretStr | None = None
    cors_origins: list[str] = Field(default_factory=list)
    api_workers: int = Field(default=1, ge=1, description="uvicorn worker processes of `nsgraph serve`")

    response_cache_mb: float = Field(default=64.0, ge=0, description="memory for cached answers; 0 turns it off")
    response_cache_entries: int = Field(default=4096, ge=0, description="most answers kept; 0 turns it off")
    http_max_age_s: int = Field(default=0, ge=0, description="Cache-Control max-age of answers; 0 = no-cache")

    # Idle keep-alive connections stay open this long. It must outlast a client's own idle expiry
    # (httpx 5 s, most proxies 60 s): when both are equal, a client reuses a connection in the very
    # moment the server closes it and sees "Server disconnected without sending a response".
    api_keep_alive_s: int = Field(default=75, ge=1, description="seconds an idle HTTP keep-alive connection stays open")
    shutdown_grace_s: float = 5.0  # on SIGINT/SIGTERM, in-flight requests get this long, then are cancelled

    query_timeout_s: float = 10.0
    cypher_row_cap: int = 1000
    cypher_concurrency: int = Field(default=2, ge=1, description="ad-hoc queries at once; beyond: 429")
    cypher_queue_s: float = Field(default=1.0, ge=0, description="how long a surplus ad-hoc query waits for a slot")


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests build their own `Settings(...)` instead."""
    return Settings()
