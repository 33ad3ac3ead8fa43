// Every topic with the items that address it, by kind (commitment, guidance, legal instrument,
// initiative, ...), and the sources of those ADDRESSES links (a curated classification). Each item
// carries its date and where it stands on `as_of` (counts | after | imprecise; an undated item is
// structure and counts; with `as_of` null everything counts), so the caller keeps the items that
// existed on the day and names those whose year or month straddles it. A dated ADDRESSES link
// follows the same rule.
// Parameters: as_of
MATCH (t:Topic)
OPTIONAL MATCH (x:Entity)-[a:ADDRESSES]->(t)
WHERE $as_of IS NULL OR a.date_latest IS NULL OR a.date_latest <= $as_of
WITH t, x, a ORDER BY x.id
WITH t, x, a,
     CASE WHEN x IS NULL THEN null
          WHEN $as_of IS NULL OR x.date_latest IS NULL OR x.date_latest <= $as_of THEN 'counts'
          WHEN x.date_earliest <= $as_of THEN 'imprecise'
          ELSE 'after' END AS standing
RETURN t {.id, .kind, .name, .short_name} AS topic,
       [item IN collect(CASE WHEN x IS NULL THEN null
                             ELSE {id: x.id, kind: x.kind, name: x.name, date: x.date, standing: standing} END)
        WHERE item IS NOT NULL] AS items,
       reduce(acc = [], s IN collect(CASE WHEN standing = 'counts' THEN coalesce(a.sources, []) ELSE [] END)
              | acc + s) AS sources
ORDER BY topic.id
