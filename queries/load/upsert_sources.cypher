// Creates or updates Source nodes (the documents facts cite) by id.
// Parameters: rows = [{id, props}]
UNWIND $rows AS row
OPTIONAL MATCH (old:Source {id: row.id})
WITH row, CASE
  WHEN old IS NULL THEN 'created'
  WHEN all(key IN keys(row.props) WHERE coalesce(old[key] = row.props[key], old[key] IS NULL AND row.props[key] IS NULL))
    THEN 'unchanged'
  ELSE 'updated' END AS outcome
MERGE (n:Source {id: row.id})
SET n += row.props
RETURN 'Source' AS label, outcome, count(*) AS count
