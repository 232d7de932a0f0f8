"""Moderation: blind second ratings, calibration cases and how far raters agree.

One scheme makes profiles comparable in form; only raters who rate alike make
them comparable in fact. The figures are defined in spec/moderation.md.
"""
