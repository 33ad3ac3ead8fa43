// The shortest paths between two domain nodes, either direction, through domain nodes only, at
// most `max_hops` long (the var-length bound cannot be a parameter: 6 is the page's ceiling and
// the WHERE applies the caller's, after a WITH: a WHERE on the path itself would make Neo4j fall
// back to an exhaustive search). Ordered by the ids along them; `total` counts before `limit`.
// Parameters: from, to, max_hops, limit
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
WHERE a <> b
MATCH p = allShortestPaths((a)-[*..6]-(b))
WITH p
WHERE all(n IN nodes(p) WHERE n:Entity) AND length(p) <= $max_hops
WITH p ORDER BY [n IN nodes(p) | n.id]
WITH collect(p) AS paths
RETURN size(paths) AS total,
       [p IN paths[..$limit] | {
         nodes: [n IN nodes(p) | n {.*}],
         edges: [r IN relationships(p) |
           {source: startNode(r).id, target: endNode(r).id, type: type(r), properties: properties(r)}]
       }] AS paths
