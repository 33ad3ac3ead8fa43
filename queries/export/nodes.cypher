// Every node (domain nodes and sources) with its labels and properties, for the full export.
// Parameters: none
MATCH (n) WHERE NOT n:GraphVersion
RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties
ORDER BY n.id, labels
