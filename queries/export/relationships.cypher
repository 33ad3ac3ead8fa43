// Every relationship with its type, end nodes' ids and labels, and properties, for the full export.
// Parameters: none
MATCH (a)-[r]->(b)
RETURN a.id AS source, labels(a) AS source_labels, b.id AS target, labels(b) AS target_labels,
       type(r) AS type, properties(r) AS properties
ORDER BY source, type, target
