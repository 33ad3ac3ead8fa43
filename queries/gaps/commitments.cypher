// States that subscribed to a commitment tied to an instrument but have no party fact for it.
// A commitment is tied when it REFERENCES or SUPPORTS the instrument directly, or references a
// commitment that does; an INFCIRC and the statement it circulates (CIRCULATED_AS, either
// direction) count as one document. `chain` is the shortest such path of ids.
// Parameters: instrument
MATCH (i:LegalInstrument {id: $instrument})
MATCH path = (c:Commitment)-[:CIRCULATED_AS]-{0,1}(:Commitment)-[:REFERENCES]->{0,1}(:Commitment)
             -[:REFERENCES|SUPPORTS]->(i)
WITH i, c, min(length(path)) AS hops, collect(path) AS paths
WITH i, c, [p IN paths WHERE length(p) = hops][0] AS path
MATCH (s:State)-[sub:SUBSCRIBED_TO]->(c)
WHERE NOT EXISTS { (s)-[:PARTY_TO]->(i) }
OPTIONAL MATCH (s)-[sg:SIGNED]->(i)
RETURN s {.id, .kind, .name, .un_region, .un_subregion} AS state,
       c {.id, .kind, .subkind, .name, .short_name, .date} AS commitment,
       [n IN nodes(path) | n.id] AS chain,
       [r IN relationships(path) | type(r)] AS chain_types,
       sub.date AS committed,
       sub.confidence AS confidence,
       coalesce(sub.sources, []) AS sources,
       sg.date AS signature_date,
       sg IS NOT NULL AS signed
ORDER BY s.name, c.id
