// The indexes present, with their type and state (ONLINE, POPULATING, FAILED), for readiness.
// Parameters: none
SHOW INDEXES YIELD name, type, state
RETURN name, type, state
