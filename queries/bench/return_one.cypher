// The floor of every read: the cheapest round trip the driver can make, timed beside the API.
// Parameters: none
RETURN 1 AS one
