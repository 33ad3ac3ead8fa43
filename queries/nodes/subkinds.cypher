// The subkinds the nodes of one kind carry, for the error on an unknown subkind filter.
// Parameters: label
MATCH (n:Entity)
WHERE $label IN labels(n) AND n.subkind IS NOT NULL
RETURN DISTINCT n.subkind AS subkind
ORDER BY subkind
