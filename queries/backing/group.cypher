// A group whose members can filter the backing matrix: an initiative, event, commitment or
// organization by id (any node that States are MEMBER_OF, PARTICIPATED_IN or SUBSCRIBED_TO).
// Parameters: id, labels
MATCH (g:Entity {id: $id})
WHERE any(label IN labels(g) WHERE label IN $labels)
RETURN g {.id, .kind, .name, .short_name} AS node
