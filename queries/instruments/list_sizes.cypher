// The sizes of an instrument's lists as the graph knows them: parties, parties with a consent
// date (only those can be placed in time), and signatories.
// Parameters: id
MATCH (i:LegalInstrument {id: $id})
RETURN COUNT { (:Entity)-[:PARTY_TO]->(i) } AS parties,
       COUNT { (:Entity)-[r:PARTY_TO]->(i) WHERE r.since IS NOT NULL } AS dated_parties,
       COUNT { (:Entity)-[:SIGNED]->(i) } AS signatories
