// Parties to one instrument (`base`) and where each stands towards another (`target`): e.g. CPPNM
// parties and the 2005 Amendment. Every base party comes back with the standing on `as_of` of its
// base party fact, its target party fact and its target signature (counts | after | imprecise |
// undated, null for no such fact; with `as_of` null every fact counts), so the caller keeps those
// with no target party fact on the day and names what could not be placed. Historical predecessor
// States are returned flagged, so the caller can leave them out and say so.
// Parameters: base, target, as_of, timed
MATCH (b:LegalInstrument {id: $base}), (t:LegalInstrument {id: $target})
MATCH (p:Entity)-[r:PARTY_TO]->(b)
OPTIONAL MATCH (p)-[tp:PARTY_TO]->(t)
OPTIONAL MATCH (p)-[sg:SIGNED]->(t)
WITH p, r, tp, sg, [x IN [r, tp, sg] |
     CASE WHEN x IS NULL THEN null
          WHEN $as_of IS NULL OR x.date_latest <= $as_of THEN 'counts'
          WHEN x.date_latest IS NULL THEN CASE WHEN type(x) IN $timed THEN 'undated' ELSE 'counts' END
          WHEN x.date_earliest <= $as_of THEN 'imprecise'
          ELSE 'after' END] AS standing
RETURN p {.id, .kind, .name, .un_region, .un_subregion, .historical} AS state,
       r.since AS consent_date,
       r.via AS consent_kind,
       r.confidence AS confidence,
       coalesce(r.sources, []) AS sources,
       standing[0] AS base_standing,
       tp.since AS target_date,
       standing[1] AS target_standing,
       sg.date AS signature_date,
       standing[2] AS signature_standing
ORDER BY p.name
