// Every topic with the items that address it, by kind (commitment, guidance, legal instrument,
// initiative, ...), and the sources of those ADDRESSES links (a curated classification).
// Parameters: none
MATCH (t:Topic)
OPTIONAL MATCH (x:Entity)-[a:ADDRESSES]->(t)
WITH t, x, a ORDER BY x.id
RETURN t {.id, .kind, .name, .short_name} AS topic,
       [item IN collect(CASE WHEN x IS NULL THEN null ELSE {id: x.id, kind: x.kind, name: x.name} END)
        WHERE item IS NOT NULL] AS items,
       reduce(acc = [], s IN collect(coalesce(a.sources, [])) | acc + s) AS sources
ORDER BY topic.id
