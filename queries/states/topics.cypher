// The topics a State's commitments address, with how many (and which) of the commitments it
// subscribed to address each: a rough map of what the State has signed up to work on.
// Parameters: id
MATCH (s:State {id: $id})-[:SUBSCRIBED_TO]->(c:Commitment)-[:ADDRESSES]->(t:Topic)
WITH t, collect(DISTINCT c.id) AS commitments
RETURN t {.id, .kind, .name, .short_name} AS topic, size(commitments) AS count, commitments
ORDER BY count DESC, t.name
