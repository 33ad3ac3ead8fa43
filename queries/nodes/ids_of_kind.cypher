// Every id, name and short name of one kind, for "did you mean" suggestions on unknown ids.
// Parameters: label
MATCH (n:Entity)
WHERE $label IN labels(n)
RETURN n.id AS id, n.name AS name, n.short_name AS short_name
