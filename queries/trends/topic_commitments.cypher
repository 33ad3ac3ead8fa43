// Per topic, every commitment that addresses it, with the commitment's date, the event it was
// issued at (if any) and the States that subscribed to it: the raw material of topic trends.
// Parameters: none
MATCH (t:Topic)<-[:ADDRESSES]-(c:Commitment)
OPTIONAL MATCH (c)-[:ISSUED_AT]->(e:Event)
OPTIONAL MATCH (s:State)-[:SUBSCRIBED_TO]->(c)
WITH t, c, e, collect(DISTINCT s.id) AS states
RETURN t {.id, .name, .short_name} AS topic,
       c.id AS commitment,
       c.date AS date,
       e.id AS event,
       e.date AS event_date,
       states
ORDER BY t.id, c.id
