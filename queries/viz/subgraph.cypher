// The subgraph induced by `ids`: those domain nodes with their properties, and every relationship
// between two of them (each once, from its start node), ordered for stable pages.
// Parameters: ids
MATCH (n:Entity) WHERE n.id IN $ids
WITH n ORDER BY n.id
WITH collect(n) AS nodes
RETURN [n IN nodes | n {.*}] AS nodes,
       COLLECT {
         UNWIND nodes AS a
         MATCH (a)-[r]->(b:Entity)
         WHERE b.id IN $ids
         WITH a, r, b ORDER BY a.id, type(r), b.id
         RETURN {source: a.id, target: b.id, type: type(r), properties: properties(r)}
       } AS edges
