"""Full-text search over names, short names and aliases, tolerant of typos and of Lucene syntax.

The user's text never reaches Lucene raw: the phrase and every term are escaped, and terms are
lowercased so that AND/OR/NOT stay words. The query is the exact phrase (boosted), each term as
it is, and each term of four letters or more fuzzily (one edit up to five letters, two above),
so "Contct Group" still finds the Contact Group.
"""

import re
from typing import Literal

from graph.driver import GraphDatabaseClient
from graph.model import KIND_TO_LABEL
from graph.schema import FULLTEXT_INDEX
from queries.models import SearchHit, SearchResults
from queries.registry import read

LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
PHRASE_BOOST = 4
TERM_BOOST = 2
MAX_TERMS = 12
Kind = Literal[tuple(KIND_TO_LABEL)]  # type: ignore[valid-type]


def escape_lucene(text: str) -> str:
    """Backslash before every character the Lucene query parser treats as syntax."""
    return LUCENE_SPECIAL.sub(r"\\\1", text)


def fuzziness(term: str) -> int:
    """Edits allowed for a term: none for short ones (they would match everything), then one, then two."""
    return 0 if len(term) < 4 else 1 if len(term) <= 5 else 2


def lucene_query(text: str) -> str:
    """The exact phrase boosted, OR each term, OR each term fuzzily; all escaped."""
    phrase = " ".join(text.split())
    terms = list(dict.fromkeys(term.lower() for term in re.findall(r"\w+", phrase)))[:MAX_TERMS]
    clauses = [f'"{escape_lucene(phrase)}"^{PHRASE_BOOST}']
    for term in terms:
        escaped = escape_lucene(term)
        clauses.append(f"{escaped}^{TERM_BOOST}")
        if edits := fuzziness(term):
            clauses.append(f"{escaped}~{edits}")
    return " OR ".join(clauses)


def search_entities(db: GraphDatabaseClient, q: str, kind: str | None = None, limit: int = 20) -> SearchResults:
    """Best match first: exact names and aliases, then the phrase, then terms, then fuzzy terms."""
    lucene = lucene_query(q)
    label = str(KIND_TO_LABEL[kind]) if kind else None
    rows = read(db, "search/entities", index=FULLTEXT_INDEX, lucene=lucene, text=q, label=label, limit=limit)
    hits = [SearchHit(**row["node"], score=row["score"], exact=row["exact"]) for row in rows]
    return SearchResults(query=q, kind=kind, lucene=lucene, data=hits, count=len(hits))
