"""The forms library: its files by name, and the one loader that reads them.

vsend ships a library of YAML files (``vsend_plugin.forms_library``, the
top-level ``forms_library/`` folder of the repository): needs-mapping and
family contribution forms (format ``vsend-form/1``), co-production toolkit
pages (``vsend-toolkit/1``) and moderation's calibration cases
(``vsend-calibration/1``). Every format is declared as a JSON Schema file in
the library's ``schema/`` folder and read here, keeping the line of every key
so that each problem says where it is. Nothing here needs Django.
"""

from .catalogue import (
    LibraryFile,
    UnknownLibraryName,
    find_library_file,
    is_path,
    library_files,
    library_folder,
    resolve,
)
from .problems import LibraryError, Problem
from .reading import read_document, read_text
from .schemas import CALIBRATION_FORMAT, FORM_FORMAT, TOOLKIT_FORMAT, schema
from .yaml_lines import Document, describe_place

__all__ = [
    "CALIBRATION_FORMAT",
    "FORM_FORMAT",
    "TOOLKIT_FORMAT",
    "Document",
    "describe_place",
    "LibraryError",
    "LibraryFile",
    "Problem",
    "UnknownLibraryName",
    "find_library_file",
    "is_path",
    "library_files",
    "library_folder",
    "read_document",
    "read_text",
    "resolve",
    "schema",
]
