// The ids of the domain nodes linked, either direction, to any of `ids` and not in `seen`: one
// breadth-first step of a neighbourhood, ordered by name so a capped page is stable. `limit`
// caps the step (one more than the page holds, so the caller can tell it stopped early). On day
// `as_of` only relationships that count on it are followed, to nodes that are there (graph.dating;
// `timed` = graph.dating.TIMED_TYPES; `as_of` null: every relationship).
// Parameters: ids, seen, limit, as_of, timed
UNWIND $ids AS id
MATCH (:Entity {id: id})-[r]-(n:Entity)
WHERE NOT n.id IN $seen
  AND ($as_of IS NULL OR n.date_latest IS NULL OR n.date_latest <= $as_of)
  AND ($as_of IS NULL OR r.date_latest <= $as_of OR (r.date_latest IS NULL AND NOT type(r) IN $timed))
WITH DISTINCT n
ORDER BY n.name, n.id
LIMIT $limit
RETURN n.id AS id
