// One breadth-first step: the domain nodes linked (either direction) to any of `ids` that are
// not in `seen`, ordered by name so that a capped neighbourhood is stable. On day `as_of` only
// relationships that count on it are followed, to nodes that are there (graph.dating; `timed` =
// graph.dating.TIMED_TYPES; `as_of` null: every relationship).
// Parameters: ids, seen, as_of, timed
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r]-(n:Entity)
WHERE NOT n.id IN $seen
  AND ($as_of IS NULL OR n.date_latest IS NULL OR n.date_latest <= $as_of)
  AND ($as_of IS NULL OR r.date_latest <= $as_of OR (r.date_latest IS NULL AND NOT type(r) IN $timed))
WITH DISTINCT n
RETURN n.id AS id
ORDER BY n.name, n.id
