// Creates or updates one relationship of type <<REL_TYPE>> (filled from the model, see registry.py)
// per (start, end) between existing nodes; `sources` is a union with what the relationship
// already cites. Other keys in row.props are overwritten,
// except for a corroborating row (e.g. from a statement text): on an existing relationship it
// only adds its sources, so curated dates, notes and confidence are never replaced.
// A relationship that MERGE has just created has no properties yet: that is how "created" is told.
// Parameters: rows = [{start, end, props, corroborating}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (b:Entity {id: row.end})
MERGE (a)-[r:<<REL_TYPE>>]->(b)
WITH row, r, properties(r) AS old, row.props AS given
WITH row, r, old, given, size(keys(old)) = 0 AS created, coalesce(old.sources, []) AS had
WITH row, r, old, given, created, had + [s IN given.sources WHERE NOT s IN had] AS sources
WITH row, r, old, created, CASE WHEN NOT created AND row.corroborating
                                THEN {sources: sources} ELSE given {.*, sources: sources} END AS props
WITH row, r, props, CASE
  WHEN created THEN 'created'
  WHEN all(key IN keys(props) WHERE coalesce(old[key] = props[key], old[key] IS NULL AND props[key] IS NULL))
    THEN 'unchanged'
  ELSE 'updated' END AS outcome
SET r += props
RETURN '<<REL_TYPE>>' AS type, outcome, count(*) AS count
