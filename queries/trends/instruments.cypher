// Every legal instrument with how many party facts the graph holds: the choices an adherence chart
// page offers when it is asked for no instrument, or for one it does not know.
// Parameters: none
MATCH (i:LegalInstrument)
RETURN i.id AS id, i.name AS name, i.short_name AS short_name, COUNT { ()-[:PARTY_TO]->(i) } AS parties
ORDER BY parties DESC, id
