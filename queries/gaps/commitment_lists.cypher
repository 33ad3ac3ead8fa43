// The commitments tied to an instrument (same rule as gaps/commitments), each with its node
// (for the stated size of its subscriber list) and the number of subscribers the graph knows.
// Parameters: instrument
MATCH (i:LegalInstrument {id: $instrument})
MATCH (c:Commitment)-[:CIRCULATED_AS]-{0,1}(:Commitment)-[:REFERENCES]->{0,1}(:Commitment)
      -[:REFERENCES|SUPPORTS]->(i)
WITH DISTINCT c
RETURN c {.*} AS node, COUNT { (:Entity)-[:SUBSCRIBED_TO]->(c) } AS known_members
ORDER BY c.id
