"""vsend's forms library, installed as the package ``vsend_plugin.forms_library``.

This folder holds data, not code: the library files (``needs-mapping/``,
``family/``, ``toolkit/``, ``calibration/``), their JSON Schemas
(``schema/``) and FORMAT.md. It is a package only so that it ships inside
vsend's wheel and is found in the same way after ``pip install`` and
``pip install -e``. Files are found by
name and read through :mod:`vsend_plugin.core.library`.
"""
