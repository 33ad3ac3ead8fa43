// How many States each UN region holds (States with no region count under 'No UN region').
// Parameters: (none)
MATCH (s:State)
RETURN coalesce(s.un_region, 'No UN region') AS region, count(*) AS states
ORDER BY region
