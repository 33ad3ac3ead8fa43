// Every domain node with its kind label and all its properties, for the citable data package.
// Parameters: none
MATCH (n:Entity)
RETURN n.id AS id, [label IN labels(n) WHERE label <> 'Entity'] AS labels, properties(n) AS properties
ORDER BY id
