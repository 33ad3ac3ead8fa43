// Benchmark floor: a bare CREATE of synthetic SUBSCRIBED_TO relationships with the same
// properties, without the writer's merge, source union or change report.
// Parameters: rows = [{start, end, props}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (b:Entity {id: row.end})
CREATE (a)-[r:SUBSCRIBED_TO]->(b)
SET r = row.props
RETURN count(r) AS created
