"""Apply docs/installing.md to a fresh `wagtail start` project, step by step.

Each code block of that page preceded by a ``<!-- vsend-install: ... -->``
comment is an instruction: append to a file, create a file, insert before a
line, replace a line, run commands (``$ python manage.py ...``), or run code
in ``manage.py shell``. Applying them literally is how CI checks that the page
alone is enough to install vsend. The page says to replace ``myproject`` with
the project's package; so does this script, in paths and code alike.

Usage: python apply_install_docs.py DOCS_PAGE PROJECT_DIR PROJECT_NAME PYTHON files|run

``files`` edits the project's files (``requirements.txt`` included, so run it
before installing); ``run`` (once installed) runs the page's commands and code.
"""

import re
import shlex
import subprocess
import sys
from pathlib import Path

INSTRUCTION = re.compile(r"<!-- vsend-install: (.+?) -->\s*\n```\w*\n(.*?)```", re.DOTALL)
PLACEHOLDER = "myproject"

FILE_ACTIONS = {"append", "create", "insert-before", "replace-line"}
RUN_ACTIONS = {"run-python", "manage"}


def lines_of(target):
    return target.read_text().splitlines(keepends=True)


def line_containing(target, lines, marker):
    index = next((i for i, line in enumerate(lines) if marker in line), None)
    if index is None:
        sys.exit(f"{target}: no line contains {marker!r}")
    return index


def console_commands(code):
    """The ``$ `` lines of a console block, each split as a shell would."""
    commands = [shlex.split(line[2:]) for line in code.splitlines() if line.startswith("$ ")]
    if not commands:
        sys.exit(f"no $ commands in {code!r}")
    return commands


def main(page, project, name, python, phase):
    project = Path(project)
    steps = INSTRUCTION.findall(Path(page).read_text(encoding="utf-8"))
    if not steps:
        sys.exit(f"{page}: no vsend-install instructions found")
    unknown = {shlex.split(i)[0] for i, _ in steps} - FILE_ACTIONS - RUN_ACTIONS
    if unknown:
        sys.exit(f"unknown instructions {sorted(unknown)}")
    for instruction, code in steps:
        instruction, code = instruction.replace(PLACEHOLDER, name), code.replace(PLACEHOLDER, name)
        words = shlex.split(instruction)
        action = words[0]
        if (action in FILE_ACTIONS) != (phase == "files"):
            continue
        print(f"   docs/installing.md: {instruction}", flush=True)
        if action == "append":
            target = project / words[1]
            target.write_text(target.read_text() + "\n" + code)
        elif action == "create":
            target = project / words[1]
            if target.exists():
                sys.exit(f"{target} exists already")
            target.write_text(code)
        elif action == "insert-before":
            marker, target = words[1], project / words[2]
            lines = lines_of(target)
            index = line_containing(target, lines, marker)
            lines[index:index] = [code]
            target.write_text("".join(lines))
        elif action == "replace-line":
            marker, target = words[1], project / words[2]
            lines = lines_of(target)
            lines[line_containing(target, lines, marker)] = code
            target.write_text("".join(lines))
        elif action == "manage":
            for command in console_commands(code):
                if command[:2] != ["python", "manage.py"]:
                    sys.exit(f"only `python manage.py ...` commands are run: {command}")
                print(f"   $ {shlex.join(command)}", flush=True)
                subprocess.run([python, *command[1:]], cwd=project, check=True)
        elif action == "run-python":
            subprocess.run([python, "manage.py", "shell", "-c", code], cwd=project, check=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
