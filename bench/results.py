"""bench/RESULTS.md, one section per part: a run of some parts (`--only`) replaces just their
sections and keeps the others, each of which says when it was measured."""

import re

PARTS = ("reads", "growth", "pages", "contention", "load")
MARKER = "<!-- bench part: {} -->"
_MARKER_LINE = re.compile(r"^<!-- bench part: (\w+) -->$", re.MULTILINE)


def sections(text: str) -> dict[str, str]:
    """The part sections of a RESULTS.md, by part (a file without markers has none)."""
    pieces = _MARKER_LINE.split(text)
    return {name: (MARKER.format(name) + body).rstrip("\n") for name, body in zip(pieces[1::2], pieces[2::2],
                                                                                  strict=True)}


def merged(previous: str, header: str, measured: dict[str, list[str]]) -> str:
    """The new RESULTS.md: `header`, then every part in `PARTS` order, the ones in `measured` new."""
    kept = sections(previous)
    kept.update({part: "\n".join([MARKER.format(part), *lines]).rstrip("\n") for part, lines in measured.items()})
    return "\n\n".join([header.rstrip("\n"), *(kept[part] for part in PARTS if part in kept)]) + "\n"
