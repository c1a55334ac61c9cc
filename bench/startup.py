"""Benchmark: how long a small job takes from the command line, start to finish.

Each command runs in a fresh process, as a user runs it, several times; the fastest
run counts (the others measure the machine's noise). The named baseline, timed in the
same run, is the floor of any click command line in Python: an interpreter that
imports click and exits. The ratio says how many of those floors a command costs.

The jobs and their targets (issue 18): ``--help``, ``show``, ``terms`` and ``stats`` on
the sample termbase under 0.5 s; ``align`` of two short files under 1.5 s; ``ingest``
of a short file under 3 s, on top of the terminology build it triggers (here on a
new termbase, where that build is small). The sample termbase is built once at the
start, untimed.

    .venv/bin/python -m bench.startup
    .venv/bin/python -m bench.startup --runs 5
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file: bench/startup.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common

SHORT_ZH = "各位代表！\n今年要加快建设科技强国。\n"
SHORT_EN = (
    "Esteemed Deputies,\nThis year we will accelerate building China into a country "
    "strong in science and technology.\n"
)
BASELINE = [sys.executable, "-c", "import click"]
COLUMNS = (
    ("job", 34, "<"),
    ("target", 7, ">"),
    ("best s", 7, ">"),
    ("× floor", 7, ">"),
    ("", 4, "<"),
)


def _seconds(command: list[str], runs: int, before: list[str] | None = None) -> float:
    """The fastest of ``runs`` runs of ``command`` (after ``before``, untimed, each time)."""
    best = float("inf")
    for _ in range(runs):
        if before:
            subprocess.run(before, check=True, capture_output=True)
        start = time.perf_counter()
        done = subprocess.run(command, check=False, capture_output=True)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode(errors="replace"))
            raise SystemExit(f"benchmark command failed: {' '.join(command)}")
        best = min(best, elapsed)
    return best


def jobs(folder: Path) -> list[tuple[str, float, list[str], list[str] | None]]:
    """(name, target seconds, command, untimed preparation) of every job."""
    glossary = [sys.executable, "-m", "cli"]
    sample = str(folder / "sample.sqlite")
    zh, en = folder / "short.zh.txt", folder / "short.en.txt"
    zh.write_text(SHORT_ZH, encoding="utf-8")
    en.write_text(SHORT_EN, encoding="utf-8")
    fresh = folder / "fresh.sqlite"
    ingest = [
        *glossary,
        "ingest",
        str(zh),
        "--lang",
        "zh-Hans",
        "--role",
        "original",
        "--id",
        "short",
        "--db",
        str(fresh),
        "-q",
    ]
    remove = [
        sys.executable,
        "-c",
        f"import pathlib; pathlib.Path({str(fresh)!r}).unlink(missing_ok=True)",
    ]
    return [
        ("glossary --help", 0.5, [*glossary, "--help"], None),
        ("glossary stats", 0.5, [*glossary, "stats", "--db", sample], None),
        ("glossary terms", 0.5, [*glossary, "terms", "--db", sample], None),
        ("glossary show 科技强国", 0.5, [*glossary, "show", "科技强国", "--db", sample], None),
        (
            "glossary show kejiqiangguo",
            0.5,
            [*glossary, "show", "kejiqiangguo", "--db", sample],
            None,
        ),
        (
            "glossary align (two short files)",
            1.5,
            [*glossary, "align", str(zh), str(en), "--db", sample],
            None,
        ),
        ("glossary ingest (short file, new db)", 3.0, ingest, remove),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.startup",
        description="Seconds from start to finish of small command-line jobs, against "
        "the floor of a click command line (python -c 'import click') in the same run.",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per job; the fastest counts (default 3)"
    )
    args = parser.parse_args(argv)
    print("Small jobs from the command line, fastest of", args.runs, "runs each")
    print(
        common.provenance(
            common.revision(
                ("cli", "services", "glossary", "termbase", "records"), "uncommitted changes"
            )
        )
    )
    print()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "cli",
                "build",
                "-q",
                "--db",
                str(folder / "sample.sqlite"),
                str(common.CORPUS / "corpus.toml"),
            ],
            check=True,
            capture_output=True,
        )
        floor = _seconds(BASELINE, args.runs)
        print(common.line([name for name, *_ in COLUMNS], COLUMNS))
        print(
            common.line(
                ["python -c 'import click' (floor)", "-", f"{floor:.2f}", "1.0", ""], COLUMNS
            )
        )
        missed = 0
        for name, target, command, before in jobs(folder):
            seconds = _seconds(command, args.runs, before)
            missed += seconds > target
            verdict = "ok" if seconds <= target else "SLOW"
            print(
                common.line(
                    [name, f"{target:.1f}", f"{seconds:.2f}", f"{seconds / floor:.1f}", verdict],
                    COLUMNS,
                )
            )
    print()
    print(f"{missed} job(s) over target" if missed else "every job within its target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
