"""The assessments app's front end, one module a part of the journey.

- :mod:`.children`: a practitioner's children, a child's page over time, the
  family's summary and the PDF;
- :mod:`.needs_mapping`: recording a needs mapping a step at a time;
- :mod:`.family`: inviting a child's family and their own view.
"""
