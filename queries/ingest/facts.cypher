// The graph's side of an ingest diff: for each fact a document states (type, start, end), the
// relationship's current properties (null when the graph lacks it), and which of the document's
// node and source ids already exist.
// Parameters: facts, node_ids, source_ids
CALL () {
  UNWIND $facts AS fact
  OPTIONAL MATCH (:Entity {id: fact.start})-[r]->(:Entity {id: fact.end})
  WHERE type(r) = fact.type
  WITH fact, head(collect(properties(r))) AS props
  RETURN collect({type: fact.type, start: fact.start, end: fact.end, props: props}) AS facts
}
CALL () {
  UNWIND $node_ids AS id
  MATCH (n:Entity {id: id})
  RETURN collect(id) AS nodes
}
CALL () {
  UNWIND $source_ids AS id
  MATCH (s:Source {id: id})
  RETURN collect(id) AS sources
}
RETURN facts, nodes, sources
