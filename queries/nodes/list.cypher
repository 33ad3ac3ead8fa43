// A page of the nodes of one kind, ordered by name, with the total count.
// Parameters: label, skip, limit
MATCH (n:Entity)
WHERE $label IN labels(n)
WITH n ORDER BY n.name
WITH collect(n {.id, .kind, .subkind, .name, .short_name, .date, .un_region, .un_subregion}) AS rows
RETURN size(rows) AS total, rows[$skip..$skip + $limit] AS rows
