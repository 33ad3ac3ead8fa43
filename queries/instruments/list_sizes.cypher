// The sizes of an instrument's lists as the graph knows them: parties, parties with a consent
// date (only those can be placed in time), and signatories. Former States (USSR, Yugoslavia, ...)
// are left out of the counts: their successors are counted, and a stated total counts those.
// Parameters: id
MATCH (i:LegalInstrument {id: $id})
RETURN COUNT { (p:Entity)-[:PARTY_TO]->(i) WHERE NOT coalesce(p.historical, false) } AS parties,
       COUNT { (p:Entity)-[r:PARTY_TO]->(i) WHERE r.since IS NOT NULL AND NOT coalesce(p.historical, false) }
         AS dated_parties,
       COUNT { (p:Entity)-[:SIGNED]->(i) WHERE NOT coalesce(p.historical, false) } AS signatories
