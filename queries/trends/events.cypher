// The summits (events of subkind 'summit', not the industry and expert side summits or the ICONS
// conferences) that commitments were issued at, in date order, with how many commitments each issued
// and how many of those have a known subscriber list.
// Parameters: none
MATCH (c:Commitment)-[:ISSUED_AT]->(e:Event {subkind: 'summit'})
WITH e, collect(c) AS commitments
RETURN e {.id, .name, .short_name, .date, .subkind} AS event,
       size(commitments) AS commitments,
       size([c IN commitments WHERE EXISTS { (:State)-[:SUBSCRIBED_TO]->(c) }]) AS with_subscribers
ORDER BY e.date
