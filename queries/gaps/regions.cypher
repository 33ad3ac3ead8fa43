// Every UN region and sub-region name that some State carries, for "did you mean" on a region.
// Parameters: none
MATCH (s:State)
UNWIND [s.un_region, s.un_subregion] AS region
WITH DISTINCT region WHERE region IS NOT NULL
RETURN region ORDER BY region
