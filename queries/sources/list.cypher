// A page of the source documents, ordered by id, with the total count.
// Parameters: skip, limit
MATCH (s:Source)
WITH s ORDER BY s.id
WITH collect(s {.id, .title, .publisher, .url, .as_of, .kind, .note}) AS rows
RETURN size(rows) AS total, rows[$skip..$skip + $limit] AS rows
