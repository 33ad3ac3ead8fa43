// The lists whose completeness can be audited, each with how many entries the graph knows and the
// stated total (from coverage.yaml) with its sources, as-of date and note: every legal instrument's
// parties and signatories (instruments with neither a fact nor a stated count are left out; former
// States such as the USSR are not counted beside their successors), and
// the members of every node with a stated members count (MEMBER_OF, SUBSCRIBED_TO, PARTICIPATED_IN), and
// the States committed to every node with a stated committed count (COMMITTED_TO: a non-binding code).
// Node properties are read through properties(n): a graph without coverage is no warning.
// Parameters: (none)
CALL () {
  MATCH (i:LegalInstrument)
  WITH i, properties(i) AS p,
       COUNT { (x:Entity)-[:PARTY_TO]->(i) WHERE NOT coalesce(x.historical, false) } AS parties,
       COUNT { (x:Entity)-[:SIGNED]->(i) WHERE NOT coalesce(x.historical, false) } AS signatories
  WHERE parties + signatories > 0 OR p.stated_parties_count IS NOT NULL OR p.stated_signatories_count IS NOT NULL
  UNWIND [
    {list: 'parties', known: parties, stated: p.stated_parties_count, sources: p.stated_parties_sources,
     as_of: p.stated_parties_as_of, note: p.stated_parties_note},
    {list: 'signatories', known: signatories, stated: p.stated_signatories_count,
     sources: p.stated_signatories_sources, as_of: p.stated_signatories_as_of, note: p.stated_signatories_note}
  ] AS l
  RETURN i AS node, l, 0 AS rank
  UNION ALL
  MATCH (g:Entity)
  WITH g, properties(g) AS p
  WHERE p.stated_members_count IS NOT NULL
  RETURN g AS node,
         {list: 'members', known: COUNT { (:Entity)-[:MEMBER_OF|SUBSCRIBED_TO|PARTICIPATED_IN]->(g) },
          stated: p.stated_members_count, sources: p.stated_members_sources, as_of: p.stated_members_as_of,
          note: p.stated_members_note} AS l, 1 AS rank
  UNION ALL
  MATCH (g:Entity)
  WITH g, properties(g) AS p
  WHERE p.stated_committed_count IS NOT NULL
  RETURN g AS node,
         {list: 'committed', known: COUNT { (:Entity)-[:COMMITTED_TO]->(g) },
          stated: p.stated_committed_count, sources: p.stated_committed_sources, as_of: p.stated_committed_as_of,
          note: p.stated_committed_note} AS l, 2 AS rank
}
RETURN node {.id, .kind, .name, .short_name} AS of, l.list AS list, l.known AS known, l.stated AS stated,
       coalesce(l.sources, []) AS stated_sources, l.as_of AS stated_as_of, l.note AS note
ORDER BY rank, of.id, list
