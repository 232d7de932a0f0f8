"""Co-production toolkit: guidance and a decision aid for working with parent carers.

Councils and their parent carer forums use these pages to decide together how
far families should be involved in a piece of work, and to read why.
"""
