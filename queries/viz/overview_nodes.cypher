// The architecture without its States: every non-State domain node, and every relationship
// between two of them.
// Parameters: (none)
MATCH (n:Entity) WHERE NOT n:State
WITH n ORDER BY n.id
WITH collect(n) AS nodes
RETURN [n IN nodes | n {.*}] AS nodes,
       COLLECT {
         UNWIND nodes AS a
         MATCH (a)-[r]->(b:Entity)
         WHERE NOT b:State
         WITH a, r, b ORDER BY a.id, type(r), b.id
         RETURN {source: a.id, target: b.id, type: type(r), properties: properties(r)}
       } AS edges
