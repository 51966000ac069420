"""Conventions that matter, enforced (STYLE.md, "Tooling")."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps

from regions.scoping import RegionScoped

ROOT = Path(__file__).resolve().parent.parent
SKIP_PARTS = {".venv", "migrations", "tests", "var", "node_modules", "__pycache__", "bench"}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
RULES_MODULES = {
    "masking.py",
    "loader.py",
    "triage.py",
    "lifecycle.py",
    "scoring.py",
    "identifiers.py",
    "standards.py",
    "duty_rules.py",
    "coverage_rules.py",
    "completeness.py",
    "eligibility.py",
    "deadlines.py",
    "passwords.py",
    "archive_rules.py",
    "referral_rules.py",
    "filetypes.py",
    "periods.py",
    "indicators.py",
    "references.py",
    "validation.py",
    "stages.py",
}
GETTEXT_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}
# Modules allowed to query sensitive models besides selectors and services, with the reason.
SENSITIVE_QUERY_ALLOWED = {
    "lawstation/demo.py": "the demo loader writes in bulk, under unscoped()",
    "lawstation/demo_workstations.py": "the demo loader writes in bulk, under unscoped()",
    "lawstation/demo_cases.py": "the demo loader writes in bulk, under unscoped()",
    "lawstation/demo_compliance.py": "the demo loader writes in bulk, under unscoped()",
    "lawstation/demo_portal.py": "the demo loader writes in bulk, under unscoped()",
}


def project_files() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if not SKIP_PARTS.intersection(path.relative_to(ROOT).parts)
    )


def sensitive_model_names() -> set[str]:
    return {model.__name__ for model in apps.get_models() if issubclass(model, RegionScoped)}


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def is_service_or_selector(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return path.stem in {"services", "selectors", "models", "scoping"} or any(
        part in {"services", "selectors"} for part in parts
    )


def sensitive_queries(tree: ast.AST, names: set[str]) -> list[str]:
    """``line Model.manager`` for every manager access on a sensitive model in ``tree``."""
    return [
        f"{node.lineno} {node.value.id}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in {"objects", "all_objects", "_default_manager", "_base_manager"}
        and isinstance(node.value, ast.Name)
        and node.value.id in names
    ]


def test_there_are_sensitive_models_to_guard():
    assert {"AuditEntry", "Membership"} <= sensitive_model_names()


def test_sensitive_models_are_queried_only_in_selectors_and_services():
    names = sensitive_model_names()
    offenders = []
    for path in project_files():
        if is_service_or_selector(path) or relative(path) in SENSITIVE_QUERY_ALLOWED:
            continue
        tree = ast.parse(path.read_text(), str(path))
        offenders += [f"{relative(path)}:{hit}" for hit in sensitive_queries(tree, names)]
    assert not offenders, "Query sensitive models in selectors/services only:\n" + "\n".join(
        offenders
    )


def test_rules_modules_do_not_touch_the_database():
    offenders = []
    for path in project_files():
        if path.name not in RULES_MODULES:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            offenders += [
                f"{relative(path)}:{node.lineno} imports {m}"
                for m in modules
                if m == "django.db" or m.startswith("django.db.")
            ]
    assert not offenders, "\n".join(offenders)


def test_no_f_string_inside_gettext():
    offenders = []
    for path in project_files():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in GETTEXT_NAMES and any(isinstance(arg, ast.JoinedStr) for arg in node.args):
                offenders.append(f"{relative(path)}:{node.lineno}")
    assert not offenders, "Use named placeholders, not f-strings, in gettext:\n" + "\n".join(
        offenders
    )


@pytest.mark.parametrize("path", project_files(), ids=relative)
def test_modules_and_functions_stay_small(path):
    source = path.read_text()
    assert source.count("\n") <= MAX_MODULE_LINES, (
        f"{relative(path)} passes {MAX_MODULE_LINES} lines"
    )
    long_functions = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(source, str(path)))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long_functions, f"{relative(path)}: {', '.join(long_functions)}"


def test_the_architecture_check_catches_an_offender():
    """The scanner itself works: a view querying a sensitive model is flagged."""
    tree = ast.parse("def view(request):\n    return AuditEntry.all_objects.all()\n")
    assert sensitive_queries(tree, sensitive_model_names()) == ["2 AuditEntry.all_objects"]
    assert sensitive_queries(ast.parse("Region.objects.all()"), sensitive_model_names()) == []
