// What a State took part in: the commitments it subscribed to, the events it participated in and
// the initiatives or organizations it is a member of, each with role, date and provenance.
// `date` is the relationship's `date` (commitments, events) or `since` (memberships).
// Parameters: id
MATCH (s:State {id: $id})-[r:SUBSCRIBED_TO|PARTICIPATED_IN|MEMBER_OF]->(g:Entity)
RETURN type(r) AS type,
       g {.id, .kind, .name, .short_name} AS node,
       r.role AS role,
       coalesce(r.date, r.since) AS date,
       coalesce(r.sources, []) AS sources,
       r.as_of AS as_of,
       r.confidence AS confidence,
       r.note AS note
ORDER BY type, date, g.id
