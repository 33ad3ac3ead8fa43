// One domain node of any kind by id, with all its properties.
// Parameters: id
MATCH (n:Entity {id: $id})
RETURN n {.*} AS node
