"""Support plans: provision tied to need, outcomes that are reviewed, and the road to adulthood.

The format and the evaluation figures are ``vsend-support/1`` (spec/planning.md).
"""
