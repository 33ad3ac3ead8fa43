// Parties to one instrument (`base`) with no party fact for another (`target`): e.g. CPPNM
// parties that have not (as far as the graph knows) adhered to its 2005 Amendment. Historical
// predecessor States are returned flagged, so the caller can leave them out and say so.
// Parameters: base, target
MATCH (b:LegalInstrument {id: $base}), (t:LegalInstrument {id: $target})
MATCH (p:Entity)-[r:PARTY_TO]->(b)
WHERE NOT EXISTS { (p)-[:PARTY_TO]->(t) }
OPTIONAL MATCH (p)-[sg:SIGNED]->(t)
RETURN p {.id, .kind, .name, .un_region, .un_subregion, .historical} AS state,
       r.since AS consent_date,
       r.via AS consent_kind,
       r.confidence AS confidence,
       coalesce(r.sources, []) AS sources,
       sg.date AS signature_date
ORDER BY p.name
