"""bench/RESULTS.md: a run of some parts replaces just their sections and keeps the rest as measured."""

from pathlib import Path

from bench.results import PARTS, merged, sections

RESULTS = Path(__file__).resolve().parents[1] / "bench" / "RESULTS.md"


def test_the_recorded_results_have_a_section_for_every_part() -> None:
    assert list(sections(RESULTS.read_text(encoding="utf-8"))) == list(PARTS)


def test_a_partial_run_replaces_only_its_own_sections() -> None:
    previous = RESULTS.read_text(encoding="utf-8")
    before = sections(previous)
    new_pages = ["_Measured now._", "", "## Pages", "| page |", "|---|", "| a new row |"]
    after = sections(merged(previous, "# Benchmark results\n", {"pages": new_pages}))
    assert list(after) == list(PARTS)
    assert after["pages"].splitlines()[1:] == new_pages
    assert {part: text for part, text in after.items() if part != "pages"} == {
        part: text for part, text in before.items() if part != "pages"}


def test_a_file_without_sections_keeps_only_what_was_measured() -> None:
    text = merged("# an old file without markers\n| x |\n", "# Benchmark results\n", {"load": ["| load |"]})
    assert text.startswith("# Benchmark results\n") and "old file" not in text
    assert list(sections(text)) == ["load"]
