// Which of the given ids already exist as domain nodes or sources (for checking references
// before a load writes anything).
// Parameters: entity_ids, source_ids
CALL (){
  UNWIND $entity_ids AS id
  MATCH (n:Entity {id: id})
  RETURN collect(id) AS entities
}
CALL (){
  UNWIND $source_ids AS id
  MATCH (s:Source {id: id})
  RETURN collect(id) AS sources
}
RETURN entities, sources
