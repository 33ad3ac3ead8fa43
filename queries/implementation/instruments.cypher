// Every legal instrument with the number of party facts on record: only instruments that are
// joined by consent (some PARTY_TO fact exists) can be assessed for implementation.
// Parameters: none
MATCH (i:LegalInstrument)
RETURN i {.*} AS node, COUNT { (:Entity)-[:PARTY_TO]->(i) } AS parties
ORDER BY i.id
