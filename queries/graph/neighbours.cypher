// One breadth-first step: the domain nodes linked (either direction) to any of `ids` that are
// not in `seen`, ordered by name so that a capped neighbourhood is stable.
// Parameters: ids, seen
UNWIND $ids AS id
MATCH (:Entity {id: id})--(n:Entity)
WHERE NOT n.id IN $seen
WITH DISTINCT n
RETURN n.id AS id
ORDER BY n.name, n.id
