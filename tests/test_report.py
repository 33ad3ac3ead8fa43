"""The gaps-and-trends report, Markdown and HTML: figures, caveats and the sources they rest on."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from graph.driver import GraphDatabaseClient
from tests.api.test_gaps import consents, expected_universalization, is_historical, rows, state_members, stated
from tests.api.test_gaps_as_of import expected_gap, summit_days
from viz.charts import nice_ticks
from viz.report import write_report


def parties_known(instrument: str) -> str:
    """'K of S parties known', both figures read from the data files."""
    known = sum(not is_historical(party) for party in consents(instrument))
    return f"{known} of {stated()[(instrument, 'parties')]} parties known"


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_report_nss2016(loaded_db: GraphDatabaseClient, tmp_path: Path, suffix: str) -> None:
    text = write_report(loaded_db, ["NSS_2016"], ["A_CPPNM", "ICSANT"], tmp_path / f"report{suffix}").read_text()
    for instrument in ("A_CPPNM", "ICSANT"):
        for iso3 in expected_universalization(state_members("NSS_2016"), instrument):
            assert f"{iso3}" in text
    assert "no party fact known" in text
    assert "Partial list" in text
    for instrument in ("A_CPPNM", "ICSANT"):
        known = len([p for p in consents(instrument) if not is_historical(p)])
        assert f"{known} of {stated()[(instrument, 'parties')]} parties known" in text
    assert "UNTC_ICSANT_STATUS_2025 (as of 2025-05-16)" in text
    assert "POLICYEDGE_2025_ACPPNM (as of 2025)" in text
    derived = sum(r["confidence"] == "derived" for r in rows("memberships.csv")
                  if r["group_id"] == "NSS_2016" and r["member_kind"] == "state")
    assert "NTIINDEX_INFCIRCS" in text and f"{derived} are derived" in text
    assert "Rests on:" in text and "emerging" in text
    assert "undated left out" in text
    if suffix == ".html":
        assert text.count("<svg") >= 4 and "<script" not in text and "https://cdn" not in text
        assert "<strong>no party fact known</strong>" in text
    else:
        assert text.startswith("# ") and "| PAK | no signature known |" in text


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_report_nscg(loaded_db: GraphDatabaseClient, tmp_path: Path, suffix: str) -> None:
    text = write_report(loaded_db, ["NSCG"], ["A_CPPNM", "ICSANT"], tmp_path / f"nscg{suffix}").read_text()
    assert "NSCG x ICSANT" in text and "NSCG x A/CPPNM" in text
    assert "GOVINFO_DCPD_201600210" in text  # the statement that lists the founding members
    assert "no party fact known" in text and "Partial list" in text


def test_report_cli(cli: CliRunner, loaded_db: GraphDatabaseClient, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    result = cli.invoke(app, ["report", "gaps", "--group", "NSCG", "--instrument", "ICSANT", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "NSCG x ICSANT" in out.read_text()
    bad = cli.invoke(app, ["report", "gaps", "-o", str(tmp_path / "r.pdf")])
    assert bad.exit_code == 2
    unknown = cli.invoke(app, ["report", "gaps", "--group", "NOPE", "-o", str(out)])
    assert unknown.exit_code == 1


@pytest.mark.parametrize("summit", ["NSS_2010", "NSS_2016"])
def test_report_as_of_a_summits_closing_day(cli: CliRunner, loaded_db: GraphDatabaseClient, tmp_path: Path,
                                            summit: str) -> None:
    """`--as-of`: the summit's participants on its closing day against the parties of that day."""
    closing, _ = summit_days()[summit]
    out = tmp_path / "as-of.md"
    result = cli.invoke(app, ["report", "gaps", "--group", summit, "--instrument", "ICSANT", "--as-of",
                              closing.isoformat(), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert f"as of {closing}" in text
    expected = expected_gap(summit, "ICSANT", closing)
    assert f"Of the {expected['members']} States in" in text
    assert f"{len(expected['gap'])} have none" in text
    for iso3, (status, _) in expected["gap"].items():
        assert f"| {iso3} | {status} |" in text
    html = write_report(loaded_db, [summit], ["ICSANT"], tmp_path / "as-of.html", as_of=closing).read_text()
    assert f"as of {closing}" in html and html.count("<svg") >= 2
    bad = cli.invoke(app, ["report", "gaps", "--as-of", "2010-13-01", "-o", str(out)])
    assert bad.exit_code == 2


def test_nice_ticks() -> None:
    assert nice_ticks(0, 127, 6) == [0, 50, 100, 150]
    assert nice_ticks(2006, 2025, 8) == [2005, 2010, 2015, 2020, 2025]
