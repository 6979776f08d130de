"""Runnable benchmarks: ``python -m bench NAME``; each prints its figures as JSON."""
