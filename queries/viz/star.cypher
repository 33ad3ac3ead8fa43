// A node's own relationships, both directions, each with the domain node at the other end: what a
// State, instrument or commitment page draws around it. Each row says how the relationship and
// the node at the other end stand on day `as_of` (graph.dating: 'counts', 'after', 'imprecise',
// 'undated'; everything counts when `as_of` is null; `timed` = graph.dating.TIMED_TYPES).
// Parameters: id, as_of, timed
MATCH (n:Entity {id: $id})-[r]-(other:Entity)
RETURN other {.*} AS node,
       CASE WHEN $as_of IS NULL OR other.date_latest IS NULL OR other.date_latest <= $as_of THEN 'counts'
            WHEN other.date_earliest <= $as_of THEN 'imprecise' ELSE 'after' END AS node_status,
       {source: startNode(r).id, target: endNode(r).id, type: type(r), properties: properties(r)} AS edge,
       CASE WHEN $as_of IS NULL THEN 'counts'
            WHEN r.date_latest IS NULL THEN CASE WHEN type(r) IN $timed THEN 'undated' ELSE 'counts' END
            WHEN r.date_latest <= $as_of THEN 'counts'
            WHEN r.date_earliest <= $as_of THEN 'imprecise' ELSE 'after' END AS status
ORDER BY other.name, other.id, type(r)
