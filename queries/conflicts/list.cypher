// Every relationship that records a disagreement between sources: the structured conflicts that
// `nsgraph import-status` writes (parallel lists conflict_fields[i], conflict_values[i],
// conflict_sources[i]: that source gives that other value for that property, which was kept) and
// the curated notes that flag one with 'CONFLICT' (parsed in loaders/conflicts.py).
// Filters, each null for any: the end node when it is a legal instrument ($instrument) or when it
// is not ($group), and the start node ($state). Properties are read through properties(r) so that
// a graph without any import yet does not draw "unknown property key" warnings.
// Parameters: instrument, group, state
MATCH (a:Entity)-[r]->(b:Entity)
WHERE ($instrument IS NULL OR (b.id = $instrument AND b:LegalInstrument))
  AND ($group IS NULL OR (b.id = $group AND NOT b:LegalInstrument))
  AND ($state IS NULL OR a.id = $state)
WITH a, r, b, properties(r) AS p
WHERE size(coalesce(p.conflict_fields, [])) > 0
   OR coalesce(p.note, '') CONTAINS 'CONFLICT'
   OR coalesce(p.entry_into_force_note, '') CONTAINS 'CONFLICT'
RETURN type(r) AS type,
       a {.id, .kind, .name, .short_name} AS subject,
       b {.id, .kind, .name, .short_name} AS object,
       {date: p.date, since: p.since, via: p.via, entry_into_force: p.entry_into_force,
        sources: coalesce(p.sources, []), entry_into_force_sources: coalesce(p.entry_into_force_sources, []),
        note: p.note, entry_into_force_note: p.entry_into_force_note,
        conflict_fields: coalesce(p.conflict_fields, []), conflict_values: coalesce(p.conflict_values, []),
        conflict_sources: coalesce(p.conflict_sources, [])} AS facts
ORDER BY b.id, a.id, type(r)
