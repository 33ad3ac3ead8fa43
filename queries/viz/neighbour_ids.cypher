// The ids of the domain nodes linked, either direction, to any of `ids` and not in `seen`: one
// breadth-first step of a neighbourhood, ordered by name so a capped page is stable. `limit`
// caps the step (one more than the page holds, so the caller can tell it stopped early).
// Parameters: ids, seen, limit
UNWIND $ids AS id
MATCH (:Entity {id: id})--(n:Entity)
WHERE NOT n.id IN $seen
WITH DISTINCT n
ORDER BY n.name, n.id
LIMIT $limit
RETURN n.id AS id
