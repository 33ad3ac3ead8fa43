// Creates or updates one relationship per (type, start, end) between existing nodes; `sources`
// is a union with what the relationship already cites, other keys in row.props are overwritten.
// Parameters: rows = [{type, start, end, props}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (b:Entity {id: row.end})
OPTIONAL MATCH (a)-[old]->(b) WHERE type(old) = row.type
WITH row, a, b, old, row.props AS given, coalesce(old.sources, []) AS had
WITH row, a, b, old, given {.*, sources: had + [s IN given.sources WHERE NOT s IN had]} AS props
WITH row, a, b, props, CASE
  WHEN old IS NULL THEN 'created'
  WHEN all(key IN keys(props) WHERE coalesce(old[key] = props[key], old[key] IS NULL AND props[key] IS NULL))
    THEN 'unchanged'
  ELSE 'updated' END AS outcome
MERGE (a)-[r:$(row.type)]->(b)
SET r += props
RETURN row.type AS type, outcome, count(*) AS count
