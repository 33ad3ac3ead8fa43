// Every relationship with its type, end nodes' ids and labels, and properties, for the full export,
// and how it stands on day `as_of` ('counts', 'after', 'imprecise', 'undated'; graph.dating;
// `timed` = graph.dating.TIMED_TYPES; `as_of` null: all count).
// Parameters: as_of, timed
MATCH (a)-[r]->(b)
RETURN a.id AS source, labels(a) AS source_labels, b.id AS target, labels(b) AS target_labels,
       type(r) AS type, properties(r) AS properties,
       CASE WHEN $as_of IS NULL THEN 'counts'
            WHEN r.date_latest IS NULL THEN CASE WHEN type(r) IN $timed THEN 'undated' ELSE 'counts' END
            WHEN r.date_latest <= $as_of THEN 'counts'
            WHEN r.date_earliest <= $as_of THEN 'imprecise' ELSE 'after' END AS status
ORDER BY source, type, target
