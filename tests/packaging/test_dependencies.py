"""vsend declares what it imports, and nothing only the reference site needs.

A project installs vsend from its wheel into an environment of its own: a
package vsend imports but does not declare may be missing there, whatever
this repository's environment happens to hold.
"""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
PACKAGE = REPOSITORY / "vsend_plugin"


def normalised(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def project():
    return tomllib.loads((REPOSITORY / "pyproject.toml").read_text())["project"]


def declared():
    names = (re.match(r"[A-Za-z0-9_.-]+", line).group() for line in project()["dependencies"])
    return {normalised(name) for name in names}


def imported_modules():
    modules = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"vsend_plugin"}


def test_every_package_vsend_imports_is_a_declared_dependency():
    distributions = packages_distributions()
    undeclared = {
        module: distributions.get(module)
        for module in imported_modules()
        if not {normalised(name) for name in distributions.get(module, [])} & declared()
    }
    assert undeclared == {}, "add these to [project] dependencies in pyproject.toml"


def test_what_only_the_reference_site_needs_is_an_extra():
    assert "dj-database-url" not in declared()
    extras = project()["optional-dependencies"]
    assert any(line.startswith("dj-database-url") for line in extras["site"])
    makefile = (REPOSITORY / "Makefile").read_text()
    assert "site" in makefile.split("pip install --quiet -e")[1].split()[0], "make install it"


def test_the_package_says_it_is_typed():
    assert (PACKAGE / "py.typed").exists()
    package_data = tomllib.loads((REPOSITORY / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]
    assert "py.typed" in package_data["vsend_plugin"]
