// Every relationship of a node, both directions, with the node at the other end and the
// relationship's properties (dates, sources, confidence).
// Parameters: id
MATCH (n:Entity {id: $id})-[r]-(other:Entity)
RETURN type(r) AS type,
       CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       other {.id, .kind, .name, .short_name} AS node,
       properties(r) AS properties
ORDER BY type, other.name
