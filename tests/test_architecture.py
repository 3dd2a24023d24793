"""The layering of helpers/ holds, the registry is the one home of page facts, and no source
file names the office.

Layers, lowest first: ``core`` → ``present`` → ``pages`` → ``run``. A module imports only its
own layer or lower ones; a page module never imports another page; notebooks import only the
notebook glue, their own page module and the presentation layer. (docs/architecture.md)
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from support import NOTEBOOKS, REPO

PACKAGE = REPO / "helpers"
RANK = {"core": 0, "present": 1, "pages": 2, "run": 3}
OFFICE_WORDS = re.compile(r"Batu\s*Bara|Dinas\s+Sosial|PPPA|Dinsos", re.I)


def imported_modules(source: str) -> list[tuple[int, str]]:
    """Every ``helpers…`` module imported anywhere in ``source`` (also inside functions)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("helpers")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("helpers"):
            if node.module.count(".") <= 1:  # `from helpers import core`, `from helpers.pages import anggaran`
                found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"relative import at line {node.lineno}: use absolute helpers.… imports")
    return found


def layer_of(module: str) -> tuple[str, str]:
    """``helpers.pages.anggaran.views`` → ("pages", "anggaran")."""
    parts = module.split(".")
    return (parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else "")


def package_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_sits_in_a_layer():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert not loose, f"modules outside the layers core/present/pages/run: {loose}"
    for path in package_modules():
        rel = path.relative_to(PACKAGE)
        if rel.parts == ("__init__.py",):
            continue
        assert rel.parts[0] in RANK, f"{rel}: not in a layer folder ({', '.join(RANK)})"


@pytest.mark.parametrize("path", package_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_only_go_down(path):
    rel = path.relative_to(PACKAGE)
    if rel.parts == ("__init__.py",):
        return
    layer = rel.parts[0]
    own_page = rel.parts[1].removesuffix(".py") if layer == "pages" and len(rel.parts) > 1 else ""
    for line, module in imported_modules(path.read_text(encoding="utf-8")):
        target, page = layer_of(module)
        assert target in RANK, f"{rel}:{line} imports {module}, which is not in a layer"
        assert RANK[target] <= RANK[layer], f"{rel}:{line} ({layer}) imports the higher layer {module}"
        if layer == "pages" and target == "pages" and page not in ("", "__init__"):
            assert page == own_page, f"{rel}:{line}: page {own_page} imports another page, {module}"


def test_the_check_catches_a_broken_layering(tmp_path):
    """The checks above can fail: an upward and a sideways import are both recognised."""
    upward = imported_modules("def f():\n    from helpers.run.build import build\n")
    assert [layer_of(m)[0] for _, m in upward] == ["run"] and RANK["run"] > RANK["core"]
    sideways = imported_modules("from helpers.pages import anggaran\n")
    assert [layer_of(m) for _, m in sideways] == [("pages", "anggaran")]
    assert imported_modules("from helpers.pages.audit.x import y\n") == [(1, "helpers.pages.audit.x")]


def notebook_sources() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def _code(nb_path: Path) -> str:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"
                     and not "".join(c["source"]).lstrip().startswith(("%", "!")))


@pytest.mark.parametrize("nb_path", notebook_sources(), ids=lambda p: p.stem)
def test_notebooks_are_thin(nb_path):
    from helpers.core.registry import page_spec

    spec = page_spec(nb_path.stem)
    allowed = {"helpers.run.notebook", f"helpers.pages.{spec.module}", "helpers.present"}
    for line, module in imported_modules(_code(nb_path)):
        assert any(module == a or module.startswith(a + ".") for a in allowed), (
            f"{nb_path.name}: imports {module}; a notebook imports only the notebook glue, its page module "
            f"helpers.pages.{spec.module} and helpers.present")
    assert f'page="{nb_path.stem}"' in _code(nb_path), f"{nb_path.name}: setup() must name its own page"


def test_every_registered_page_has_its_notebook_and_module():
    from helpers.core.registry import load_registry

    pages, _ = load_registry()
    assert {p.notebook for p in pages} == {p.name for p in notebook_sources()}
    for page in pages:
        assert page.module, f"{page.notebook}: no module in pages.yaml"
        assert (PACKAGE / "pages" / f"{page.module}.py").is_file() or (PACKAGE / "pages" / page.module).is_dir()
        assert page.stem.split("-", 1)[-1].replace("-", "_").endswith(page.module) or page.module in page.stem.replace(
            "-", "_"), f"{page.notebook}: module {page.module} is not named like its notebook"
        assert page.products, f"{page.notebook}: declares no products in pages.yaml"


def test_page_years_are_written_only_in_pages_yaml():
    """No source file or notebook repeats a page's year range (tuples such as (2019, 2029))."""
    pattern = re.compile(r"\(\s*20[12]\d\s*,\s*20[23]\d\s*\)|PAGE_YEARS|years\s*=\s*\(\s*20")
    offenders = []
    for path in package_modules() + notebook_sources():
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(REPO)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not offenders, offenders


def test_no_source_file_names_the_office():
    offenders = []
    for path in package_modules() + notebook_sources() + [NOTEBOOKS / "pages.yaml"]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if OFFICE_WORDS.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()[:100]}")
    assert not offenders, "the office's identity belongs in data/opd.yaml:\n" + "\n".join(offenders)
