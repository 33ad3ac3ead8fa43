// States aggregated by UN region on day `as_of`: per region, relationship type and standing on the
// day ('counts', 'imprecise', 'undated'; graph.dating; `timed` = graph.dating.TIMED_TYPES; `as_of`
// null: all count), which non-State nodes there on the day its States link to, how many of its
// States do, and (when they do not count) the facts themselves. `types` picks the types counted.
// Parameters: types, as_of, timed
MATCH (s:State)-[r]->(t:Entity)
WHERE type(r) IN $types AND NOT t:State
  AND ($as_of IS NULL OR t.date_latest IS NULL OR t.date_latest <= $as_of)
WITH s, r, t,
     CASE WHEN $as_of IS NULL THEN 'counts'
          WHEN r.date_latest IS NULL THEN CASE WHEN type(r) IN $timed THEN 'undated' ELSE 'counts' END
          WHEN r.date_latest <= $as_of THEN 'counts'
          WHEN r.date_earliest <= $as_of THEN 'imprecise' ELSE 'after' END AS status
WHERE status <> 'after'
WITH coalesce(s.un_region, 'No UN region') AS region, type(r) AS type, t.id AS target, status,
     count(DISTINCT s) AS states,
     collect(CASE WHEN status <> 'counts' THEN {subject: s.id, properties: properties(r)} END) AS facts
RETURN region, type, target, status, states, facts
ORDER BY region, type, target, status
