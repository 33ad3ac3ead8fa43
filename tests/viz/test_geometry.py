"""The map's geometry, from the cached Natural Earth TopoJSON: the ISO mapping and its pitfalls, and the
error a missing cache gives."""

from collections import Counter
from pathlib import Path

import pycountry
import pytest

from graph.settings import get_settings
from viz import npm_cache
from viz.geometry import NO_ISO_CODE, WIDTH, _to_px, map_height, world_shapes


def test_every_shape_has_an_iso_code_or_is_a_named_pitfall() -> None:
    shapes = world_shapes()
    codes = Counter(shape.iso3 for shape in shapes)
    for shape in shapes:
        if shape.iso3 is None:
            assert NO_ISO_CODE[shape.name] is None
        elif shape.iso3 != "XKX":
            assert pycountry.countries.get(alpha_3=shape.iso3) is not None
    assert codes["SOM"] == 2 and codes["CYP"] == 2 and codes["AUS"] == 2  # Somaliland, N. Cyprus, Ashmore
    assert "TUV" not in codes and "ATA" not in codes  # Tuvalu has no shape at 1:50m; Antarctica left out


def test_the_projection_keeps_places_where_they_are() -> None:
    """West is left, north is up, and the whole drawing fits the page."""
    paris, tokyo, sydney = _to_px(2.35, 48.86), _to_px(139.7, 35.7), _to_px(151.2, -33.9)
    assert paris[0] < tokyo[0] < WIDTH and tokyo[1] < sydney[1] < map_height()
    assert all(0 <= shape.center[0] <= WIDTH and 0 <= shape.center[1] <= map_height() for shape in world_shapes())


def test_a_missing_cache_names_the_command_that_fills_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CACHE_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        with pytest.raises(npm_cache.MissingAsset, match="make assets"):
            npm_cache.package_file.__wrapped__("world-atlas", "countries-50m.json")
    finally:
        get_settings.cache_clear()
