"""A child's record: the whole of it out (``vsend-record/1``), across to another council, and gone.

Also FHIR R4 for health partners. The formats and promises are spec/records.md.
"""
