// A page of the nodes of one kind (and of one subkind, unless $subkind is null), ordered by name,
// with the total count.
// Parameters: label, subkind, skip, limit
MATCH (n:Entity)
WHERE $label IN labels(n) AND ($subkind IS NULL OR n.subkind = $subkind)
WITH n ORDER BY n.name
WITH collect(n {.id, .kind, .subkind, .name, .short_name, .date, .un_region, .un_subregion}) AS rows
RETURN size(rows) AS total, rows[$skip..$skip + $limit] AS rows
