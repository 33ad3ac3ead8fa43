// One domain node by id and kind label, with all its properties.
// Parameters: id, label
MATCH (n:Entity {id: $id})
WHERE $label IN labels(n)
RETURN n {.*} AS node
