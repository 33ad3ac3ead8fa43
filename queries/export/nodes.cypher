// Every node (domain nodes and sources) with its labels and properties, for the full export, and
// how it stands on day `as_of` ('counts', 'after', 'imprecise'; graph.dating: undated nodes and
// sources are kept; `as_of` null: all count). The graph's version node is not a fact: left out.
// Parameters: as_of
MATCH (n) WHERE NOT n:GraphVersion
RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties,
       CASE WHEN $as_of IS NULL OR n.date_latest IS NULL OR n.date_latest <= $as_of THEN 'counts'
            WHEN n.date_earliest <= $as_of THEN 'imprecise' ELSE 'after' END AS status
ORDER BY n.id, labels
