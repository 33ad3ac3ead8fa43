"""npm packages the pages need (map geometry, the network drawing library), fetched once at set-up by name and
version with `npm pack` and cached beside the Neo4j jars; nothing is fetched at run time.

`make assets` (a step of `make run`, `make test` and `make bench`) runs `python -m viz.npm_cache`; a page
that needs a package that is not cached fails with an error naming that command.
"""

import shutil
import subprocess
import sys
import tarfile
from functools import cache
from pathlib import Path

from graph.errors import NSGraphError
from graph.settings import get_settings

PACKAGES: dict[str, str] = {"world-atlas": "2.0.2", "vis-network": "10.1.5"}
"""name -> exact version: Natural Earth country shapes as TopoJSON (countries-50m.json); the network pages'
drawing library (its standalone build, which bundles vis-data and injects its own CSS)."""

FETCH_COMMAND = "make assets  (or: .venv/bin/python -m viz.npm_cache)"


class MissingAsset(NSGraphError):
    """An npm package a page needs is not in the cache: the set-up step was not run."""


def npm_dir() -> Path:
    return get_settings().cache_dir / "npm"


def tarball(name: str) -> Path:
    """Where `npm pack name@version` leaves the package (the file name npm gives it)."""
    return npm_dir() / f"{name.lstrip('@').replace('/', '-')}-{PACKAGES[name]}.tgz"


def fetch(name: str) -> Path:
    """The cached tarball, packed from the npm registry on the first call only."""
    target = tarball(name)
    if target.exists():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise MissingAsset(f"npm is needed once to fetch {name}@{PACKAGES[name]} into {target.parent}: install npm")
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([npm, "pack", f"{name}@{PACKAGES[name]}", "--pack-destination", str(target.parent)],
                   check=True, stdout=subprocess.DEVNULL)
    if not target.exists():
        raise MissingAsset(f"npm pack {name}@{PACKAGES[name]} did not leave {target}")
    return target


def require(name: str) -> Path:
    """The cached tarball, or MissingAsset naming the command that fetches it (a cheap check for pages that only
    reference the package)."""
    path = tarball(name)
    if not path.exists():
        raise MissingAsset(f"{name}@{PACKAGES[name]} is not cached at {path}: run {FETCH_COMMAND}")
    return path


@cache
def package_file(name: str, member: str) -> bytes:
    """One file of a cached package (read from the tarball, never unpacked); MissingAsset names the fix."""
    path = require(name)
    with tarfile.open(path) as archive:
        handle = archive.extractfile(f"package/{member}")
        if handle is None:
            raise MissingAsset(f"{path} holds no file {member}")
        return handle.read()


def missing() -> list[str]:
    """What is not cached, each with the command that fixes it; the server logs these at start."""
    return [f"{name}@{version} is not cached at {tarball(name)}: the pages that need it will fail until you run "
            f"{FETCH_COMMAND}" for name, version in PACKAGES.items() if not tarball(name).exists()]


def main() -> None:
    for name in PACKAGES:
        print(f"{name}@{PACKAGES[name]}: {fetch(name)}", file=sys.stderr)


if __name__ == "__main__":
    main()
