// Full-text search over names, short names and aliases (the `entity_names` index), optionally of
// one kind, plus the node whose id is the text (ids are not in the index: "JPN" finds Japan), plus
// the States the name table resolved the text to (`named`: by a name or code, ranked as exact;
// `patterned`: by a country_converter pattern or a former State's name inside the text, ranked
// right after the exact ones). `lucene` is the escaped Lucene query built by queries/search.py;
// `text` is the raw input, compared (never parsed) to rank an exact case-insensitive match of id,
// short name, name or alias first, because Lucene scores a node that repeats a term (A/CPPNM)
// above the node it names (CPPNM). Fuzzy and partial matches come after both, so a typo never
// outranks an exact name of another node.
// Parameters: index, lucene, text, label, limit, named, patterned
CALL () {
  CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
  RETURN node, score
  UNION ALL
  MATCH (node:Entity {id: toUpper(trim($text))})
  RETURN node, 0.0 AS score
  UNION ALL
  MATCH (node:State) WHERE node.id IN $named OR node.id IN $patterned
  RETURN node, 0.0 AS score
}
WITH node, max(score) AS score
WHERE $label IS NULL OR $label IN labels(node)
WITH node, score, toLower(trim($text)) AS wanted
WITH node, score,
     node.id IN $named
     OR coalesce(wanted IN [toLower(node.id), toLower(node.short_name), toLower(node.name)]
                           + [alias IN coalesce(node.aliases, []) | toLower(alias)], false) AS exact
WITH node, score, exact, CASE WHEN exact THEN 0 WHEN node.id IN $patterned THEN 1 ELSE 2 END AS tier
RETURN node {.id, .kind, .name, .short_name, .subkind} AS node, score, exact, tier
ORDER BY tier, score DESC, node.name
LIMIT $limit
