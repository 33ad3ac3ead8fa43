// The uniqueness constraints present, with their labels and properties, for readiness.
// Parameters: none
SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties
RETURN name, type, labelsOrTypes, properties
