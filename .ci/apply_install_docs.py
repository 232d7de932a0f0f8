"""Apply docs/installing.md to a fresh `wagtail start` project, step by step.

Each code block of that page preceded by a ``<!-- vsend-install: ... -->``
comment is an instruction: append to a file, create a file, insert before a
line, or run in ``manage.py shell``. Applying them literally is how CI checks
that the page alone is enough to install vsend.

Usage: python apply_install_docs.py DOCS_PAGE PROJECT_DIR PYTHON files|run

``files`` applies the edits to files; ``run`` (after ``migrate``) runs the code.
"""

import re
import shlex
import subprocess
import sys
from pathlib import Path

INSTRUCTION = re.compile(r"<!-- vsend-install: (.+?) -->\s*\n```\w*\n(.*?)```", re.DOTALL)


FILE_ACTIONS = {"append", "create", "insert-before"}


def main(page, project, python, phase):
    project = Path(project)
    steps = INSTRUCTION.findall(Path(page).read_text(encoding="utf-8"))
    if not steps:
        sys.exit(f"{page}: no vsend-install instructions found")
    for instruction, code in steps:
        words = shlex.split(instruction)
        action = words[0]
        if (action in FILE_ACTIONS) != (phase == "files"):
            continue
        print(f"-> {instruction}", flush=True)
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
            lines = target.read_text().splitlines(keepends=True)
            index = next((i for i, line in enumerate(lines) if marker in line), None)
            if index is None:
                sys.exit(f"{target}: no line contains {marker!r}")
            lines[index:index] = [code]
            target.write_text("".join(lines))
        elif action == "run-python":
            subprocess.run([python, "manage.py", "shell", "-c", code], cwd=project, check=True)
        else:
            sys.exit(f"unknown instruction {instruction!r}")


if __name__ == "__main__":
    main(*sys.argv[1:])
