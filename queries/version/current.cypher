// The graph version: the counter and random token that every write moves forward in its own
// transaction (load/advance_version), and when. No row before the first load.
// Parameters: none
MATCH (v:GraphVersion {id: 'graph'})
RETURN v.counter AS counter, v.token AS token, v.changed_at AS changed_at
