// Search by id (exact, case-insensitive) and full text over names, short names and aliases (the
// `entity_names` index). `lucene` is the escaped query the API builds from `text`, the raw input,
// which only ranks exact matches of id, short name, name or alias first.
// Parameters: lucene, text, limit
CALL () {
  CALL db.index.fulltext.queryNodes('entity_names', $lucene) YIELD node, score
  RETURN node, score
  UNION
  MATCH (node:Entity) WHERE toLower(node.id) = toLower(trim($text))
  RETURN node, 1000.0 AS score
}
WITH node, max(score) AS score, toLower(trim($text)) AS wanted
WITH node, score,
     wanted IN [toLower(node.id), toLower(coalesce(node.short_name, '')), toLower(node.name)]
               + [alias IN coalesce(node.aliases, []) | toLower(alias)] AS exact
RETURN node {.id, .kind, .name, .short_name} AS node, score, exact
ORDER BY exact DESC, score DESC, node.name
LIMIT $limit
