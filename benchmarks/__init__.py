"""Benchmarks anyone can run (docs/benchmarks.md)."""
