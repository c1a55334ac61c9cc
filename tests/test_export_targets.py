"""`glossary export -o` on what is not a plain new file (issue 19, point 2): a symlink
is written through, a FIFO, a device or `-` (standard output) is written as a
stream, and a read-only file is refused, each left what it was. Every export is
read back by lxml, an XML parser independent of ours."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from cli import main


def export(db: Path, target: str, fmt: str = "tmx"):
    return CliRunner().invoke(main, ["export", fmt, "-o", target, "--db", str(db), "-q"])


def units(data: bytes) -> int:
    """How many <tu> lxml finds in a TMX (our reader is not the judge of our writer)."""
    return len(etree.fromstring(data).findall("body/tu"))


def test_a_symlink_is_written_through_and_stays_a_link(
    sample_termbase: Path, tmp_path: Path
) -> None:
    real = tmp_path / "exports" / "memory.tmx"
    real.parent.mkdir()
    real.write_text("old export", encoding="utf-8")
    link = tmp_path / "latest.tmx"
    link.symlink_to(real)
    result = export(sample_termbase, str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real
    assert units(real.read_bytes()) > 100
    assert [p.name for p in real.parent.iterdir()] == ["memory.tmx"]  # no temporary left


def test_a_dangling_symlink_creates_its_target(sample_termbase: Path, tmp_path: Path) -> None:
    link = tmp_path / "latest.tbx"
    link.symlink_to(tmp_path / "made.tbx")
    assert export(sample_termbase, str(link), "tbx").exit_code == 0
    assert link.is_symlink() and (tmp_path / "made.tbx").stat().st_size > 1000


def test_a_fifo_is_written_as_a_stream(sample_termbase: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as stream:  # blocks until the export opens the FIFO
            received.append(stream.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = export(sample_termbase, str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert not reader.is_alive(), "the export never wrote into the FIFO"
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert units(received[0]) > 100


def test_dash_writes_standard_output(
    sample_termbase: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", "tmx", "-o", "-", "--db", str(sample_termbase)])
    assert result.exit_code == 0, result.output
    assert units(result.stdout_bytes) > 100
    assert "written to standard output" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no file called "-"


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_written_in_place_and_stays_a_device(
    sample_termbase: Path, tmp_path: Path
) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    assert export(sample_termbase, str(null)).exit_code == 0
    assert stat.S_ISCHR(null.stat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_full_device_is_one_line_naming_it(sample_termbase: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # what /dev/full is
    result = export(sample_termbase, str(full))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: cannot write {full}: No space left on device"
    ]
    assert stat.S_ISCHR(full.stat().st_mode)


def test_a_read_only_file_is_refused_and_kept(sample_termbase: Path, tmp_path: Path) -> None:
    target = tmp_path / "approved.csv"
    target.write_text("keep me", encoding="utf-8")
    target.chmod(0o444)
    result = export(sample_termbase, str(target), "csv")
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == f"Error: cannot write {target}: it is read-only; nothing was written"
    )
    assert target.read_text(encoding="utf-8") == "keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["approved.csv"]


def test_a_replaced_file_keeps_its_permissions(sample_termbase: Path, tmp_path: Path) -> None:
    target = tmp_path / "shared.tbx"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert export(sample_termbase, str(target), "tbx2").exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    etree.parse(str(target))  # a whole, well-formed file
