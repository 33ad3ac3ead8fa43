"""Search against the real index: names, acronyms, aliases and typos find the right node first,
and no Lucene syntax in the input ever reaches the parser raw."""

import pytest
from fastapi.testclient import TestClient

from queries.search import escape_lucene, lucene_query

URL = "/api/v1/search"


@pytest.mark.parametrize(("q", "expected"), [
    ("CPPNM", "CPPNM"),
    ("A/CPPNM", "A_CPPNM"),
    ("Nuclear Terrorism Convention", "ICSANT"),
    ("nuclear terrorism convention", "ICSANT"),
    ("Contact Group", "NSCG"),
    ("Contct Group", "NSCG"),
    ("(ICSANT", "ICSANT"),
    ("ICSANT", "ICSANT"),
    ("Japn", "JPN"),
    ("JPN", "JPN"),
])
def test_finds_the_right_node_first(client: TestClient, q: str, expected: str) -> None:
    response = client.get(URL, params={"q": q})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["data"], f"nothing found for {q!r}"
    assert body["data"][0]["id"] == expected, [hit["id"] for hit in body["data"][:5]]


def test_ranked_exact_first_then_by_score(client: TestClient) -> None:
    hits = client.get(URL, params={"q": "CPPNM", "limit": 50}).json()["data"]
    ranks = [(not hit["exact"], -hit["score"]) for hit in hits]
    assert ranks == sorted(ranks)
    assert {"CPPNM", "A_CPPNM"} <= {hit["id"] for hit in hits}


def test_kind_filter_and_limit(client: TestClient) -> None:
    body = client.get(URL, params={"q": "nuclear security", "kind": "initiative", "limit": 3}).json()
    assert 0 < body["count"] <= 3
    assert {hit["kind"] for hit in body["data"]} == {"initiative"}


@pytest.mark.parametrize("q", ["A/CPPNM", "(ICSANT", "*", "\\", '"', "~", "AND", "OR NOT", "a:b", "[x TO y]", "{",
                               "&&", "||", "!", "^2", "?", "/", "-", "+", "ICSANT~", 'foo" OR "bar', "\\\"", "x" * 200])
def test_lucene_syntax_never_fails(client: TestClient, q: str) -> None:
    response = client.get(URL, params={"q": q})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("q", ["", " ", "\t\n"])
def test_empty_query_is_422(client: TestClient, q: str) -> None:
    response = client.get(URL, params={"q": q})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


def test_missing_query_and_unknown_kind_are_422(client: TestClient) -> None:
    assert client.get(URL).status_code == 422
    assert client.get(URL, params={"q": "x", "kind": "planet"}).status_code == 422


def test_escaping_covers_every_special_character() -> None:
    specials = '+-&|!(){}[]^"~*?:\\/'
    assert escape_lucene(specials) == "".join("\\" + char for char in specials)
    query = lucene_query("A/CPPNM (x")
    assert query.startswith('"A\\/CPPNM \\(x"^')
    assert "cppnm~1" in query
    assert lucene_query("this AND that").split("^4 OR ")[1] == ("this^2 OR this* OR this~1 OR and^2 OR and* OR "
                                                                 "that^2 OR that* OR that~1")
