"""Derived data kept in the user's cache folder: derived once, read back whole, and
derived again rather than trusted when the file is damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.disk_cache import MARSHAL, PICKLE, cached


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "glossary"


@pytest.mark.parametrize("codec", [MARSHAL, PICKLE])
def test_derived_once_then_read_back(cache_home: Path, codec) -> None:
    calls = []

    expected = {"科技": ("science and technology",), "强国": ("powerful country", "great power")}

    def derive() -> dict[str, tuple[str, ...]]:
        calls.append(1)
        return dict(expected)

    first = cached("data.bin", derive, codec)
    second = cached("data.bin", derive, codec)
    assert first == second == expected
    assert len(calls) == 1
    assert (cache_home / "data.bin").is_file()


def test_a_damaged_file_is_derived_again(cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    (cache_home / "data.bin").write_bytes(b"\x00not marshal data")
    assert cached("data.bin", lambda: {"a": ("b",)}, MARSHAL) == {"a": ("b",)}
    assert cached("data.bin", lambda: {"other": ()}, MARSHAL) == {"a": ("b",)}  # now whole


def test_an_unwritable_cache_folder_only_costs_the_derivation(cache_home: Path) -> None:
    cache_home.parent.mkdir(parents=True, exist_ok=True)
    cache_home.write_text("a file where the folder should be")
    assert cached("data.bin", lambda: [1, 2], PICKLE) == [1, 2]
