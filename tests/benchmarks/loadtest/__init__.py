"""The load test (``make loadtest``): see ``run.py``."""
