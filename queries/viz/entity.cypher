// One domain node of any kind by id, with all its properties (the page that opens it depends on
// its kind).
// Parameters: id
MATCH (n:Entity {id: $id})
RETURN n {.*} AS node
