"""Two clean builds of one corpus give one termbase, whatever Python's hash seed:
the sets and dicts whose order string hashing decides must not steer the result."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import sqlalchemy as sa

from tests.conftest import MANIFEST


def _build(db: Path, seed: str) -> None:
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "cli", "build", "-q", "--db", str(db), str(MANIFEST)],
        check=True,
        env=environment,
        capture_output=True,
    )


def _scores(tmx: Path) -> list[tuple[str, str, str]]:
    """(document, method, x-score) of every unit, read back with the standard library."""
    found = []
    for unit in ET.parse(tmx).getroot().iter("tu"):
        props = {p.get("type"): p.text for p in unit.iter("prop")}
        segments = tuple(seg.text or "" for seg in unit.iter("seg"))
        found.append((props["x-document"], props["x-method"], props["x-score"], *segments))
    return sorted(found)


def test_builds_under_different_hash_seeds_are_the_same(tmp_path: Path) -> None:
    exports = []
    for seed in ("1", "2"):
        db = tmp_path / f"seed{seed}.sqlite"
        _build(db, seed)
        tmx = tmp_path / f"seed{seed}.tmx"
        export = ["export", "tmx", "-q", "-o", str(tmx), "--db", str(db)]
        subprocess.run([sys.executable, "-m", "cli", *export], check=True, capture_output=True)
        engine = sa.create_engine(f"sqlite:///{db}")
        with engine.connect() as connection:
            terms = connection.execute(
                sa.text(
                    "SELECT t.simplified, t.rank, r.text FROM terms t "
                    "LEFT JOIN renderings r ON r.term_id = t.id ORDER BY 1, 2, 3"
                )
            ).all()
        engine.dispose()
        exports.append((_scores(tmx), terms))
    (scores_one, terms_one), (scores_two, terms_two) = exports
    assert len(scores_one) > 150
    assert scores_one == scores_two
    assert terms_one == terms_two
