// Per topic, every commitment that addresses it, with the commitment's date, the event it was
// issued at (if any) and the States that subscribed to it: the raw material of topic trends. On
// `as_of` (null: today) only commitments dated (by their own date, else their event's) on or
// before the day, and subscriptions dated so, count; undated commitments come along for the
// caller to name.
// Parameters: as_of
MATCH (t:Topic)<-[:ADDRESSES]-(c:Commitment)
OPTIONAL MATCH (c)-[:ISSUED_AT]->(e:Event)
WITH t, c, e, CASE WHEN c.date IS NOT NULL THEN c ELSE e END AS dated
WHERE $as_of IS NULL OR dated IS NULL OR dated.date_latest IS NULL OR dated.date_latest <= $as_of
OPTIONAL MATCH (s:State)-[sub:SUBSCRIBED_TO]->(c)
WHERE $as_of IS NULL OR sub.date_latest <= $as_of
WITH t, c, e, collect(DISTINCT s.id) AS states
RETURN t {.id, .name, .short_name} AS topic,
       c.id AS commitment,
       c.date AS date,
       e.id AS event,
       e.date AS event_date,
       states
ORDER BY t.id, c.id
