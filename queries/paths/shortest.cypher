// All shortest linkage paths between two domain nodes, either direction, at most $max_hops long
// (the var-length bound cannot be a parameter: 6 is the API's ceiling, and the caller's bound is
// applied after the search, in its own WITH: a length predicate inside the shortest-path WHERE
// that no shortest path meets makes Neo4j fall back to an exhaustive search of every path).
// Paths are ordered by the ids along them so pages are stable; `total` is before `limit`.
// Parameters: from, to, max_hops, limit
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
WHERE a <> b
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE all(n IN nodes(p) WHERE n:Entity)
WITH p WHERE length(p) <= $max_hops
WITH p ORDER BY [n IN nodes(p) | n.id]
WITH collect(p) AS paths
RETURN size(paths) AS total,
       [p IN paths[..$limit] | {
         nodes: [n IN nodes(p) | n {.id, .kind, .name, .short_name}],
         relationships: [r IN relationships(p) |
           {type: type(r), start: startNode(r).id, end: endNode(r).id, properties: properties(r)}]
       }] AS paths
