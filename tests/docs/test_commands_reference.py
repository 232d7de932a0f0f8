"""docs/commands.md documents every management command vsend ships, and every option of each.

The commands are found on disk, under the plugin's apps and the reference
site's, so that a new command (or a new option of one) fails here until the
reference says what it does.
"""

import argparse
import re
from pathlib import Path

import pytest
from django.core.management import load_command_class

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "commands.md"
#: Where commands live, with the package their apps' modules are named from.
COMMAND_FOLDERS = [
    (ROOT, "vsend_plugin/*/management/commands"),
    (ROOT / "site", "vsend_site/*/management/commands"),
]


def shipped_commands():
    """(app module, command name) for every command file vsend and its reference site have."""
    found = []
    for base, pattern in COMMAND_FOLDERS:
        for folder in sorted(base.glob(pattern)):
            app = ".".join(folder.relative_to(base).parts[:-2])
            found += [
                (app, path.stem)
                for path in sorted(folder.glob("*.py"))
                if not path.stem.startswith("_")
            ]
    return found


def sections():
    """Each ``###`` section of the reference, by the command its heading names."""
    text = REFERENCE.read_text(encoding="utf-8")
    parts = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    return {re.match(r"`(\w+)`", part).group(1): part for part in parts}


def own_options(app, name):
    """The options the command adds itself (Django's own, such as --verbosity, are left out)."""
    parser = argparse.ArgumentParser()
    load_command_class(app, name).add_arguments(parser)
    return [
        option
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ]


def test_the_commands_are_found():
    names = [name for _, name in shipped_commands()]
    assert {"vsend_import_form", "vsend_rollup", "vsend_load_demo"} <= set(names)
    assert all(name.startswith("vsend_") for name in names), names


@pytest.mark.parametrize(
    "app, name", shipped_commands(), ids=[name for _, name in shipped_commands()]
)
def test_every_command_and_its_options_are_documented(app, name):
    documented = sections()
    assert name in documented, f"docs/commands.md has no section for {name}"
    section = documented[name]
    missing = [option for option in own_options(app, name) if option not in section]
    assert not missing, f"docs/commands.md does not say what {name}'s {missing} do"
    assert "```" in section, f"docs/commands.md gives no usage or example for {name}"


def test_the_site_commands_are_said_to_be_the_reference_sites():
    text = REFERENCE.read_text(encoding="utf-8")
    site_part = text.split("## The reference site's commands", 1)
    assert len(site_part) == 2, "docs/commands.md has no section for the reference site"
    for app, name in shipped_commands():
        in_site_part = f"### `{name}`" in site_part[1]
        assert in_site_part == app.startswith("vsend_site."), name
