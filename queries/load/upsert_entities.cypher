// Creates or updates domain nodes by id, setting their kind label; reports per row whether it
// was created, updated or unchanged. Only the keys in row.props are touched: facts added by
// other loaders (e.g. an import's extra sources) survive a reload, and `sources` is a union.
// Parameters: rows = [{id, label, props}]
UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, old, row.props AS given, coalesce(old.sources, []) AS had
WITH row, old, given {.*, sources: had + [s IN given.sources WHERE NOT s IN had]} AS props
WITH row, props, CASE
  WHEN old IS NULL THEN 'created'
  WHEN all(key IN keys(props) WHERE coalesce(old[key] = props[key], old[key] IS NULL AND props[key] IS NULL))
       AND row.label IN labels(old) THEN 'unchanged'
  ELSE 'updated' END AS outcome
MERGE (n:Entity {id: row.id})
SET n += props
SET n:$(row.label)
RETURN row.label AS label, outcome, count(*) AS count
