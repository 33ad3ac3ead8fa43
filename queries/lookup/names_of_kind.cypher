// Every id, name, short name and alias of one kind, to resolve a name written in a URL to its id.
// Parameters: label
MATCH (n:Entity)
WHERE $label IN labels(n)
RETURN n.id AS id, n.name AS name, n.short_name AS short_name, coalesce(n.aliases, []) AS aliases
