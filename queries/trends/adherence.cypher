// Every party to an instrument with its consent date and kind, its signature date (if any), where
// both facts stand on `as_of` (counts | after | imprecise | undated, null for no signature; with
// `as_of` null every fact counts), its UN region and sub-region and whether it is a historical
// predecessor State; the sources of both facts come along. Undated consents are returned too, so
// the caller can count them.
// Parameters: instrument, as_of, timed
MATCH (i:LegalInstrument {id: $instrument})
MATCH (p:Entity)-[r:PARTY_TO]->(i)
OPTIONAL MATCH (p)-[sg:SIGNED]->(i)
WITH p, r, sg, [x IN [r, sg] |
     CASE WHEN x IS NULL THEN null
          WHEN $as_of IS NULL OR x.date_latest <= $as_of THEN 'counts'
          WHEN x.date_latest IS NULL THEN CASE WHEN type(x) IN $timed THEN 'undated' ELSE 'counts' END
          WHEN x.date_earliest <= $as_of THEN 'imprecise'
          ELSE 'after' END] AS standing
RETURN p {.id, .kind, .name, .un_region, .un_subregion, .historical} AS party,
       r.since AS consent_date,
       standing[0] AS consent_standing,
       r.via AS consent_kind,
       r.confidence AS confidence,
       coalesce(r.sources, []) AS sources,
       r.as_of AS as_of,
       sg.date AS signature_date,
       standing[1] AS signature_standing,
       coalesce(sg.sources, []) AS signature_sources
ORDER BY p.name
