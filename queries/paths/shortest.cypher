// All shortest linkage paths between two domain nodes, either direction, at most $max_hops long
// (the var-length bound cannot be a parameter: 6 is the API's ceiling, and the caller's bound is
// applied after the search, in its own WITH: a length predicate inside the shortest-path WHERE
// that no shortest path meets makes Neo4j fall back to an exhaustive search of every path).
// On day `as_of` the search walks only relationships that count on it, through nodes that are
// there (graph.dating; `timed` = graph.dating.TIMED_TYPES; null: everything counts): the
// predicate is in the shortest-path WHERE, so a path as of the day is a shortest path of the
// graph as it stood then. Each relationship and node says how it stands on `day` ('counts',
// 'after', 'imprecise', 'undated'), so today's paths (as_of null) can name what a day leaves out.
// Paths are ordered by the ids along them so pages are stable; `total` is before `limit`.
// Parameters: from, to, max_hops, limit, as_of, timed, day
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
WHERE a <> b
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(n IN nodes(p) WHERE n:Entity
          AND ($as_of IS NULL OR n.date_latest IS NULL OR n.date_latest <= $as_of))
  AND all(r IN relationships(p) WHERE $as_of IS NULL OR r.date_latest <= $as_of
          OR (r.date_latest IS NULL AND NOT type(r) IN $timed))
WITH p WHERE length(p) <= $max_hops
WITH p ORDER BY [n IN nodes(p) | n.id]
WITH collect(p) AS paths
RETURN size(paths) AS total,
       [p IN paths[..$limit] | {
         nodes: [n IN nodes(p) | n {.id, .kind, .name, .short_name, .date, .since,
           day_status: CASE WHEN $day IS NULL OR n.date_latest IS NULL OR n.date_latest <= $day THEN 'counts'
                        WHEN n.date_earliest <= $day THEN 'imprecise' ELSE 'after' END}],
         relationships: [r IN relationships(p) |
           {type: type(r), start: startNode(r).id, end: endNode(r).id, properties: properties(r),
            status: CASE WHEN $day IS NULL THEN 'counts'
                         WHEN r.date_latest IS NULL THEN CASE WHEN type(r) IN $timed THEN 'undated' ELSE 'counts' END
                         WHEN r.date_latest <= $day THEN 'counts'
                         WHEN r.date_earliest <= $day THEN 'imprecise' ELSE 'after' END}]
       }] AS paths
