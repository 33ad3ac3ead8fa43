// Every State that subscribed to a commitment tied to an instrument, with where its subscription,
// party fact and signature stand on `as_of` (counts | after | imprecise | undated, null for no
// such fact; with `as_of` null every fact counts), so the caller keeps the subscribers with no
// party fact on the day. A commitment is tied when it REFERENCES or SUPPORTS the instrument
// directly, or references a commitment that does; an INFCIRC and the statement it circulates
// (CIRCULATED_AS, either direction) count as one document. `chain` is the shortest such path of
// ids; a commitment dated after `as_of` (or whose year or month straddles it) is not there yet,
// and dated links of the chain follow the same rule.
// Parameters: instrument, as_of, timed
MATCH (i:LegalInstrument {id: $instrument})
MATCH path = (c:Commitment)-[:CIRCULATED_AS]-{0,1}(:Commitment)-[:REFERENCES]->{0,1}(:Commitment)
             -[:REFERENCES|SUPPORTS]->(i)
WHERE all(n IN nodes(path) WHERE $as_of IS NULL OR n.date_latest IS NULL OR n.date_latest <= $as_of)
  AND all(r IN relationships(path) WHERE $as_of IS NULL OR r.date_latest IS NULL OR r.date_latest <= $as_of)
WITH i, c, min(length(path)) AS hops, collect(path) AS paths
WITH i, c, [p IN paths WHERE length(p) = hops][0] AS path
MATCH (s:State)-[sub:SUBSCRIBED_TO]->(c)
OPTIONAL MATCH (s)-[p:PARTY_TO]->(i)
OPTIONAL MATCH (s)-[sg:SIGNED]->(i)
WITH s, c, path, sub, p, sg, [x IN [sub, p, sg] |
     CASE WHEN x IS NULL THEN null
          WHEN $as_of IS NULL OR x.date_latest <= $as_of THEN 'counts'
          WHEN x.date_latest IS NULL THEN CASE WHEN type(x) IN $timed THEN 'undated' ELSE 'counts' END
          WHEN x.date_earliest <= $as_of THEN 'imprecise'
          ELSE 'after' END] AS standing
RETURN s {.id, .kind, .name, .un_region, .un_subregion} AS state,
       c {.id, .kind, .subkind, .name, .short_name, .date} AS commitment,
       [n IN nodes(path) | n.id] AS chain,
       [r IN relationships(path) | type(r)] AS chain_types,
       sub.date AS committed,
       standing[0] AS subscription_standing,
       sub.confidence AS confidence,
       coalesce(sub.sources, []) AS sources,
       p.since AS consent_date,
       standing[1] AS party_standing,
       sg.date AS signature_date,
       standing[2] AS signature_standing
ORDER BY s.name, c.id
