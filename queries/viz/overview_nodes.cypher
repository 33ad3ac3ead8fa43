// The architecture without its States on day `as_of`: every non-State domain node there on the
// day (graph.dating: undated nodes are kept; dated ones from their date on), its date standing
// ('counts' or 'imprecise'), and every relationship between two of them with how it stands on the
// day ('counts', 'after', 'imprecise', 'undated'; `as_of` null: everything counts).
// Parameters: as_of, timed
MATCH (n:Entity) WHERE NOT n:State
WITH n, CASE WHEN $as_of IS NULL OR n.date_latest IS NULL OR n.date_latest <= $as_of THEN 'counts'
             WHEN n.date_earliest <= $as_of THEN 'imprecise' ELSE 'after' END AS status
WHERE status <> 'after'
WITH n, status ORDER BY n.id
WITH collect(n {.*, day_status: status}) AS found, collect(CASE WHEN status = 'counts' THEN n END) AS nodes
RETURN found AS nodes,
       COLLECT {
         UNWIND nodes AS a
         MATCH (a)-[r]->(b:Entity)
         WHERE b IN nodes
         WITH a, r, b ORDER BY a.id, type(r), b.id
         RETURN {source: a.id, target: b.id, type: type(r), properties: properties(r),
                 status: CASE WHEN $as_of IS NULL THEN 'counts'
                              WHEN r.date_latest IS NULL THEN
                                CASE WHEN type(r) IN $timed THEN 'undated' ELSE 'counts' END
                              WHEN r.date_latest <= $as_of THEN 'counts'
                              WHEN r.date_earliest <= $as_of THEN 'imprecise' ELSE 'after' END}
       } AS edges
