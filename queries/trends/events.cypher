// The summits (events of subkind 'summit', not the industry and expert side summits or the ICONS
// conferences) that commitments were issued at, in date order, with how many commitments each issued
// and how many of those have a known subscriber list. On `as_of` (null: today) only events held and
// commitments issued on or before the day count, and only subscriptions dated so.
// Parameters: as_of
MATCH (c:Commitment)-[:ISSUED_AT]->(e:Event {subkind: 'summit'})
WHERE $as_of IS NULL OR (e.date_latest <= $as_of AND (c.date_latest IS NULL OR c.date_latest <= $as_of))
WITH e, collect(c) AS commitments
RETURN e {.id, .name, .short_name, .date, .subkind} AS event,
       size(commitments) AS commitments,
       size([c IN commitments WHERE EXISTS { (:State)-[s:SUBSCRIBED_TO]->(c)
                                             WHERE $as_of IS NULL OR s.date_latest <= $as_of }])
         AS with_subscribers
ORDER BY e.date
