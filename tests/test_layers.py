"""vsend's layers run one way: each module imports only from its own layer or those below.

The order (docs/architecture.md says why)::

    scoring < conf < core, charts < needs_forms, local_offer, toolkit < assessments
        < benchmarking < planning, moderation < records < api

Every module under ``vsend_plugin/`` is read with :mod:`ast`, imports inside
functions too (a late import is still a dependency). The test fails, naming
importer and imported, on an import up the order or across the middle layer,
on any app importing ``vsend_plugin.api`` (only urls include it), on another
app's ``_private`` name, on a cycle among one app's modules, on Django (or
Wagtail, or anything outside the standard library) in ``scoring/``, and on
``conf.py`` using more of Django than its settings.
"""

import ast
import sys
from collections import defaultdict
from pathlib import Path

import pytest

import vsend_plugin

PACKAGE = Path(vsend_plugin.__file__).parent

#: Each part of vsend and its layer: a part may import its own layer and those below.
LAYERS = {
    "scoring": 0,
    "conf": 0.5,  # vsend_plugin/conf.py: reads Django settings only
    "core": 1,
    "charts": 1,  # pure-Python SVG drawing, for any app above core
    "needs_forms": 2,
    "local_offer": 2,
    "toolkit": 2,
    "assessments": 3,
    "benchmarking": 4,
    "planning": 5,
    "moderation": 5,
    "records": 6,
    "api": 9,
    "urls": 10,  # vsend_plugin/urls.py, which includes every app's urls
}

#: Parts of one layer that are apps of their own and so do not import each other.
SIBLINGS = ({"needs_forms", "local_offer", "toolkit"}, {"planning", "moderation"})

#: Imports against the order that are known and being removed; each names why.
#: Keep it empty: an entry is a debt, not a permission.
ALLOWED = set()


def part_of(module):
    """``vsend_plugin.core.models`` -> ``core``; ``vsend_plugin`` itself -> ``None``."""
    names = module.split(".")
    return names[1] if len(names) > 1 else None


def module_name(path):
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    names = list(relative.parts)
    if names[-1] == "__init__":
        names.pop()
    return ".".join(names)


def vsend_modules():
    """Every module of the package (migrations included: they are code too)."""
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


MODULES = vsend_modules()


def resolve(importer, path, node):
    """The absolute module names an ``import``/``from ... import`` statement brings in.

    ``from .x import y`` is ``.x.y`` when ``y`` is a module of ours, else ``.x``
    (with ``y`` reported as the imported name).
    """
    if isinstance(node, ast.Import):
        return [(alias.name, None) for alias in node.names]
    if node.level:
        package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module
    found = []
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        if candidate in MODULES:
            found.append((candidate, None))
        else:
            found.append((base, alias.name))
    return found


def imports_of(importer, path):
    """(imported module, imported name or None, line) for each import in the module."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for module, name in resolve(importer, path, node):
                yield module, name, node.lineno


def all_imports():
    return [
        (importer, path, module, name, line)
        for importer, path in MODULES.items()
        for module, name, line in imports_of(importer, path)
    ]


IMPORTS = all_imports()


def where(importer, line):
    return f"{importer} (line {line})"


def test_every_part_of_vsend_has_a_layer():
    parts = {part_of(module) for module in MODULES} - {None}
    assert parts <= set(LAYERS), f"give these a layer in LAYERS: {sorted(parts - set(LAYERS))}"


def test_imports_run_down_the_layers():
    wrong = []
    for importer, _, module, _, line in IMPORTS:
        if not module.startswith("vsend_plugin.") or part_of(importer) is None:
            continue
        here, there = part_of(importer), part_of(module)
        if here == there or there == "api" and here == "urls":
            continue
        if there == "api":
            continue  # said by its own test
        upward = LAYERS[there] > LAYERS[here]
        sideways = any(here in group and there in group for group in SIBLINGS)
        if (upward or sideways) and (importer, module) not in ALLOWED:
            kind = "a sibling" if sideways else "a higher layer"
            wrong.append(f"{where(importer, line)} imports {module}, {kind} ({there})")
    assert not wrong, "\n".join(wrong)


def test_only_urls_import_the_api():
    wrong = [
        f"{where(importer, line)} imports {module}"
        for importer, _, module, _, line in IMPORTS
        if part_of(module) == "api"
        and module.startswith("vsend_plugin.")
        and part_of(importer) not in ("api", "urls")
    ]
    assert not wrong, "\n".join(wrong)


def test_no_part_imports_anothers_private_names():
    wrong = []
    for importer, _, module, name, line in IMPORTS:
        if not module.startswith("vsend_plugin.") or part_of(module) == part_of(importer):
            continue
        private = [part for part in module.split(".") if part.startswith("_")]
        if name and name.startswith("_"):
            private.append(name)
        if private:
            imported = f"{module}.{name}" if name else module
            wrong.append(f"{where(importer, line)} imports {imported}, private to its app")
    assert not wrong, "\n".join(wrong)


def cycles(graph):
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for following in sorted(graph[node]):
            if following not in index:
                visit(following)
                low[node] = min(low[node], low[following])
            elif following in on_stack:
                low[node] = min(low[node], index[following])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def module_graph():
    """Which of our modules each module imports, within its own app.

    Importing ``a.b.c`` runs ``a/b/__init__.py`` first, so the packages on
    the way count as imported too (but not the importer's own packages,
    which are already running when it is).
    """
    graph = defaultdict(set)
    for importer, _, module, _, _ in IMPORTS:
        graph[importer]
        while module.count(".") > 1:  # down to the app itself, whose __init__ imports nothing
            if (
                module in MODULES
                and part_of(module) == part_of(importer)
                and not f"{importer}.".startswith(f"{module}.")
            ):
                graph[importer].add(module)
            module = module.rpartition(".")[0]
    return graph


def test_no_import_cycles_within_an_app():
    found = cycles(module_graph())
    assert not found, "modules that import each other, round a circle:\n" + "\n".join(
        " -> ".join(group) for group in found
    )


def test_scoring_needs_only_the_standard_library():
    wrong = [
        f"{where(importer, line)} imports {module}"
        for importer, _, module, _, line in IMPORTS
        if part_of(importer) == "scoring"
        and not module.startswith("vsend_plugin.scoring")
        and module.partition(".")[0] not in sys.stdlib_module_names
    ]
    assert not wrong, "\n".join(wrong)


#: What ``vsend_plugin/conf.py`` may use: Django's settings (and hearing that they changed,
#: and saying that one is wrong), and the scoring module below it for its disclosure floor.
CONF_MAY_IMPORT = (
    "django.conf",
    "django.core.exceptions",
    "django.core.signals",
    "django.dispatch",
    "django.test.signals",
    "vsend_plugin.scoring",
)


def test_conf_reads_django_settings_and_scoring_only():
    wrong = [
        f"{where(importer, line)} imports {module}"
        for importer, _, module, _, line in IMPORTS
        if importer == "vsend_plugin.conf"
        and module.partition(".")[0] not in sys.stdlib_module_names
        and not module.startswith(CONF_MAY_IMPORT)
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from . import views", ["vsend_plugin.core.views"]),
        ("from .models import Council", ["vsend_plugin.core.models"]),
        ("from ..scoring import score", ["vsend_plugin.scoring"]),
        ("def f():\n    from vsend_plugin.api import urls", ["vsend_plugin.api.urls"]),
    ],
)
def test_the_reader_resolves_relative_and_late_imports(source, expected, monkeypatch, tmp_path):
    monkeypatch.setitem(MODULES, "vsend_plugin.core.views", PACKAGE / "core" / "views.py")
    path = PACKAGE / "core" / "example.py"
    tree = ast.parse(source)
    found = [
        module
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for module, _ in resolve("vsend_plugin.core.example", path, node)
    ]
    assert found == expected


def test_a_cycle_is_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
