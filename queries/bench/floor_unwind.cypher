// Benchmark floor: only sends the rows and unwinds them, writing nothing; what a load of these
// rows costs before any lookup or write (driver packing, Bolt, server unpacking).
// Parameters: rows = [{start, end, props}]
UNWIND $rows AS row
RETURN count(row) AS rows
