// Full-text search over names, short names and aliases (the `entity_names` index), optionally of
// one kind, plus the node whose id is the text (ids are not in the index: "JPN" finds Japan).
// `lucene` is the escaped Lucene query built by the API; `text` is the raw input, compared (never
// parsed) to rank an exact case-insensitive match of id, short name, name or alias first, because
// Lucene scores a node that repeats a term (A/CPPNM) above the node it names (CPPNM).
// Parameters: index, lucene, text, label, limit
CALL () {
  CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
  RETURN node, score
  UNION ALL
  MATCH (node:Entity {id: toUpper(trim($text))})
  RETURN node, 0.0 AS score
}
WITH node, max(score) AS score
WHERE $label IS NULL OR $label IN labels(node)
WITH node, score, toLower(trim($text)) AS wanted
WITH node, score,
     coalesce(wanted IN [toLower(node.id), toLower(node.short_name), toLower(node.name)]
                        + [alias IN coalesce(node.aliases, []) | toLower(alias)], false) AS exact
RETURN node {.id, .kind, .name, .short_name, .subkind} AS node, score, exact
ORDER BY exact DESC, score DESC, node.name
LIMIT $limit
