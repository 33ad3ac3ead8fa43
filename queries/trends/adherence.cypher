// Every party to an instrument with its consent date and kind, its signature date (if any),
// its UN region and sub-region and whether it is a historical predecessor State; the sources of
// both facts come along. Undated consents are returned too, so the caller can count them.
// Parameters: instrument
MATCH (i:LegalInstrument {id: $instrument})
MATCH (p:Entity)-[r:PARTY_TO]->(i)
OPTIONAL MATCH (p)-[sg:SIGNED]->(i)
RETURN p {.id, .kind, .name, .un_region, .un_subregion, .historical} AS party,
       r.since AS consent_date,
       r.via AS consent_kind,
       r.confidence AS confidence,
       coalesce(r.sources, []) AS sources,
       r.as_of AS as_of,
       sg.date AS signature_date,
       coalesce(sg.sources, []) AS signature_sources
ORDER BY p.name
