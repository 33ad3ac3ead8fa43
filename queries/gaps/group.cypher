// The group whose members a universalization gap is about: a summit (Event), an initiative, a
// joint statement or other commitment, or an organization; with its kind and how many members
// (States and organizations) the graph knows, for the completeness caveat.
// Parameters: id
MATCH (g:Entity {id: $id})
WHERE g:Event OR g:Initiative OR g:Commitment OR g:Organization
RETURN g {.*} AS node,
       [label IN labels(g) WHERE label <> 'Entity'][0] AS label,
       COUNT { (:Entity)-[:PARTICIPATED_IN|SUBSCRIBED_TO|MEMBER_OF]->(g) } AS known_members
