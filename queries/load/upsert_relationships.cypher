// Creates or updates one relationship per (type, start, end) between existing nodes; `sources`
// is a union with what the relationship already cites. Other keys in row.props are overwritten,
// except for a corroborating row (e.g. from a statement text): on an existing relationship it
// only adds its sources, so curated dates, notes and confidence are never replaced.
// Parameters: rows = [{type, start, end, props, corroborating}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (b:Entity {id: row.end})
OPTIONAL MATCH (a)-[old]->(b) WHERE type(old) = row.type
WITH row, a, b, old, row.props AS given, coalesce(old.sources, []) AS had
WITH row, a, b, old, had + [s IN given.sources WHERE NOT s IN had] AS sources, given
WITH row, a, b, old, CASE WHEN old IS NOT NULL AND row.corroborating
                          THEN {sources: sources} ELSE given {.*, sources: sources} END AS props
WITH row, a, b, props, CASE
  WHEN old IS NULL THEN 'created'
  WHEN all(key IN keys(props) WHERE coalesce(old[key] = props[key], old[key] IS NULL AND props[key] IS NULL))
    THEN 'unchanged'
  ELSE 'updated' END AS outcome
MERGE (a)-[r:$(row.type)]->(b)
SET r += props
RETURN row.type AS type, outcome, count(*) AS count
