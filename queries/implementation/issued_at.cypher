// The commitments issued at an event or at an event that is PART_OF it (a summit's industry and
// expert side events), with the event each was issued at.
// Parameters: event
MATCH (e:Event {id: $event})
MATCH (c:Commitment)-[:ISSUED_AT]->(x:Event)
WHERE x = e OR (x)-[:PART_OF]->(e)
RETURN c {.id, .kind, .subkind, .name, .short_name, .date} AS commitment, x.id AS issued_at
ORDER BY c.id
