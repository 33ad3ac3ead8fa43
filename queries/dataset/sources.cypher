// Every Source node (the documents facts cite) with all its properties, for the citable data package.
// Parameters: none
MATCH (s:Source)
RETURN s.id AS id, properties(s) AS properties
ORDER BY id
