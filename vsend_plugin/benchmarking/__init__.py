"""Benchmarking: disclosure-controlled aggregates of needs mapping, within and between councils.

Rollups store, per council, quarter and dimension (the whole council, a
locality, a setting, a primary area, a band), the figures of
:func:`vsend_plugin.scoring.aggregate`, so that every number shown or served
has one definition. Nothing stored here identifies a child.
"""
