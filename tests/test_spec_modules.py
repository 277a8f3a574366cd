"""The packaged app's recipe leaves out no module the app imports (read statically:
building the bundle takes minutes and runs only in CI's packaging step)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "jining-archive.spec"
PACKAGE = ROOT / "desktop" / "jining_archive"


def spec_excludes() -> set[str]:
    """The module names in the spec's ``excludes`` list."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "excludes" for t in node.targets)
            and isinstance(node.value, ast.List)
        ):
            return {
                e.value
                for e in node.value.elts
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
            }
    raise AssertionError("the spec has no excludes list")


def imported_modules() -> dict[str, Path]:
    """Every module the app's source imports, with one file that imports it."""
    found: dict[str, Path] = {}
    for source in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    found.setdefault(alias.name, source)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.setdefault(node.module, source)
    return found


def test_the_spec_excludes_known_modules() -> None:
    excludes = spec_excludes()
    assert "PySide6.QtNetwork" in excludes and "tkinter" in excludes


def test_no_module_the_app_imports_is_left_out_of_the_bundle() -> None:
    excludes = spec_excludes()
    left_out = {
        module: str(where.relative_to(ROOT))
        for module, where in imported_modules().items()
        if any(module == e or module.startswith(e + ".") for e in excludes)
    }
    assert left_out == {}
