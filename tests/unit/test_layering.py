"""The engine knows Playwright and tenacity, nothing of Chamilo; the practice server knows nothing of the robot."""
from __future__ import annotations

import ast
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


def test_flows_hold_no_literal_selectors_or_urls():
    """Selectors and URLs live in flows/knowledge only."""
    for path in (ROOT / "flows").glob("*.py"):
        text = path.read_text()
        for marker in ('[name=', 'href*=', '.php', 'input[type'):
            assert marker not in text, f"{path.name} contains {marker!r}: move it to flows/knowledge"
