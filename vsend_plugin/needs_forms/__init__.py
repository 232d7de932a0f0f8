"""Needs-mapping forms built on wagtailstreamforms.

Councils word and order their forms as they like; every scored question binds
to one indicator (or one area) of the scoring scheme, so that every council's
profiles mean the same. This app holds the field types that do the binding,
the checks that stop a form being published with a binding missing, and the
forms library import and export.
"""
