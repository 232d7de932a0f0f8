"""The versioned REST API (``/api/vsend/v1/``): its URL table, schema and error shape.

Each app owns its endpoints; this package only gathers them under one prefix
and one OpenAPI schema.
"""
