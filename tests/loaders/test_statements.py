"""The joint-statement parser against the real 2016 seed and short fixtures for each layout."""

import datetime
from pathlib import Path

import pytest

from graph.errors import LoadError, NSGraphError
from loaders.statement_loader import statement_catalog
from loaders.statements import (
    ParsedStatement,
    StatementCatalog,
    StatementParseError,
    parse_statement,
    resolve_state_name,
)
from tests.conftest import SHARED_DIR, needs_shared, require_shared

SEED = SHARED_DIR / "seeds" / "joint-statement-2016-04-01-sustaining-action.txt"
FIXTURES = Path(__file__).parents[1] / "fixtures" / "statements"

# Read by hand from the seed's participant sentence, in its order.
SEED_STATES = [
    "ARG", "ARM", "AUS", "BEL", "CAN", "CHL", "CHN", "CZE", "DNK", "FIN",
    "FRA", "GEO", "DEU", "HUN", "IND", "ITA", "JPN", "JOR", "KAZ", "LTU",
    "MEX", "MAR", "NLD", "NZL", "NGA", "NOR", "KOR", "ROU", "POL", "SGP",
    "ESP", "SWE", "CHE", "THA", "UKR", "ARE", "GBR", "USA", "VNM",
]  # fmt: skip


@pytest.fixture(scope="module")
def catalog() -> StatementCatalog:
    """The parser's tables from the shipped catalog (data/catalog.yaml), as the loader builds them."""
    return statement_catalog()


@pytest.fixture(scope="module")
def seed(catalog: StatementCatalog) -> ParsedStatement:
    return parse_statement(require_shared(SEED).read_text(encoding="utf-8"), catalog)


def parse_fixture(name: str, catalog: StatementCatalog) -> ParsedStatement:
    return parse_statement((FIXTURES / name).read_text(encoding="utf-8"), catalog)


@needs_shared(SEED)
def test_seed_header(seed: ParsedStatement) -> None:
    assert seed.title == "Joint Statement on Sustaining Action To Strengthen Global Nuclear Security"
    assert seed.date == datetime.date(2016, 4, 1)
    assert seed.document_number == "DCPD201600210"


@needs_shared(SEED)
def test_seed_participants(seed: ParsedStatement) -> None:
    assert len(SEED_STATES) == 39
    assert seed.states == SEED_STATES
    assert seed.organizations == ["INTERPOL", "UN"]
    assert seed.unknown_names == []


@needs_shared(SEED)
def test_seed_pledges_and_tasks(seed: ParsedStatement) -> None:
    assert seed.pledges == [
        "Establish a Nuclear Security Contact Group",
        "Designate an appropriately authorized and informed senior official or officials to participate "
        "in the Contact Group",
    ]
    assert len(seed.tasks) == 5
    assert seed.tasks[0].startswith("Convening annually on the margins of the General Conference")
    assert seed.tasks[0].endswith("in connection with other related meetings")
    assert seed.tasks[3] == "Developing and maintaining linkages to nongovernmental experts and nuclear industry"
    assert seed.tasks[4] == "Determining any additional steps that may be appropriate to support these goals"
    assert seed.establishes == ["NSCG"]


@needs_shared(SEED)
def test_seed_references(seed: ParsedStatement) -> None:
    expected = {
        "COMMUNIQUE_2010", "COMMUNIQUE_2012", "COMMUNIQUE_2014", "COMMUNIQUE_2016", "WORK_PLAN_2010",
        "ACTION_PLAN_2016_UN", "ACTION_PLAN_2016_IAEA", "ACTION_PLAN_2016_INTERPOL",
        "ACTION_PLAN_2016_GICNT", "ACTION_PLAN_2016_GP", "NATIONAL_COMMITMENTS_2010", "IAEA",
        "NSS_PROCESS", "NSS_2016",
    }  # fmt: skip
    assert set(seed.references) == expected
    assert len(seed.references) == len(expected)
    # Participants and the body it establishes are not counted again as references.
    assert not {"UN", "INTERPOL", "NSCG"} & set(seed.references)


@needs_shared(SEED)
def test_seed_metadata_and_topics(seed: ParsedStatement) -> None:
    assert seed.categories == [
        "Joint Statements : Nuclear Security Summit leaders :: Global nuclear security, strengthening efforts"
    ]
    assert seed.subjects == [
        "Arms and munitions : Nuclear weapons and material :: Nuclear Security Summit",
        "Arms and munitions : Nuclear weapons and material :: Security",
        "Atomic Energy Agency, International (IAEA)",
    ]
    assert "TOPIC_SUSTAINING_SUMMIT_PROCESS" in seed.topics
    assert "TOPIC_INSIDER_THREATS" not in seed.topics


def test_governments_layout_with_official_names_and_numbered_items(catalog: StatementCatalog) -> None:
    parsed = parse_fixture("governments_numbered.txt", catalog)
    assert parsed.date == datetime.date(2014, 3, 12)
    assert parsed.states == ["GBR", "NLD", "KOR", "VNM", "TTO"]
    assert parsed.organizations == ["EU", "INTERPOL"]
    assert parsed.pledges == [
        "Share good practices on transport security with the IAEA",
        "Conduct a joint exercise before the 2016 Nuclear Security Summit",
        "Report on progress in the Washington Work Plan format",
    ]
    assert parsed.tasks == []
    assert parsed.document_number is None
    assert parsed.subjects == ["Nuclear material : Transport", "Atomic Energy Agency, International (IAEA)"]
    assert parsed.topics == ["TOPIC_TRANSPORT_SECURITY"]


def test_title_layout_with_bullets(catalog: StatementCatalog) -> None:
    parsed = parse_fixture("title_by.txt", catalog)
    assert parsed.title.startswith("Joint Statement by Canada")
    assert parsed.date == datetime.date(2016, 4, 1)
    assert parsed.document_number == "DCPD201600999"
    assert parsed.states == ["CAN", "MEX", "USA"]
    assert parsed.pledges == [
        "Strengthen cooperation against illicit trafficking of nuclear material",
        "Support the 2016 Action Plans",
        "Exchange information on nuclear forensics",
    ]
    assert parsed.references[0] == "WORK_PLAN_2010"
    assert {reference for reference in parsed.references if reference.startswith("ACTION_PLAN_2016_")} == {
        "ACTION_PLAN_2016_UN", "ACTION_PLAN_2016_IAEA", "ACTION_PLAN_2016_INTERPOL",
        "ACTION_PLAN_2016_GICNT", "ACTION_PLAN_2016_GP",
    }  # fmt: skip
    assert "TOPIC_COUNTER_SMUGGLING" in parsed.topics


def test_we_the_leaders_layout_with_lettered_items(catalog: StatementCatalog) -> None:
    parsed = parse_fixture("we_the_leaders.txt", catalog)
    assert parsed.states == ["NOR", "KOR", "CZE", "KAZ"]
    assert parsed.pledges == [
        "Minimise the use of highly enriched uranium in civilian applications",
        "Report on progress through national reporting",
    ]
    assert "TOPIC_HEU_PU_MINIMIZATION" in parsed.topics


def test_leaders_layout_ending_in_a_verb(catalog: StatementCatalog) -> None:
    parsed = parse_fixture("leaders_welcome.txt", catalog)
    assert parsed.date == datetime.date(2016, 3, 31)
    assert parsed.states == ["JPN", "ARE", "GEO"]
    assert parsed.organizations == []
    assert parsed.pledges == ["Apply a security culture programme", "Promote peer review through IPPAS"]
    assert parsed.references == ["IAEA", "IPPAS"]


@pytest.mark.parametrize(
    "names",
    [
        "Chile, the Republic of Korea, and Mexico",
        "Chile, the Republic of Korea and Mexico",
        "Chile, Republic of Korea,  and\nMexico",
    ],
)
def test_oxford_comma_is_optional(names: str, catalog: StatementCatalog) -> None:
    parsed = parse_statement(f"Statement\n\nThe Governments of {names} commit to:\n\n- Act.\n", catalog)
    assert parsed.states == ["CHL", "KOR", "MEX"]
    assert parsed.pledges == ["Act"]


def test_organization_names_with_lowercase_words_and_and(catalog: StatementCatalog) -> None:
    text = (
        "Statement\n\nThe Governments of The Netherlands, Bosnia and Herzegovina and the following "
        "organizations: the United Nations Office on Drugs and Crime and the World Institute for Nuclear "
        "Security, commit to sharing good practices.\n"
    )
    parsed = parse_statement(text, catalog)
    assert parsed.states == ["NLD", "BIH"]
    assert parsed.organizations == ["UNODC", "WINS"]
    assert parsed.unknown_names == []


def test_unknown_names_are_reported(catalog: StatementCatalog) -> None:
    parsed = parse_fixture("unknown_participant.txt", catalog)
    assert parsed.states == ["JPN"]
    assert parsed.unknown_names == ["Freedonia", "Sylvania", "Freedonian Nuclear Security Council"]
    assert parsed.establishes == ["NSCG"]


@pytest.mark.parametrize(
    "text",
    [
        (FIXTURES / "no_participants.txt").read_text(encoding="utf-8"),
        "Statement\n\nThe Governments of the world commit to peace.",
        "\n\n  \n",
    ],
)
def test_missing_participant_list_is_an_error(text: str, catalog: StatementCatalog) -> None:
    with pytest.raises(StatementParseError) as raised:
        parse_statement(text, catalog)
    assert isinstance(raised.value, NSGraphError)


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Republic of Korea", "KOR"),
        ("Korea", "KOR"),
        ("the Republic of Korea", "KOR"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Vietnam", "VNM"),
        ("Viet Nam", "VNM"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("United States of America", "USA"),
        ("United States", "USA"),
        ("Czech Republic", "CZE"),
        (" The Netherlands ", "NLD"),
        ("Kingdom of the Netherlands", "NLD"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("UAE", "ARE"),
    ],
)
def test_resolve_state_name(name: str, iso3: str) -> None:
    assert resolve_state_name(name) == iso3


@pytest.mark.parametrize("name", ["Freedonia", "United Nations", "the", "", "Japan and Chile"])
def test_resolve_state_name_unknown(name: str) -> None:
    assert resolve_state_name(name) is None


def test_catalog_resolves_only_to_ids_it_holds(tmp_path: Path) -> None:
    entities = tmp_path / "entities.csv"
    entities.write_text(
        "id,kind,subkind,name,short_name,aliases\n"
        "COMMUNIQUE_2010,commitment,communique,Communiqué of the Washington Nuclear Security Summit,,\n"
        "ICPO,organization,intergovernmental,International Criminal Police Organization,INTERPOL,\n"
        "TOPIC_SECURITY_CULTURE,topic,theme,Nuclear security culture,,\n",
        encoding="utf-8",
    )
    catalog = StatementCatalog.from_entities_csv(entities)
    parsed = parse_statement(
        "Statement\n\nThe Governments of Chile and the following international organizations: INTERPOL "
        "commit to the four Nuclear Security Summit Communiqués, the 2016 Action Plans and security culture.",
        catalog,
    )
    assert parsed.organizations == ["ICPO"]
    assert parsed.references == ["COMMUNIQUE_2010"]
    assert parsed.topics == ["TOPIC_SECURITY_CULTURE"]


def test_catalog_without_required_column_names_it(tmp_path: Path) -> None:
    entities = tmp_path / "entities.csv"
    entities.write_text("id,kind,name\nUN,organization,United Nations\n", encoding="utf-8")
    with pytest.raises(LoadError, match="short_name"):
        StatementCatalog.from_entities_csv(entities)


@pytest.mark.parametrize(
    ("title", "states", "unknown"),
    [
        (
            "Joint Statement by Saint Vincent and the Grenadines, São Tomé and Príncipe, Antigua and Barbuda "
            "and the United Kingdom of Great Britain and Northern Ireland on Sources",
            ["VCT", "STP", "ATG", "GBR"],
            [],
        ),
        ("Joint Statement by Freedonia and Japan on Sources", ["JPN"], ["Freedonia"]),
        ("Joint Statement by the Leaders of Côte d'Ivoire and the U.S. on Sources", ["CIV", "USA"], []),
    ],
)
def test_and_inside_names_is_kept_only_for_known_names(
    title: str, states: list[str], unknown: list[str], catalog: StatementCatalog
) -> None:
    parsed = parse_statement(title, catalog)
    assert (parsed.states, parsed.unknown_names) == (states, unknown)
