"""Benchmarks: `make bench` runs bench/__main__.py. Numbers are measured in one run and
reported as ratios against a budget or a baseline; they are never asserted in tests."""
