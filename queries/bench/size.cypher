// Domain nodes, sources and relationships: how big the graph a benchmark reads is.
// Parameters: none
MATCH (n) WHERE n:Entity OR n:Source
WITH count(n) AS nodes
RETURN nodes, COUNT { ()-[]->() } AS relationships
