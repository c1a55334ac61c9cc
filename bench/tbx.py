"""Benchmark: TBX export and import (``exports.tbx``) against translate-toolkit.

A generated termbase (fixed seed; each size a prefix of the next) is written and
read in both flavours. translate-toolkit's ``tbxfile`` is the reference for TBX v2,
the format it and Weblate use: it builds the whole document as an lxml tree, while
``exports.tbx`` streams, so the interesting figures are time per term and whether
memory grows with the termbase.

Each measurement runs in a fresh process, so that its peak memory is its own.
Generating the records (for writers) is not timed and happens before the baseline
memory is taken; only the write or the read is timed. On a shared machine, times
vary by a factor of two from run to run: ``--repeat`` keeps each task's fastest.

    .venv/bin/python -m bench.tbx                 # 100,000 terms (about 2 minutes)
    .venv/bin/python -m bench.tbx --sizes 10000,100000
    .venv/bin/python -m bench.tbx --repeat 3      # the fastest of 3 runs per task
    .venv/bin/python -m bench.tbx --json bench/out/tbx.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a file: bench/tbx.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common
from records import Decision, RenderingRecord, TermRecord

SEED = 20250304
SIZES = (100_000,)

# --------------------------------------------------------------------------------
# The termbase
# --------------------------------------------------------------------------------

WORDS = (
    "reform",
    "opening",
    "development",
    "economic",
    "social",
    "system",
    "governance",
    "modernization",
    "people",
    "party",
    "central",
    "comprehensive",
    "deepening",
    "new",
    "era",
    "quality",
    "productive",
    "forces",
    "science",
    "technology",
    "innovation",
    "institutional",
    "security",
    "stability",
    "coordinated",
    "green",
    "shared",
    "rule",
    "of",
    "law",
    "planning",
    "united",
    "front",
    "regional",
    "foreign",
    "high-level",
    "cooperation",
    "initiative",
    "strategy",
    "common",
    "prosperity",
)
SUBJECTS = ("politics", "economy", "law", "diplomacy", "environment", "technology")
EDITORS = ("ann", "bob", "王编辑", "li.wei")
STATUSES = ("preferred", "admitted", "candidate", "candidate", "deprecated", "rejected")


def _english(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def _decision(rng: random.Random) -> Decision | None:
    if rng.random() < 0.5:
        return None
    day = dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=rng.randrange(2_000_000))
    return Decision(rng.choice(EDITORS), day)


def _rendering(rng: random.Random, status: str) -> RenderingRecord:
    text = _english(rng, 1, 5)
    documents = rng.sample(range(500), rng.randint(1, 3))
    return RenderingRecord(
        text=text,
        status=status,
        note=_english(rng, 4, 12) if rng.random() < 0.1 else None,
        context=f"{_english(rng, 4, 10).capitalize()} {text} {_english(rng, 4, 12)}.",
        sources={f"doc-{d:04d}": rng.randint(1, 9) for d in documents},
        decided=_decision(rng),
    )


def generate(size: int) -> list[TermRecord]:
    """``size`` distinct terms of 4–8 characters with 2–3 renderings each."""
    rng = random.Random(SEED)
    records: list[TermRecord] = []
    seen: set[str] = set()
    while len(records) < size:
        chars = [rng.choice(common.SYLLABLES) for _ in range(rng.randint(4, 8))]
        simplified = "".join(c[0] for c in chars)
        if simplified in seen:
            continue
        seen.add(simplified)
        statuses = ["preferred" if rng.random() < 0.6 else "candidate"]
        statuses += rng.sample(STATUSES, rng.randint(1, 2))
        records.append(
            TermRecord(
                simplified=simplified,
                traditional="".join(c[1] for c in chars),
                pinyin=" ".join(c[2] for c in chars),
                status=rng.choice(("approved", "candidate", "candidate", "rejected")),
                subject_field=rng.choice(SUBJECTS),
                definition=_english(rng, 8, 20) if rng.random() < 0.2 else None,
                note=_english(rng, 4, 12) if rng.random() < 0.1 else None,
                decided=_decision(rng),
                renderings=[_rendering(rng, status) for status in statuses],
            )
        )
    return records


# --------------------------------------------------------------------------------
# The tasks, each measured in its own process
# --------------------------------------------------------------------------------


def _first_target(record: TermRecord) -> str | None:
    preferred = [r.text for r in record.renderings if r.status == "preferred"]
    return (preferred or [r.text for r in record.renderings] or [None])[0]


def _ours_write(flavour: str) -> Callable[[int, Path], Callable[[], int]]:
    def prepare(size: int, path: Path) -> Callable[[], int]:
        from exports.tbx import write_tbx

        records = generate(size)
        return lambda: write_tbx(path, records, flavour=flavour)

    return prepare


def _ours_read(size: int, path: Path) -> Callable[[], int]:
    from exports.tbx import read_tbx

    return lambda: sum(1 for _ in read_tbx(path))


def _parse_only(size: int, path: Path) -> Callable[[], int]:
    """The floor under a reader that must parse with ``exports.safexml``: its events,
    each entry dropped from the tree once parsed, as ``read_tbx`` does, and no
    record built."""
    from exports.safexml import safe_iterparse

    def parse() -> int:
        count, body = 0, None
        for event, element in safe_iterparse(path, ("start", "end")):
            if event == "start":
                body = element if element.tag == "body" else body
            elif element.tag == "termEntry":
                body.remove(element)
                count += 1
        return count

    return parse


def _tt_write(size: int, path: Path) -> Callable[[], int]:
    from translate.storage import tbx

    records = generate(size)

    def write() -> int:
        store = tbx.tbxfile(sourcelanguage="zh-CN", targetlanguage="en")
        for record in records:
            store.addsourceunit(record.simplified).settarget(_first_target(record))
        path.write_bytes(bytes(store))
        return len(store.units)

    return write


def _tt_read(size: int, path: Path) -> Callable[[], int]:
    from translate.storage import tbx

    def read() -> int:
        store = tbx.tbxfile.parsefile(str(path))
        return sum(1 for unit in store.units if unit.source and unit.target is not None)

    return read


# name: (what it does, which file it works on, how to prepare it, reference task), in
# the order they run: each reference before the tasks compared with it, and each file
# written before it is read.
TASKS: dict[str, tuple[str, str, Callable[[int, Path], Callable[[], int]], str]] = {
    "tt-v2-write": ("translate-toolkit: write v2", "tt-v2.tbx", _tt_write, "tt-v2-write"),
    "ours-v2-write": ("ours: write v2", "ours-v2.tbx", _ours_write("v2"), "tt-v2-write"),
    "ours-basic-write": (
        "ours: write TBX-Basic",
        "ours-basic.tbx",
        _ours_write("basic"),
        "tt-v2-write",
    ),
    "tt-v2-read": ("translate-toolkit: read v2", "ours-v2.tbx", _tt_read, "tt-v2-read"),
    "ours-v2-read": ("ours: read v2", "ours-v2.tbx", _ours_read, "tt-v2-read"),
    "ours-basic-read": ("ours: read TBX-Basic", "ours-basic.tbx", _ours_read, "tt-v2-read"),
    "parse-only": ("safexml parse only (v2)", "ours-v2.tbx", _parse_only, "tt-v2-read"),
}


def measure(task: str, size: int, directory: Path) -> dict:
    _, filename, prepare, _ = TASKS[task]
    path = directory / filename
    run = prepare(size, path)
    gc.collect()
    rss_before = common.status_kib("VmRSS")
    resettable = common.reset_peak_rss()
    start = time.perf_counter()
    items = run()
    seconds = time.perf_counter() - start
    peak = common.peak_rss_kib(resettable)
    return {
        "task": task,
        "size": size,
        "items": items,
        "seconds": seconds,
        "rss_before_kib": rss_before,
        "peak_rss_kib": peak,
        "rss_growth_kib": common.growth_kib(peak, rss_before),
        "file_bytes": path.stat().st_size,
    }


def _run_worker(task: str, size: int, directory: Path) -> dict:
    return common.run_worker("bench.tbx", (task, str(size), str(directory)), f"{task} {size}")


# --------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------

COLUMNS = (
    ("task", 27, "<"),
    ("terms", 7, ">"),
    ("seconds", 7, ">"),
    ("terms/s", 7, ">"),
    ("× tt time", 9, ">"),
    ("peak RSS", 8, ">"),
    ("growth", 7, ">"),
    ("× tt growth", 11, ">"),
    ("file", 6, ">"),
)


def _ratio(value: float | None, reference: float | None) -> str:
    return "-" if not value or not reference else f"{value / reference:.2f}"


def _row(result: dict, reference: dict) -> str:
    return common.line(
        (
            TASKS[result["task"]][0],
            result["items"],
            f"{result['seconds']:.2f}",
            f"{result['items'] / result['seconds']:.0f}" if result["seconds"] else "-",
            _ratio(result["seconds"], reference["seconds"]),
            common.megabytes(result["peak_rss_kib"]),
            common.megabytes(result["rss_growth_kib"]),
            _ratio(result["rss_growth_kib"], reference["rss_growth_kib"]),
            f"{result['file_bytes'] / 2**20:.0f}M",
        ),
        COLUMNS,
    )


def _revision() -> str:
    """The commit measured, and whether the exporters' code differs from it."""
    return common.revision(
        (
            "exports/tbx.py",
            "exports/tbx_entries.py",
            "exports/tbx_basic.py",
            "exports/tbx_martif.py",
        ),
        "uncommitted changes in exports/tbx*",
    )


_parse_sizes = common.size_list(
    int, "sizes like 10000,100000", "sizes are numbers of terms, at least 1"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.tbx",
        description="Time and peak memory of TBX export and import (exports.tbx) on a "
        "generated termbase, against translate-toolkit's tbxfile.",
    )
    parser.add_argument(
        "--sizes",
        type=_parse_sizes,
        default=SIZES,
        help="numbers of terms, e.g. 10000,100000 (default 100000)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="run each task N times and keep the fastest (a busy machine)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results here")
    parser.add_argument(
        "--worker", nargs=3, metavar=("TASK", "SIZE", "DIR"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)

    if args.worker:
        task, size, directory = args.worker
        print(json.dumps(measure(task, int(size), Path(directory))))
        return 0

    print(f"TBX export and import on a generated termbase, seed {SEED}")
    print(common.provenance(_revision()))
    results: list[dict] = []
    for size in args.sizes:
        print()
        print(common.line([name for name, _, _ in COLUMNS], COLUMNS))
        by_task: dict[str, dict] = {}
        with tempfile.TemporaryDirectory(prefix="bench-tbx-") as directory:
            for task, (_, _, _, reference) in TASKS.items():
                runs = [_run_worker(task, size, Path(directory)) for _ in range(args.repeat)]
                result = min(runs, key=lambda run: run["seconds"])
                by_task[task] = result
                results.append(result)
                print(_row(result, by_task[reference]), flush=True)
    print()
    print("× tt: ours against translate-toolkit's v2 write or read (TBX-Basic rows too);")
    print("  below 1 is faster or leaner. translate-toolkit writes one target per term and")
    print("  no metadata; ours writes every rendering with its status, context, sources,")
    print("  decision, and the term's pinyin, traditional form, subject field and notes.")
    print("peak RSS: the worker's resident high-water mark during the task; growth: that")
    print("  peak less its resident memory before (writers hold the generated records).")
    print("Both readers read the file ours wrote in v2; ours builds full records, and")
    print("  translate-toolkit's time includes reading each unit's source and target.")
    print("safexml parse only: exports.safexml's events for that file, each entry dropped")
    print("  once parsed and no record built: the floor under a reader that must use it.")
    if args.repeat > 1:
        print(f"Each task ran {args.repeat} times, each in a fresh process; the fastest run.")
    if args.json:
        common.write_summary(args.json, _revision(), SEED, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
