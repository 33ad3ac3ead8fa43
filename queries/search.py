"""Full-text search over names, short names and aliases, tolerant of typos and of Lucene syntax,
with the State name table (`graph.names`) beside Lucene: a State's name, alias or code ranks it
first ("Holland" finds the Netherlands), a country_converter pattern right after, and fuzzy or
partial matches only then, so a typo never outranks another State's exact name.

The user's text never reaches Lucene raw: the phrase and every term are escaped, and terms are
lowercased so that AND/OR/NOT stay words. The query is the exact phrase (boosted), each term as
it is, each term of three letters or more as a prefix (what the search box types), and each term
of four letters or more fuzzily (one edit up to five letters, two above), so "Contct Group"
still finds the Contact Group.
"""

import re
from typing import Literal

from graph.driver import GraphDatabaseClient
from graph.model import KIND_TO_LABEL
from graph.names import Resolution, state_names
from graph.schema import FULLTEXT_INDEX
from queries.models import SearchHit, SearchResults
from queries.registry import read

LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
PHRASE_BOOST = 4
TERM_BOOST = 2
MAX_TERMS = 12
PREFIX_MIN = 3
MATCHES = ("exact", "name pattern", "text")
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
        if len(term) >= PREFIX_MIN:
            clauses.append(f"{escaped}*")
        if edits := fuzziness(term):
            clauses.append(f"{escaped}~{edits}")
    return " OR ".join(clauses)


def state_matches(q: str, kind: str | None = None) -> Resolution:
    """The States the name table reads the query as (none when searching another kind)."""
    if kind not in (None, "state"):
        return Resolution(q, (), "none")
    return state_names().resolve(q)


def search_entities(db: GraphDatabaseClient, q: str, kind: str | None = None, limit: int = 20) -> SearchResults:
    """Best match first: exact names, aliases and codes (the State name table's among them), then
    States named by a pattern, then the phrase, terms, prefixes and fuzzy terms by Lucene score."""
    lucene = lucene_query(q)
    label = str(KIND_TO_LABEL[kind]) if kind else None
    states = state_matches(q, kind)
    by_pattern = states.via in ("pattern", "former")
    named = [] if by_pattern else list(states.ids)
    patterned = list(states.ids) if by_pattern else []
    rows = read(db, "search/entities", index=FULLTEXT_INDEX, lucene=lucene, text=q, label=label, limit=limit,
                named=named, patterned=patterned)
    hits = [SearchHit(**row["node"], score=row["score"], exact=row["exact"], match=MATCHES[row["tier"]])
            for row in rows]
    return SearchResults(query=q, kind=kind, lucene=lucene, data=hits, count=len(hits),
                         states=list(states.ids), states_via=states.via)
