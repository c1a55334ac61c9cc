"""Shared fixtures: real corpus files, and termbases on SQLite and on PostgreSQL.

Storage tests take the ``db_url`` fixture and so run once per backend. PostgreSQL comes
from GLOSSARY_TEST_POSTGRES_URL (``.ci/run`` sets it) or, failing that, from a
throwaway server that ``.ci/start-postgres`` starts when the machine has PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from cli import main

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
MANIFEST = CORPUS / "corpus.toml"


def _installed_postgres() -> bool:
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb"))


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    url = os.environ.get("GLOSSARY_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    if not _installed_postgres():
        message = "no PostgreSQL: set GLOSSARY_TEST_POSTGRES_URL or run .ci/run"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    started = subprocess.run(
        [str(REPO / ".ci" / "start-postgres")], check=True, capture_output=True, text=True
    )
    directory, url = started.stdout.split()
    try:
        yield url
    finally:
        subprocess.run([str(REPO / ".ci" / "start-postgres"), "--stop", directory], check=False)


@pytest.fixture
def postgres_url(postgres_admin_url: str) -> Iterator[str]:
    """A fresh, empty database on the test server, dropped afterwards."""
    name = f"glossary_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(postgres_admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A termbase URL for each backend; storage tests run on both."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'termbase.sqlite'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def sample_termbase(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A termbase built from the sample corpus, once per run. Tests that change it
    work on a copy (``shutil.copy``)."""
    db = tmp_path_factory.mktemp("sample") / "sample.sqlite"
    result = CliRunner().invoke(main, ["build", str(MANIFEST), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return db
