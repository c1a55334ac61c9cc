"""The code's own checks, run with the tests so that the README's one test command
(and CI, which runs it) keeps them: ruff's lint rules and formatting, mypy's types,
and import-linter's layers (command line and review app → services → language code,
formats and store → records; see pyproject.toml). Each runs the real tool on the
whole tree and fails with its report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], cwd=REPO, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize(
    "check",
    [
        ("-m", "ruff", "check", "."),
        ("-m", "ruff", "format", "--check", "."),
        ("-m", "mypy"),
    ],
    ids=["ruff check", "ruff format", "mypy"],
)
def test_the_tree_passes(check: tuple[str, ...]) -> None:
    done = run(sys.executable, *check)
    assert done.returncode == 0, done.stdout + done.stderr


def test_imports_run_one_way() -> None:
    done = run(BIN / "lint-imports", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
