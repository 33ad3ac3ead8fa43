// One source document by id, with how many facts (relationships and domain nodes) cite it.
// Parameters: id
MATCH (s:Source {id: $id})
RETURN s {.id, .title, .publisher, .url, .as_of, .kind, .note} AS source,
       COUNT { ()-[r]->() WHERE $id IN r.sources } AS cited_by_relationships,
       COUNT { (n:Entity) WHERE $id IN n.sources } AS cited_by_nodes
