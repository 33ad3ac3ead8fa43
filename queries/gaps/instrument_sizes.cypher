// The sizes of an instrument's lists for its completeness figures: parties and signatories the
// graph knows, former States (USSR, Yugoslavia, ...) counted apart (their successors are counted,
// and a stated total counts those).
// Parameters: id
MATCH (i:LegalInstrument {id: $id})
OPTIONAL MATCH (x:Entity)-[r:PARTY_TO|SIGNED]->(i)
RETURN count(CASE WHEN type(r) = 'PARTY_TO' AND NOT coalesce(x.historical, false) THEN 1 END) AS parties,
       count(CASE WHEN type(r) = 'PARTY_TO' AND coalesce(x.historical, false) THEN 1 END) AS historical,
       count(CASE WHEN type(r) = 'SIGNED' AND NOT coalesce(x.historical, false) THEN 1 END) AS signatories
