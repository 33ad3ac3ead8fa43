// How many domain nodes are loaded: zero means the database is up but empty.
// Parameters: none
MATCH (n:Entity)
RETURN count(n) AS entities
