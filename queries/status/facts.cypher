// Everything an import of a status table compares against, read in one query: the instrument's
// current SIGNED and PARTY_TO facts (with their sources and recorded conflicts), which of the
// table's State ids exist as nodes, and the importing source if a Source with that id exists.
// No row comes back when the instrument is not in the graph. Properties are read through
// properties(r): before any import the conflict keys do not exist, and that is no warning.
// Parameters: instrument, ids, source_id
MATCH (i:LegalInstrument {id: $instrument})
CALL (i) {
  OPTIONAL MATCH (s:Entity)-[r:SIGNED|PARTY_TO]->(i)
  WITH s, r, properties(r) AS p ORDER BY s.id, type(r)
  RETURN collect(CASE WHEN r IS NOT NULL THEN {
    type: type(r), state: s.id, name: s.name, name_in_source: p.name_in_source,
    date: p.date, since: p.since, via: p.via, sources: coalesce(p.sources, []),
    conflict_fields: coalesce(p.conflict_fields, []), conflict_values: coalesce(p.conflict_values, []),
    conflict_sources: coalesce(p.conflict_sources, [])
  } END) AS facts
}
CALL () {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN collect(id) AS known_ids
}
OPTIONAL MATCH (source:Source {id: $source_id})
RETURN i.id AS instrument, facts, known_ids, source {.*} AS source
