// The subgraph induced by `ids`: those nodes with their properties, and every relationship
// between two of them, with its properties.
// Parameters: ids
MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS nodes
RETURN [n IN nodes | properties(n)] AS nodes,
       COLLECT {
         UNWIND nodes AS a
         MATCH (a)-[r]->(b:Entity)
         WHERE b.id IN $ids
         RETURN {source: a.id, target: b.id, type: type(r), properties: properties(r)}
       } AS edges
