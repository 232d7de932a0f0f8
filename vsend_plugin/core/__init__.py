"""Councils, their localities and settings, roles and permissions.

Every other vsend app hangs its data off a :class:`~vsend_plugin.core.models.Council`
and asks :mod:`vsend_plugin.core.permissions` who may see it.
"""
