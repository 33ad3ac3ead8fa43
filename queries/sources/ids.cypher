// Every source id and title, for "did you mean" suggestions on an unknown source id.
// Parameters: (none)
MATCH (s:Source)
RETURN s.id AS id, s.title AS title
