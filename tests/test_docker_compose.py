"""No Docker engine runs here, so the compose stack is checked statically: parse it, assert the wiring."""

import yaml

from tests.conftest import REPO_ROOT
from viz.npm_cache import PACKAGES

COMPOSE = yaml.safe_load((REPO_ROOT / "docker-compose.yml").read_text())


def test_neo4j_is_the_official_526_community_image_with_a_volume_and_healthcheck() -> None:
    neo4j = COMPOSE["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert any(volume.endswith(":/data") for volume in neo4j["volumes"])
    assert neo4j["volumes"][0].split(":")[0] in COMPOSE["volumes"]
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")


def test_api_waits_for_a_healthy_neo4j_and_connects_over_bolt() -> None:
    api = COMPOSE["services"]["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert api["build"] == "."
    assert (REPO_ROOT / "Dockerfile").exists()


def test_no_secret_is_written_into_the_compose_file() -> None:
    text = (REPO_ROOT / "docker-compose.yml").read_text()
    assert "change-me" not in text
    assert "${NEO4J_PASSWORD" in text


def test_dockerfile_copies_every_package_and_the_data() -> None:
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    for folder in ("graph", "loaders", "queries", "api", "viz", "data"):
        assert f"COPY {folder} ./{folder}" in dockerfile
    assert 'CMD ["nsgraph", "run"]' in dockerfile


def test_env_example_names_the_password_variable() -> None:
    assert "NEO4J_PASSWORD=" in (REPO_ROOT / ".env.example").read_text()
    assert ".env" in (REPO_ROOT / ".gitignore").read_text().split(), ".env holds secrets: keep it out of git"


def test_the_image_packs_the_npm_packages_the_pages_need() -> None:
    dockerfile = (REPO_ROOT / "Dockerfile").read_text()
    for name, version in PACKAGES.items():
        assert f"npm pack {name}@{version}" in dockerfile
