// The whole graph in a canonical order: every node's labels and properties and every relationship's
// type, ends and properties. Comparing two dumps tells whether anything was written in between
// (e.g. that a refused or dry-run import left the graph as it was). The graph version is left
// out: a load moves it even when it changes no fact.
// Parameters: (none)
CALL () {
  MATCH (n) WHERE NOT n:GraphVersion
  WITH n ORDER BY n.id
  RETURN collect({labels: labels(n), props: properties(n)}) AS nodes
}
CALL () {
  MATCH (a)-[r]->(b)
  WITH a, r, b ORDER BY a.id, type(r), b.id
  RETURN collect({type: type(r), start: a.id, end: b.id, props: properties(r)}) AS relationships
}
RETURN nodes, relationships
