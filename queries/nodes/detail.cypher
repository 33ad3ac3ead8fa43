// One domain node of a kind with all its properties and every relationship, both directions, with
// the node at the other end and the relationship's properties, in one round trip. `as_of` (ISO
// date or null) keeps the relationships and other ends that count on that day (graph.dating's rule:
// acts in time $timed need a date on or before it; other relationships and nodes need none, but a
// date after it or straddling it leaves them out) and returns the facts it could not place.
// No row at all means there is no such node.
// Parameters: id, label, as_of, timed
MATCH (n:Entity {id: $id})
WHERE $label IN labels(n)
CALL (n) {
  OPTIONAL MATCH (n)-[r]-(other:Entity)
  WITH r, other,
       $as_of IS NULL OR ((coalesce(r.date_latest <= $as_of, false) OR (r.date_latest IS NULL AND NOT type(r) IN $timed))
                          AND (other.date_latest IS NULL OR other.date_latest <= $as_of)) AS counts
  ORDER BY type(r), other.name
  RETURN collect(CASE WHEN r IS NOT NULL AND counts THEN {
           type: type(r), direction: CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END,
           node: other {.id, .kind, .name, .short_name}, properties: properties(r)} END) AS links,
         collect(CASE WHEN r IS NOT NULL AND NOT counts
                           AND ((r.date_latest IS NULL AND type(r) IN $timed) OR coalesce(r.date_earliest <= $as_of, false))
                           AND NOT coalesce(other.date_earliest > $as_of, false)
                      THEN {subject: startNode(r).id, type: type(r), object: endNode(r).id,
                            date: coalesce(r.since, r.date), undated: r.date_latest IS NULL} END) AS unplaced
}
RETURN n {.*} AS node, links, unplaced
