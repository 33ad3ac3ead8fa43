// A node's own relationships, both directions, each with the domain node at the other end: what a
// State, instrument or commitment page draws around it.
// Parameters: id
MATCH (n:Entity {id: $id})-[r]-(other:Entity)
RETURN other {.*} AS node,
       {source: startNode(r).id, target: endNode(r).id, type: type(r), properties: properties(r)} AS edge
ORDER BY other.name, other.id, type(r)
