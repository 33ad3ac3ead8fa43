"""The statement corpus: documents written for the tests in every layout the field publishes, each
listing the real participants of a group of the project's own data (data/memberships.csv).

Each `<name>.txt` has a `<name>.yaml` naming, per participant list in order, the group whose members
it lists and the role its wording gives them; the expected States and organizations are computed
from memberships.csv here, never typed in. A name form that the State-name resolution does not know
yet is named under `missing_aliases` and the case is a strict xfail until the alias table has it.
"""

import csv
import random
import re
import textwrap
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from loaders.countries import converter, name_to_iso3
from loaders.participants import resolve_name
from loaders.reading import read_yaml
from loaders.statement_loader import statement_catalog
from loaders.statements import ParsedStatement, StatementCatalog, parse_statement

CORPUS = Path(__file__).parents[1] / "fixtures" / "statements" / "corpus"
DOCUMENTS = sorted(path.stem for path in CORPUS.glob("*.txt"))


@cache
def catalog() -> StatementCatalog:
    return statement_catalog()


MEMBERSHIPS = CORPUS / "memberships-revision-2.csv"
"""data/memberships.csv as it stood (second revision of the compiled facts) when the corpus was written from it:
a document lists its participants of its day, and later revisions add subscribers no text of the corpus names."""


@cache
def memberships() -> tuple[dict[str, str], ...]:
    with MEMBERSHIPS.open(newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def members(group: str, kind: str) -> set[str]:
    return {row["member_id"] for row in memberships() if row["group_id"] == group and row["member_kind"] == kind}


def expected_lists(name: str) -> list[tuple[str, set[str], set[str]]]:
    """(role, States, organizations) per list of the document, from its YAML and memberships.csv."""
    spec = read_yaml(CORPUS / f"{name}.yaml")
    expected = []
    for item in spec["lists"]:
        states = members(item["group"], "state") if item["members"] in ("all", "states") else set()
        organizations = members(item["group"], "organization") if item["members"] in ("all", "organizations") else set()
        assert states or organizations, f"{name}: group {item['group']} has no {item['members']} in memberships.csv"
        expected.append((item["role"], states, organizations))
    return expected


def xfail_missing_aliases(name: str) -> None:
    """Strict xfail for a name form the State-name resolution cannot read yet (turns green with the alias table)."""
    missing: dict[str, Any] = read_yaml(CORPUS / f"{name}.yaml").get("missing_aliases") or {}
    unknown = {written: iso3 for written, iso3 in missing.items()
               if not written.startswith("__") and name_to_iso3(written) != iso3}
    if unknown:
        pytest.xfail(f"alias missing from the State-name table: {unknown}")


def answer(parsed: ParsedStatement) -> list[tuple[str, set[str], set[str]]]:
    return [(found.role, set(found.states), set(found.organizations)) for found in parsed.participant_lists]


def test_corpus_is_large_enough() -> None:
    assert len(DOCUMENTS) >= 30
    assert all((CORPUS / f"{name}.yaml").is_file() for name in DOCUMENTS)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_corpus_document_parses_exactly(name: str) -> None:
    xfail_missing_aliases(name)
    parsed = parse_statement((CORPUS / f"{name}.txt").read_text(encoding="utf-8"), catalog())
    assert parsed.unmatched == []
    assert answer(parsed) == expected_lists(name)
    assert set(parsed.states) == set().union(*(states for _, states, _ in expected_lists(name)))
    assert len(parsed.states) == len(set(parsed.states))


# --- generated variations ---------------------------------------------------------------------------

VARIED_GROUPS = ("JS2016_SUSTAINING_ACTION", "INFCIRC_908", "NSS_2016", "GICNT", "JS2014_RADSEC")


def written_forms(iso3: str) -> list[str]:
    """The library's own short and official names of a State, with and without "the"."""
    row = converter().data.set_index("ISO3").loc[iso3]
    forms = [str(row["name_short"]), str(row["name_official"])]
    return [*forms, *(f"the {form}" for form in forms if form.split()[0] in ("Republic", "Kingdom", "United"))]


ORGANIZATION_FORMS = {"INTERPOL": ["INTERPOL", "the International Criminal Police Organization"],
                      "UN": ["the United Nations", "United Nations"], "EU": ["the European Union", "EU"],
                      "IAEA": ["the International Atomic Energy Agency", "IAEA"],
                      "UNODC": ["the United Nations Office on Drugs and Crime"], "UNICRI": ["UNICRI"]}


def variation(group: str, seed: int) -> str:
    """A statement listing the group's members in a shuffled order, names in varied forms, the
    list joined with varied commas and "and", and its lines re-wrapped at a random width."""
    chance = random.Random(seed)
    states = [chance.choice(written_forms(iso3)) for iso3 in sorted(members(group, "state"))]
    organizations = [chance.choice(ORGANIZATION_FORMS[org]) for org in sorted(members(group, "organization"))]
    chance.shuffle(states)
    chance.shuffle(organizations)
    names = states + organizations
    separator = chance.choice([", ", " ,", " , "])
    last = chance.choice([", and ", " and ", ",\nand "])
    listed = separator.join(names[:-1]) + last + names[-1]
    lead = chance.choice(["The Governments of ", "We, the leaders of ", "This statement records the intent of "])
    sentence = f"{lead}{listed}, commit to strengthening nuclear security."
    width = chance.randint(24, 90)
    return "Joint Statement on Nuclear Security\nApril 1, 2016\n\n" + textwrap.fill(
        sentence, width, break_long_words=False, break_on_hyphens=False) + "\n"


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("group", VARIED_GROUPS)
def test_generated_variations_parse_exactly(group: str, seed: int) -> None:
    text = variation(group, seed)
    parsed = parse_statement(text, catalog())
    assert parsed.unmatched == [], text
    assert (set(parsed.states), set(parsed.organizations)) == (members(group, "state"), members(group, "organization"))


def shuffle_columns(text: str, seed: int) -> str:
    """The text with each run of lines that are one participant each (a column) in a shuffled order."""
    marker = re.compile(r"^\s*(?:[-•]|\d+\.)?\s*")
    organizations = catalog().organizations
    lines = text.splitlines(keepends=True)
    is_name = [bool(line.strip()) and resolve_name(marker.sub("", line).rstrip(";.\n"), organizations).kind
               != "unmatched" for line in lines]
    shuffled: list[str] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and is_name[end]:
            end += 1
        run = lines[index:end] if end > index else [lines[index]]
        shuffled += random.Random(seed).sample(run, len(run)) if len(run) > 1 else run
        index = max(end, index + 1)
    return "".join(shuffled)


@pytest.mark.parametrize("name", ["annex_column", "annex_bullets", "annex_numbered_iaea_forms"])
def test_columns_shuffled(name: str) -> None:
    """A column keeps every name whatever the order of its lines."""
    shuffled = shuffle_columns((CORPUS / f"{name}.txt").read_text(encoding="utf-8"), seed=7)
    assert shuffled != (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    assert answer(parse_statement(shuffled, catalog())) == expected_lists(name)
