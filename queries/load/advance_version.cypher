// Moves the graph version forward inside the writing transaction itself, so a reader that sees the
// new version sees its facts, and a rolled-back load leaves the version as it was. The token is
// random: a version is never reused, even after the graph was wiped and its counter started again.
// Parameters: none
MERGE (v:GraphVersion {id: 'graph'})
SET v.counter = coalesce(v.counter, 0) + 1, v.token = randomUUID(), v.changed_at = toString(datetime())
RETURN v.counter AS counter
