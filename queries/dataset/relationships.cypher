// Every relationship with its type, the ids and labels of its ends and all its properties, for the
// citable data package (the labels let the export refuse a relationship that leaves the domain nodes).
// Parameters: none
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.id AS start, labels(a) AS start_labels, b.id AS end, labels(b) AS end_labels,
       properties(r) AS properties
ORDER BY type, start, end
