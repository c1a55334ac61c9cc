"""Benchmark: reading and writing TMX with ``exports.tmx``, against translate-toolkit.

For each size (units of a Chinese–English memory), every task runs in a fresh process
so that its peak memory is its own:

* **write**: ``write_tmx`` of the generated units, streamed from a generator;
* **tt write**: translate-toolkit building the same units in a ``tmxfile`` and
  serialising it;
* **read**: ``read_tmx`` over the file ``write`` made, every unit built;
* **tt read**: ``tmxfile.parsefile`` of that file, then every unit's id and its
  variants' languages and texts (what ``read`` hands out); **tt parse** is the
  parse alone, for reference;
* **iterparse**: a bare ``xml.etree.ElementTree.iterparse`` loop over the file that
  only visits the elements and clears each ``<tu>``; **safe iterparse** is the same
  loop over ``exports.safexml.safe_iterparse``, the parser ``read`` must use;
* **generate**: producing the units alone, a cost included in both writes.

Each task is timed in CPU seconds of its process (``time.process_time``) as well as
wall-clock seconds: on a shared machine with two cores the wall clock also counts the
time spent waiting for a core, which says nothing about the code. The ratios are of
CPU seconds, each the best of ``--repeat`` runs (the least disturbed one); the files
are in the page cache, so reading or writing them is a small part of either figure. The units are generated deterministically (fixed seed) from the
sample corpus: ~40 characters of the Chinese speech against ~25 words of its English
translation, a tuid, a creation date and a document prop each.

    .venv/bin/python -m bench.tmx                      # 100k and 1M units (~10 minutes)
    .venv/bin/python -m bench.tmx --sizes 10000,100000 --repeat 1
    .venv/bin/python -m bench.tmx --profile read       # where the time goes
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

if __package__ in (None, ""):  # run as a file: bench/tmx.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common
from exports.tmx import TmxHeader, TmxUnit, TmxVariant, format_date

SEED = common.SEED
SIZES = (100_000, 1_000_000)
CREATED = dt.datetime(2024, 6, 24, 9, 0, tzinfo=dt.UTC)
HEADER = TmxHeader(srclang="zh-CN", created=CREATED)
UNITS_PER_DOCUMENT = 200

# The targets
READ_VS_TT = 1.3  # reading at least 1.3× faster than translate-toolkit
READ_VS_ITERPARSE = 1.3  # reading within 1.3× of a bare iterparse loop
WRITE_VS_TT = 3.0  # writing at least 3× faster than translate-toolkit
FLAT_MIB = 10  # "flat": peak RSS grows by less than this from the smallest size to the largest


# --------------------------------------------------------------------------------
# The units
# --------------------------------------------------------------------------------


def _pools() -> tuple[str, list[str]]:
    """The Chinese speech without its whitespace, and its translation's words."""
    zh, en = common.corpus_file(common.ORIGINAL), common.corpus_file(common.TRANSLATION)
    return "".join(zh.read_text(encoding="utf-8").split()), en.read_text(encoding="utf-8").split()


def synthetic_units(count: int) -> Iterator[TmxUnit]:
    """``count`` units, the same ones every time: slices of the real speech (30–50
    characters) against runs of its translation's words (18–32)."""
    uniform = random.Random(SEED).random  # 10× faster than randrange, so generating
    zh_text, en_words = _pools()  # the units costs a fraction of writing them
    zh_starts, en_starts = len(zh_text) - 50, len(en_words) - 32
    for number in range(count):
        start = int(uniform() * zh_starts)
        zh = zh_text[start : start + 30 + int(uniform() * 21)]
        first = int(uniform() * en_starts)
        en = " ".join(en_words[first : first + 18 + int(uniform() * 15)])
        yield TmxUnit(
            [TmxVariant("zh-CN", zh), TmxVariant("en", en)],
            tuid=str(number + 1),
            created=CREATED + dt.timedelta(seconds=7 * number),
            props=[("x-document", f"doc-{number // UNITS_PER_DOCUMENT:05d}")],
        )


# --------------------------------------------------------------------------------
# The tasks; each returns the number of units it handled
# --------------------------------------------------------------------------------


def task_generate(count: int, path: Path) -> int:
    return sum(1 for _ in synthetic_units(count))


def task_write(count: int, path: Path) -> int:
    from exports.tmx import write_tmx

    return write_tmx(path, HEADER, synthetic_units(count))


def task_tt_write(count: int, path: Path) -> int:
    """translate-toolkit's own API for the units, lxml directly for what it lacks (tuid,
    creationdate, a prop), so that it writes what ``write`` writes."""
    from lxml import etree
    from translate.storage.tmx import tmxfile

    store = tmxfile(sourcelanguage="zh-CN")
    for unit in synthetic_units(count):
        zh, en = unit.variants
        tu = store.addsourceunit(zh.text, zh.lang)
        tu.settarget(en.text, en.lang, append=True)
        element = tu.xmlelement
        element.set("tuid", unit.tuid)
        element.set("creationdate", format_date(unit.created))
        for kind, value in unit.props:
            prop = etree.Element("prop", type=kind)
            prop.text = value
            element.insert(0, prop)
    with open(path, "wb") as out:
        store.serialize(out)
    return len(store.units)


def task_read(count: int, path: Path) -> int:
    from exports.tmx import read_tmx

    with read_tmx(path) as reader:
        return sum(1 for _ in reader)


def task_tt_read(count: int, path: Path) -> int:
    from translate.misc.xml_helpers import getXMLlang
    from translate.storage.tmx import tmxfile

    store = tmxfile.parsefile(str(path))
    for unit in store.units:
        unit.getid()
        for node in unit.getlanguageNodes():
            getXMLlang(node)
            unit.getNodeText(node)
    return len(store.units)


def task_tt_parse(count: int, path: Path) -> int:
    from translate.storage.tmx import tmxfile

    return len(tmxfile.parsefile(str(path)).units)


def _clearing_loop(events: Iterator) -> int:
    units = 0
    for _, element in events:
        if element.tag == "tu":
            element.clear()
            units += 1
    return units


def task_iterparse(count: int, path: Path) -> int:
    from xml.etree.ElementTree import iterparse

    return _clearing_loop(iterparse(path, ("end",)))


def task_safe_iterparse(count: int, path: Path) -> int:
    from exports.safexml import safe_iterparse

    return _clearing_loop(safe_iterparse(path, ("end",)))


# task -> (label, function, the file it writes or reads: ours, translate-toolkit's, none)
TASKS: dict[str, tuple[str, Callable[[int, Path], int], str | None]] = {
    "generate": ("generate", task_generate, None),
    "write": ("write", task_write, "ours"),
    "tt-write": ("tt write", task_tt_write, "tt"),
    "read": ("read", task_read, "ours"),
    "tt-read": ("tt read", task_tt_read, "ours"),
    "tt-parse": ("tt parse", task_tt_parse, "ours"),
    "iterparse": ("iterparse", task_iterparse, "ours"),
    "safe-iterparse": ("safe iterparse", task_safe_iterparse, "ours"),
}


# --------------------------------------------------------------------------------
# One measurement, in its own process (the memory helpers are bench/common.py's)
# --------------------------------------------------------------------------------


def measure(task: str, count: int, path: Path) -> dict:
    _, function, _ = TASKS[task]
    if task.startswith("tt"):  # its imports are not the task's memory
        import translate.storage.tmx  # noqa: F401
    rss_before = common.status_kib("VmRSS")
    resettable = common.reset_peak_rss()
    start, cpu_start = time.perf_counter(), time.process_time()
    handled = function(count, path)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak = common.peak_rss_kib(resettable)
    if handled != count:
        raise SystemExit(f"{task} handled {handled} units, not {count}")
    return {
        "task": task,
        "units": count,
        "seconds": seconds,
        "cpu": cpu,
        "rss_before_kib": rss_before,
        "peak_rss_kib": peak,
    }


def _run_worker(task: str, count: int, path: Path) -> dict:
    return common.run_worker("bench.tmx", (task, str(count), str(path)), f"{task} {count}")


def run(task: str, count: int, directory: Path, repeat: int) -> dict:
    """The least CPU time of ``repeat`` fresh processes, and the highest peak among them."""
    kind = TASKS[task][2]
    path = directory / f"{kind or 'no'}-{count}.tmx"
    runs = [_run_worker(task, count, path) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["cpu"])
    best["peak_rss_kib"] = max(r["peak_rss_kib"] for r in runs)
    best["bytes"] = path.stat().st_size if kind else None
    if kind == "tt":
        path.unlink()
    return best


# --------------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------------


def _row(result: dict) -> str:
    growth = result["peak_rss_kib"] - (result["rss_before_kib"] or 0)
    size = "-" if result["bytes"] is None else f"{result['bytes'] / 2**20:.0f}M"
    return (
        f"{TASKS[result['task']][0]:<15}{result['units']:>10,}{result['seconds']:>9.2f}"
        f"{result['cpu']:>9.2f}{result['units'] / result['cpu']:>12,.0f}"
        f"{common.megabytes(result['peak_rss_kib']):>10}"
        f"{common.megabytes(growth):>9}{size:>8}"
    )


HEADING = (
    f"{'task':<15}{'units':>10}{'wall s':>9}{'CPU s':>9}{'units/CPU s':>12}{'peak RSS':>10}"
    f"{'growth':>9}{'file':>8}"
)


def _verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def targets(results: dict[str, dict]) -> list[str]:
    """The ratios the targets name, for one size."""
    seconds = {task: result["cpu"] for task, result in results.items()}
    read_tt = seconds["tt-read"] / seconds["read"]
    read_parse = seconds["tt-parse"] / seconds["read"]
    read_bare = seconds["read"] / seconds["iterparse"]
    read_safe = seconds["read"] / seconds["safe-iterparse"]
    safe_bare = seconds["safe-iterparse"] / seconds["iterparse"]
    write_tt = seconds["tt-write"] / seconds["write"]
    return [
        f"  read  vs tt read:        {read_tt:5.2f}× faster   (target ≥ {READ_VS_TT}×)  "
        + _verdict(read_tt >= READ_VS_TT),
        f"  read  vs tt parse only:  {read_parse:5.2f}× faster   (for reference)",
        f"  read  vs iterparse:      {read_bare:5.2f}× its time (target ≤ {READ_VS_ITERPARSE}×)  "
        + _verdict(read_bare <= READ_VS_ITERPARSE),
        f"  read  vs safe iterparse: {read_safe:5.2f}× its time (for reference; safe iterparse "
        + f"itself takes {safe_bare:.2f}× iterparse's time)",
        f"  write vs tt write:       {write_tt:5.2f}× faster   (target ≥ {WRITE_VS_TT}×)  "
        + _verdict(write_tt >= WRITE_VS_TT),
    ]


def memory_lines(by_size: dict[int, dict[str, dict]]) -> list[str]:
    """Peak RSS growth of our tasks from the smallest size to the largest."""
    small, large = min(by_size), max(by_size)
    lines = []
    for task in ("write", "read"):
        first, last = by_size[small][task]["peak_rss_kib"], by_size[large][task]["peak_rss_kib"]
        growth = last - first
        flat = growth < FLAT_MIB * 1024
        lines.append(
            f"  {task:<5} peak RSS {common.megabytes(first)} at {small:,} → "
            f"{common.megabytes(last)} at {large:,} "
            f"({growth / 1024:+.1f}M; target: flat, < {FLAT_MIB}M)  {_verdict(flat)}"
        )
    return lines


def _revision() -> str:
    return common.revision(
        ("exports/tmx.py", "exports/safexml.py"), "uncommitted exports/tmx.py or safexml.py"
    )


_parse_sizes = common.size_list(int, "unit counts", "sizes are unit counts ≥ 1")


def profile(task: str, count: int, top: int) -> None:
    """cProfile of our read or write of ``count`` units."""
    import cProfile
    import pstats

    with tempfile.TemporaryDirectory(prefix="bench-tmx-") as directory:
        path = Path(directory) / "units.tmx"
        if task == "read":
            task_write(count, path)
        profiler = cProfile.Profile()
        profiler.enable()
        TASKS[task][1](count, path)
        profiler.disable()
    print(f"cProfile of {task}, {count:,} units")
    pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.tmx",
        description="Seconds and peak memory of exports.tmx reading and writing TMX, "
        "against translate-toolkit and bare iterparse loops.",
    )
    parser.add_argument("--sizes", type=_parse_sizes, default=SIZES, help="e.g. 100000,1000000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per task; the best counts")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results here")
    parser.add_argument(
        "--profile", choices=("read", "write"), help="profile our read or write instead"
    )
    parser.add_argument("--top", type=int, default=15, help="rows of --profile output")
    parser.add_argument(
        "--worker", nargs=3, metavar=("TASK", "UNITS", "FILE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)

    if args.worker:
        task, count, path = args.worker
        print(json.dumps(measure(task, int(count), Path(path))))
        return 0
    if args.profile:
        profile(args.profile, args.sizes[0], args.top)
        return 0

    print(
        f"TMX read and write, zh-CN/en units generated with seed {SEED}, "
        f"best of {args.repeat} by CPU time"
    )
    print(common.provenance(_revision()))
    by_size: dict[int, dict[str, dict]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-tmx-") as directory:
        for count in args.sizes:
            print()
            print(HEADING)
            by_size[count] = {}
            for task in TASKS:
                by_size[count][task] = result = run(task, count, Path(directory), args.repeat)
                print(_row(result), flush=True)
            print("\n".join(targets(by_size[count])))
            (Path(directory) / f"ours-{count}.tmx").unlink()
    if len(by_size) > 1:
        print()
        print("memory, smallest size to largest:")
        print("\n".join(memory_lines(by_size)))
    print()
    print("wall s, CPU s: the task's wall-clock and CPU seconds; the ratios are of CPU seconds.")
    print("peak RSS: the worker's resident high-water mark during the task; growth: that peak")
    print("  less its resident memory before the task (interpreter and imports).")
    print("file: the TMX written or read (tt write: translate-toolkit's own output).")
    if args.json:
        common.write_summary(args.json, _revision(), SEED, by_size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
