// Every commitment with its date and issuing event, to count commitments per year.
// Parameters: none
MATCH (c:Commitment)
OPTIONAL MATCH (c)-[:ISSUED_AT]->(e:Event)
RETURN c.id AS commitment, c.date AS date, e.id AS event, e.date AS event_date
ORDER BY c.id
