// The facts around the nodes `ids` that an answer on day `as_of` cannot place (graph.dating): their
// relationships, either direction, that are undated (a timed type without a date) or imprecise (a
// year or month straddling the day) while the node at the other end is there; and the nodes next
// to them whose own date straddles the day. What a neighbourhood as of the day names as left out.
// Parameters: ids, as_of, timed
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r]-(b:Entity)
WITH DISTINCT r, b,
     CASE WHEN r.date_latest IS NULL THEN CASE WHEN type(r) IN $timed THEN 'undated' ELSE 'counts' END
          WHEN r.date_latest <= $as_of THEN 'counts'
          WHEN r.date_earliest <= $as_of THEN 'imprecise' ELSE 'after' END AS status,
     CASE WHEN b.date_latest IS NULL OR b.date_latest <= $as_of THEN 'counts'
          WHEN b.date_earliest <= $as_of THEN 'imprecise' ELSE 'after' END AS node_status
WHERE $as_of IS NOT NULL AND status <> 'after' AND node_status <> 'after'
  AND (status <> 'counts' OR node_status <> 'counts')
RETURN startNode(r).id AS source, type(r) AS type, endNode(r).id AS target, properties(r) AS properties,
       status, b {.*} AS node, node_status
ORDER BY source, type, target
