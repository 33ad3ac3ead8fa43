// The subgraph induced by `ids` on day `as_of`: those nodes that are there on the day, with their
// properties, and every relationship between two of them, with its properties and how it stands
// on the day ('counts', 'after', 'imprecise', 'undated'; graph.dating; `as_of` null: all count).
// Parameters: ids, as_of, timed
MATCH (n:Entity) WHERE n.id IN $ids
  AND ($as_of IS NULL OR n.date_latest IS NULL OR n.date_latest <= $as_of)
WITH collect(n) AS nodes
RETURN [n IN nodes | properties(n)] AS nodes,
       COLLECT {
         UNWIND nodes AS a
         MATCH (a)-[r]->(b:Entity)
         WHERE b IN nodes
         RETURN {source: a.id, target: b.id, type: type(r), properties: properties(r),
                 status: CASE WHEN $as_of IS NULL THEN 'counts'
                              WHEN r.date_latest IS NULL THEN
                                CASE WHEN type(r) IN $timed THEN 'undated' ELSE 'counts' END
                              WHEN r.date_latest <= $as_of THEN 'counts'
                              WHEN r.date_earliest <= $as_of THEN 'imprecise' ELSE 'after' END}
       } AS edges
