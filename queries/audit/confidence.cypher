// How many facts there are per confidence level (relationships, and domain nodes, that carry one),
// broken down by relationship type or node kind, each with its first $examples facts as examples
// in a stable order (subject, then object).
// Parameters: examples
CALL () {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.confidence IS NOT NULL
  RETURN r.confidence AS confidence, type(r) AS type, a.id AS subject, b.id AS object, r.note AS note,
         coalesce(r.sources, []) AS sources
  UNION ALL
  MATCH (n:Entity)
  WHERE n.confidence IS NOT NULL
  RETURN n.confidence AS confidence, n.kind AS type, n.id AS subject, null AS object, n.note AS note,
         coalesce(n.sources, []) AS sources
}
WITH confidence, type, subject, object, note, sources
ORDER BY confidence, type, subject, object
WITH confidence, type, count(*) AS count,
     collect({subject: subject, object: object, note: note, sources: sources}) AS facts
ORDER BY confidence, type
RETURN confidence, sum(count) AS total,
       collect({type: type, count: count, examples: facts[..$examples]}) AS by_type
ORDER BY confidence
