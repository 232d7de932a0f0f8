"""Sphinx configuration for the vsend documentation.

The pages are MyST Markdown. There is no autodoc on purpose: the build must not
import Django settings or the plugin, so it runs anywhere Sphinx, myst-parser
and furo are installed (``make docs``).
"""

project = "vsend"
author = "The vsend contributors"
copyright = "The vsend contributors"

extensions = ["myst_parser"]

myst_enable_extensions = ["colon_fence", "deflist"]
# Anchors for headings up to level 3, so pages can link to each other's sections.
myst_heading_anchors = 3

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

language = "en"

html_theme = "furo"
html_title = "vsend"
html_show_sourcelink = False
