// States aggregated by UN region: per region and relationship type, which non-State nodes its
// States link to and how many of its States do. `types` picks the relationship types counted.
// Parameters: types
MATCH (s:State)-[r]->(t:Entity)
WHERE type(r) IN $types AND NOT t:State
WITH coalesce(s.un_region, 'No UN region') AS region, type(r) AS type, t.id AS target, count(DISTINCT s) AS states
RETURN region, type, target, states
ORDER BY region, type, target
