// Removes the benchmark's synthetic nodes (ids starting BENCH_) in batches.
// Parameters: none
MATCH (n) WHERE n.id STARTS WITH 'BENCH_'
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
