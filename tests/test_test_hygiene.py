# SPDX-License-Identifier: EUPL-1.2
"""Shared test helpers live in fixtures modules: no test imports a conftest module or another test module."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in the file, relative imports spelled with their leading dots."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            found.append((node.lineno, module))
            # `from tests import conftest` and `from . import test_x` name the module in the alias.
            found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return found


def _offending_imports(forbidden, root: Path = TESTS) -> list[str]:
    """Every import in root/**/*.py whose last name part is forbidden, as "file:line: module"."""
    return [
        f"{path.relative_to(root)}:{line}: {module}"
        for path in sorted(root.rglob("*.py"))
        for line, module in _imported_modules(path)
        if forbidden(module.rsplit(".", 1)[-1])
    ]


def _is_conftest(name: str) -> bool:
    return name == "conftest"


def test_no_test_imports_from_a_conftest_module():
    offending = _offending_imports(_is_conftest)
    assert not offending, "Helpers belong in a fixtures module, not in conftest.py:\n" + "\n".join(offending)


def test_no_test_imports_from_another_test_module():
    offending = _offending_imports(lambda name: name.startswith("test_"))
    assert not offending, "Shared helpers belong in a fixtures module:\n" + "\n".join(offending)


def test_the_scan_sees_every_spelling_of_a_conftest_import(tmp_path):
    (tmp_path / "test_sample.py").write_text(
        "import tests.conftest\nfrom tests.conftest import make_risk\nfrom . import conftest\n"
        "from .conftest import Cast\nfrom tests.fixtures import make_user\n"
    )
    lines = {entry.split(":")[1] for entry in _offending_imports(_is_conftest, tmp_path)}
    assert lines == {"1", "2", "3", "4"}
