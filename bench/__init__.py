"""Benchmarks: `make bench` prints a table and writes bench/RESULTS.md. Never asserted in tests."""
