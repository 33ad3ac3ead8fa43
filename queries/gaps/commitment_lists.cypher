// The commitments tied to an instrument (same rule as gaps/commitments, on `as_of`), each with its
// node (for the stated size of its subscriber list), the number of subscribers the graph knows and
// where the commitment's own date stands on the day (counts | after | imprecise; undated counts),
// so the caller keeps those that existed and names those whose year or month straddles the day.
// Parameters: instrument, as_of
MATCH (i:LegalInstrument {id: $instrument})
MATCH path = (c:Commitment)-[:CIRCULATED_AS]-{0,1}(:Commitment)-[:REFERENCES]->{0,1}(:Commitment)
             -[:REFERENCES|SUPPORTS]->(i)
WHERE all(n IN nodes(path)[1..] WHERE $as_of IS NULL OR n.date_latest IS NULL OR n.date_latest <= $as_of)
  AND all(r IN relationships(path) WHERE $as_of IS NULL OR r.date_latest IS NULL OR r.date_latest <= $as_of)
WITH DISTINCT c
RETURN c {.*} AS node, COUNT { (:Entity)-[:SUBSCRIBED_TO]->(c) } AS known_members,
       CASE WHEN $as_of IS NULL OR c.date_latest IS NULL OR c.date_latest <= $as_of THEN 'counts'
            WHEN c.date_earliest <= $as_of THEN 'imprecise'
            ELSE 'after' END AS standing
ORDER BY c.id
