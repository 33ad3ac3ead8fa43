"""country_converter, set up once for every loader that turns State names into ISO codes.

Unknown names are an expected outcome that the callers report themselves, so the library's
per-name warnings are silenced here, in one place.
"""

import logging
from functools import cache

import country_converter as coco


@cache
def converter() -> coco.CountryConverter:
    logging.getLogger("country_converter").setLevel(logging.ERROR)
    return coco.CountryConverter()


@cache
def iso3_codes() -> frozenset[str]:
    return frozenset(str(code) for code in converter().data["ISO3"])


@cache
def name_to_iso3(name: str) -> str | None:
    """ISO 3166-1 alpha-3 code of a State's name, or None when the name is unknown or ambiguous."""
    # src="regex": read as a name ("UAE" is an abbreviation here, never a code to pass through).
    result = converter().convert(names=name, src="regex", to="ISO3", not_found=None)
    # An unknown name comes back unchanged, an ambiguous one as a list: neither is an answer.
    return result if isinstance(result, str) and result in iso3_codes() else None
