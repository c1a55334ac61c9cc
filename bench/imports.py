"""Benchmark: importing a large CSV glossary (``glossary import``), against the
standard library's CSV reader on the same file.

The file is the sample termbase's own CSV export, its rows made many: each copy of
a row gets a distinct term (two more characters, with their pinyin and traditional
forms), and keeps the row's renderings, statuses and sources. So every row is a new
term shaped like a real one (about 2.3 renderings and 2.3 documents with
occurrences a term), and an import writes what a real import writes: the term, its
renderings, their evidence and the review log's entries.

Tasks, each in a fresh process so that its peak memory is its own:

* **stdlib csv**: ``csv.reader`` over the file, every row read and nothing built:
  the floor under any CSV import in Python, and the baseline the rates are put
  against.
* **read**: ``services.exchange.read_records``, every row made a record: the file
  decoded as it streams, its control characters dropped, ``read_csv``'s rows parsed.
* **import**: ``services.exchange.import_file`` into an empty SQLite termbase, as
  ``glossary import`` runs it (limits, control characters, screening, merge, one
  transaction; the file read, screened and its terms' fields derived in a forked
  process while the worker merges).
* **re-import**: the same file again into that termbase: every term is found,
  nothing changes (the path of a re-imported export).

    .venv/bin/python -m bench.imports                      # 10k, 100k and 1M rows
    .venv/bin/python -m bench.imports --sizes 10000,100000
    .venv/bin/python -m bench.imports --json bench/out/imports.json

The sample termbase is built from ``../shared/corpus`` first (about 6 seconds);
``--base FILE`` uses a CSV export you already have instead.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from itertools import product
from pathlib import Path

if __package__ in (None, ""):  # run as a file: bench/imports.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common

SIZES = (10_000, 100_000, 1_000_000)
TARGET = 20_000  # rows a second an import must reach (issue 19)
# Characters that make each copy of a row a distinct term, so that the terms look like
# political vocabulary: the first 40 syllables, for 1,600 + 64,000 suffixes.
SUFFIXES = common.SYLLABLES[:40]


# --------------------------------------------------------------------------------
# The file
# --------------------------------------------------------------------------------


def base_export(directory: Path) -> Path:
    """The sample termbase's CSV export, built from the sample corpus."""
    manifest = common.corpus_file("corpus.toml")
    db, export = directory / "sample.sqlite", directory / "sample.csv"
    glossary = [sys.executable, "-m", "cli"]
    for command in (
        ["build", "-q", "--db", str(db), str(manifest)],
        ["export", "csv", "-q", "--db", str(db), "-o", str(export)],
    ):
        done = subprocess.run(
            [*glossary, *command], cwd=common.REPO, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"could not make the sample export: glossary {command[0]}")
    return export


def _joined_pinyin(syllables: list[str]) -> str:
    """Syllables as one word, with the apostrophe pinyin puts before a syllable that
    starts with a, o or e (gǎi'ān, not gǎiān)."""
    word = syllables[0]
    for syllable in syllables[1:]:
        word += ("'" if syllable[0] in "aāáǎàoōóǒòeēéěè" else "") + syllable
    return word


def _suffixes() -> Iterator[tuple[str, str, str]]:
    """Two, then three characters: 1,600 + 64,000 distinct suffixes."""
    for length in (2, 3):
        for chars in product(SUFFIXES, repeat=length):
            yield (
                "".join(c[0] for c in chars),
                "".join(c[1] for c in chars),
                _joined_pinyin([c[2] for c in chars]),
            )


def make_file(base: Path, rows: int, target: Path) -> int:
    """``rows`` rows made of the base export's, each a distinct term."""
    with base.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        header = next(reader)
        originals = list(reader)
    column = {name: header.index(name) for name in ("simplified", "traditional", "pinyin")}
    written = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        for simplified, traditional, pinyin in _suffixes():
            for original in originals:
                if written == rows:
                    return written
                row = list(original)
                row[column["simplified"]] += simplified
                row[column["traditional"]] = (
                    row[column["traditional"]] or original[column["simplified"]]
                ) + traditional
                row[column["pinyin"]] = f"{row[column['pinyin']]} {pinyin}".strip()
                writer.writerow(row)
                written += 1
    return written


# --------------------------------------------------------------------------------
# The tasks, each measured in its own process
# --------------------------------------------------------------------------------


def _stdlib(path: Path, db: Path) -> Callable[[], int]:
    def run() -> int:
        with path.open(encoding="utf-8", newline="") as stream:
            return sum(1 for _ in csv.reader(stream)) - 1

    return run


def _read(path: Path, db: Path) -> Callable[[], int]:
    from services.exchange import read_records
    from services.formats import Format

    return lambda: sum(1 for _ in read_records(path, Format.CSV))


def _import(path: Path, db: Path) -> Callable[[], int]:
    from glossary.pinyin import pinyin_marks
    from glossary.script import to_traditional
    from services.exchange import import_file
    from termbase import Termbase

    pinyin_marks("科技"), to_traditional("科技")  # dictionaries loaded before timing
    termbase = Termbase.open(str(db), create=True)

    def run() -> int:
        counts = import_file(termbase, path, "bench").counts
        return counts.created + counts.updated + counts.unchanged

    return run


# name: (what it does, how to prepare it), in the order they run: the re-import
# imports into the termbase the import made.
TASKS: dict[str, tuple[str, Callable[[Path, Path], Callable[[], int]]]] = {
    "stdlib": ("stdlib csv.reader", _stdlib),
    "read": ("ours: read_csv", _read),
    "import": ("ours: import, new terms", _import),
    "reimport": ("ours: re-import, unchanged", _import),
}


def measure(task: str, path: Path, db: Path) -> dict:
    run = TASKS[task][1](path, db)
    gc.collect()
    rss_before = common.status_kib("VmRSS")
    resettable = common.reset_peak_rss()
    start = time.perf_counter()
    cpu = time.process_time()
    rows = run()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = common.peak_rss_kib(resettable)
    reader = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "task": task,
        "rows": rows,
        "seconds": seconds,
        "cpu_seconds": cpu,
        "rss_before_kib": rss_before,
        "peak_rss_kib": peak,
        "rss_growth_kib": common.growth_kib(peak, rss_before),
        # the process an import forks to read its file (services.forked): the only
        # child a worker waits for; its resident pages include those it shares
        # with the worker, as they were when it forked
        "reader_cpu_seconds": reader.ru_utime + reader.ru_stime,
        "reader_peak_rss_kib": reader.ru_maxrss or None,
    }


# --------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------

COLUMNS = (
    ("task", 27, "<"),
    ("rows", 8, ">"),
    ("seconds", 7, ">"),
    ("CPU s", 6, ">"),
    ("rows/s", 8, ">"),
    ("× stdlib", 8, ">"),
    ("peak RSS", 8, ">"),
    ("growth", 7, ">"),
    ("reader RSS", 10, ">"),
)


def _row(result: dict, baseline: dict) -> str:
    seconds = result["seconds"]
    return common.line(
        (
            TASKS[result["task"]][0],
            result["rows"],
            f"{seconds:.2f}",
            f"{result['cpu_seconds'] + result['reader_cpu_seconds']:.2f}",
            f"{result['rows'] / seconds:.0f}" if seconds else "-",
            f"{seconds / baseline['seconds']:.0f}" if baseline["seconds"] else "-",
            common.megabytes(result["peak_rss_kib"]),
            common.megabytes(result["rss_growth_kib"]),
            common.megabytes(result["reader_peak_rss_kib"]),
        ),
        COLUMNS,
    )


_parse_sizes = common.size_list(int, "sizes like 10000,100000", "sizes are numbers of rows")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.imports",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        type=_parse_sizes,
        default=SIZES,
        help="numbers of rows (default 10000,100000,1000000)",
    )
    parser.add_argument("--base", type=Path, help="a CSV export to make the rows of")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results here")
    parser.add_argument("--worker", nargs=3, metavar=("TASK", "FILE", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        task, path, db = args.worker
        print(json.dumps(measure(task, Path(path), Path(db))))
        return 0

    print("CSV glossary import: the sample termbase's export, its rows made distinct terms")
    revision = common.revision(("exports", "services", "termbase"), "uncommitted changes")
    print(common.provenance(revision))
    results: list[dict] = []
    slow = []
    with tempfile.TemporaryDirectory(prefix="bench-imports-") as name:
        directory = Path(name)
        base = args.base or base_export(directory)
        for size in args.sizes:
            path, db = directory / f"rows-{size}.csv", directory / f"rows-{size}.sqlite"
            rows = make_file(base, size, path)
            print()
            print(f"{rows:,} rows, {path.stat().st_size / 2**20:.0f} MiB")
            print(common.line([heading for heading, _, _ in COLUMNS], COLUMNS))
            baseline: dict | None = None
            for task in TASKS:
                result = common.run_worker(
                    "bench.imports", (task, str(path), str(db)), f"{task} {size}"
                )
                result["size"] = size
                baseline = baseline or result
                results.append(result)
                print(_row(result, baseline), flush=True)
                if task in ("import", "reimport") and result["rows"] / result["seconds"] < TARGET:
                    slow.append(f"{task} at {size:,}")
            db.unlink(missing_ok=True)
            path.unlink(missing_ok=True)
    print()
    print("× stdlib: seconds over those of csv.reader reading the same file (the baseline).")
    print("CPU s: processor time of the worker (its threads too) and of the process it")
    print("  forks to read the file: what the task costs a machine whose cores are busy.")
    print("peak RSS: the worker's resident high-water mark during the task; growth: that")
    print("  peak less its resident memory before (dictionaries and modules loaded);")
    print("  reader RSS: that of the process an import forks to read the file, pages it")
    print("  shares with the worker included.")
    print(
        f"Target: at least {TARGET:,} rows/s for an import, memory flat as the file grows"
        + (f"; MISSED: {', '.join(slow)}" if slow else "; met.")
    )
    if args.json:
        common.write_summary(args.json, "not recorded", 0, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
