// The documents behind a figure: title, publisher, kind and as-of date of each cited source id.
// Parameters: ids
MATCH (s:Source)
WHERE s.id IN $ids
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.as_of AS as_of, s.kind AS kind
ORDER BY s.id
