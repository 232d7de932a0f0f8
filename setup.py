"""The one thing pyproject.toml cannot say: the forms library is a package of its own folder.

``forms_library/`` stays at the top of the repository, where councils and
editors find it, and is installed as ``vsend_plugin.forms_library`` (in a
wheel and in an editable install alike), so there is one copy of every file.
Everything else about the build is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["vsend_plugin*"]), "vsend_plugin.forms_library"],
    package_dir={"vsend_plugin.forms_library": "forms_library"},
)
