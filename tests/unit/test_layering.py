"""The engine knows Playwright and tenacity, nothing of Chamilo; the practice server knows nothing of the robot."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_engine_knows_nothing_of_chamilo():
    for path in (ROOT / "robot" / "engine").rglob("*.py"):
        assert not imports_of(path) & {"flows", "practice_server"}, path
        assert "chamilo" not in path.read_text().lower(), path


def test_practice_server_imports_nothing_of_the_robot():
    for path in (ROOT / "practice_server").rglob("*.py"):
        assert not imports_of(path) & {"robot", "flows"}, path


def test_the_backup_reader_imports_nothing_of_either_side():
    """chamilo_backup is shared by the robot and the practice Chamilo: it may import neither."""
    for path in (ROOT / "chamilo_backup").rglob("*.py"):
        assert not imports_of(path) & {"robot", "flows", "practice_server"}, path


def test_flows_hold_no_literal_selectors_or_urls():
    """Selectors and URLs live in flows/knowledge only."""
    for path in (ROOT / "flows").glob("*.py"):
        text = path.read_text()
        for marker in ('[name=', 'href*=', '.php', 'input[type'):
            assert marker not in text, f"{path.name} contains {marker!r}: move it to flows/knowledge"


# a CSS selector naming a Chamilo id or class ("#cm-content .alert", ".data_table_pagination td")
_CSS_ID_OR_CLASS = re.compile(r"(^|[\s,>+~(])[#.][A-Za-z_-]")
_TAKES_SELECTOR = {"locator", "frame_locator", "alert_texts", "query_selector", "query_selector_all",
                   "wait_for_selector", "inner_text", "text_content", "click", "fill", "check", "is_visible"}


def test_flows_pass_no_literal_css_of_the_site():
    """No selector literal naming an id or class of Chamilo's pages in a flow (locator, alert_texts...):
    those are in flows/knowledge (plain HTML such as "option" or "body" is fine)."""
    found = []
    for path in (ROOT / "flows").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name not in _TAKES_SELECTOR:
                continue
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _CSS_ID_OR_CLASS.search(arg.value):
                    found.append(f"{path.name}:{arg.lineno}: {arg.value!r}")
    assert not found, "move these selectors to flows/knowledge:\n" + "\n".join(found)


# --- no import circles (ast-based) -------------------------------------------------------------------

PACKAGES = ("robot", "flows", "practice_server", "chamilo_backup", "tests")


def project_modules() -> dict[str, Path]:
    """Dotted name → file, for every module of the project's packages."""
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def import_statements(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement of a module, in functions too (a deferred import hides a circle from
    Python, not from the design: issue 12's robot.cli ↔ robot.commands.campaign circle was one), but
    not those under ``if TYPE_CHECKING:`` (never run)."""
    found: list[ast.Import | ast.ImportFrom] = []
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            todo.extend(node.orelse)
        else:
            todo.extend(ast.iter_child_nodes(node))
    return found


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The project modules that ``name`` imports (``from p import x``: p.x when x is a module, else p). Parents a submodule import loads implicitly are not counted: a package's
    ``__init__`` importing its own submodules is no circle."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in import_statements(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            bases = [a.name for a in node.names]
            members: list[str] = []
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            bases, members = [base], [a.name for a in node.names]
        for base in bases:
            subs = [f"{base}.{m}" for m in members if f"{base}.{m}" in modules]
            if subs:
                targets.update(subs)
            if len(subs) < len(members) or not members:
                while base and base not in modules:
                    base = base.rpartition(".")[0]
                if base:
                    targets.add(base)
    targets.discard(name)
    return targets


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return circles


def test_import_circle_finder_finds_one():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_circles(graph) == [["a", "b", "c"]]
    assert import_circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles_among_the_projects_modules():
    """robot, flows, practice_server, tests: no module imports, even indirectly, a module that imports it.
    (The commands' implementations are loaded by name, robot.commands.implementation: by design, not
    an import.)"""
    modules = project_modules()
    graph = {name: imported_modules(name, path, modules) for name, path in modules.items()}
    assert graph["robot.cli"] >= {"robot.commands", "robot.commands.context"}  # the finder sees imports
    assert import_circles(graph) == []
