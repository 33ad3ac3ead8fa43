// Every commitment (summit communiqués, plans and joint statements, INFCIRCs, conference outcome
// documents, later statements) with the date that places it in time (its own date, else the date
// of the event it was issued at), the event, where that date stands on `as_of` (counts | after |
// imprecise | undated; with `as_of` null every dated document counts) and the topics it ADDRESSES:
// the raw material of topic trends over years and windows.
// Parameters: as_of
MATCH (c:Commitment)
OPTIONAL MATCH (c)-[:ISSUED_AT]->(e:Event)
WITH c, e,
     CASE WHEN c.date IS NOT NULL THEN c ELSE e END AS dated
WITH c, e, dated.date AS date,
     CASE WHEN dated.date_latest IS NULL THEN 'undated'
          WHEN $as_of IS NULL OR dated.date_latest <= $as_of THEN 'counts'
          WHEN dated.date_earliest <= $as_of THEN 'imprecise'
          ELSE 'after' END AS standing
RETURN c.id AS id, c.subkind AS subkind, c.name AS name, date, e.id AS event, standing,
       [(c)-[:ADDRESSES]->(t:Topic) | t.id] AS topics
ORDER BY date, id
