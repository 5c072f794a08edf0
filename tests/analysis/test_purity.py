"""analysis/ is pure: plain data in, plain data out, no Django."""
import ast
from pathlib import Path

import districtlab.analysis as analysis


def test_analysis_modules_import_no_django():
    for path in Path(analysis.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] in {"django", "rest_framework"} or n.startswith("districtlab.org")
                           for n in names), f"{path.name} imports {names}"
