// The events held beside a summit: every event PART_OF an event whose subkind is in $summits,
// and every event whose subkind is in $side (an industry or expert summit whose link to its summit
// is not on record still shows, without a summit). Each with the bodies that convened it
// (ADMINISTERS), the statements issued at it (ISSUED_AT) and who took part (PARTICIPATED_IN).
// Parameters: summits, side
MATCH (x:Event)
OPTIONAL MATCH (x)-[p:PART_OF]->(s:Event)
WHERE s.subkind IN $summits
WITH x, p, s
WHERE x.subkind IN $side OR s IS NOT NULL
RETURN x {.id, .kind, .subkind, .name, .short_name, .date, .description, .confidence,
          sources: coalesce(x.sources, [])} AS event,
       s {.id, .kind, .subkind, .name, .short_name, .date} AS summit,
       CASE WHEN p IS NULL THEN [] ELSE coalesce(p.sources, []) END AS part_of_sources,
       [(o:Organization)-[a:ADMINISTERS]->(x) |
         {node: o {.id, .kind, .subkind, .name, .short_name}, note: a.note, sources: coalesce(a.sources, [])}]
         AS convened_by,
       [(c:Commitment)-[i:ISSUED_AT]->(x) |
         {node: c {.id, .kind, .subkind, .name, .short_name, .date}, sources: coalesce(i.sources, [])}] AS statements,
       [(m:Entity)-[r:PARTICIPATED_IN]->(x) |
         {node: m {.id, .kind, .subkind, .name, .short_name}, role: r.role, sources: coalesce(r.sources, [])}]
         AS participants
ORDER BY x.date, x.id
