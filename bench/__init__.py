"""Benchmarks, run by `make bench` (never by `make test`): ratios to baselines of the same run."""
