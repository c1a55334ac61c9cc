"""Benchmark: how sentence alignment scales with the size of the corpus.

Aligns a generated corpus (``bench/corpus.py``: the real Qiushi pair, then documents
built from its sections and the newsletter's paragraph pairs) at several sizes, in
two layouts:

* **many documents**, the real case: every document aligned on its own, as ingesting
  a corpus does. Time per sentence should stay flat as the corpus grows.
* **one document**: the same sentences as one long original and one long
  translation, which shows how ``align_sentences`` grows with the length of a single
  document (its band is meant to keep that linear).

Each measurement runs in a fresh process, so that its peak memory is its own. Only
the calls to ``align_sentences`` are timed; loading the lexicon, warming jieba up and
generating the corpus are not.

    .venv/bin/python -m bench.align            # the full run (a few minutes)
    .venv/bin/python -m bench.align --quick    # a short one
    .venv/bin/python -m bench.align --sizes 1,10 --long-sizes 1,2
    .venv/bin/python -m bench.align --profile  # where the time goes, on the real pair
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING

if __package__ in (None, ""):  # run as a file: bench/align.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common
from bench.corpus import SEED, Document, concatenate, generate, sample_document, sample_size

if TYPE_CHECKING:
    from glossary.lexicon import Lexicon

SIZES = (1, 10, 30, 100)
# One long document. Its band is meant to make these linear too, but at commit 7a7ab7f
# the programme searches the whole lower triangle of its table (see bench/README.md),
# so time and memory grow with the square of the length: 8× takes a minute and 2 GB,
# 100× would take hours and far more memory than a machine has.
LONG_SIZES = (1, 2, 4)
QUICK_SIZES = (1, 3, 10)
QUICK_LONG_SIZES = (1, 2)
LAYOUTS = {"many": "many documents", "one": "one document"}


# --------------------------------------------------------------------------------
# One measurement, in its own process
# --------------------------------------------------------------------------------


def _workload(scale: float, layout: str) -> tuple[Lexicon, list[Document]]:
    """A lexicon warmed on the real pair (jieba's dictionary, the lexicon's cache) and
    the generated documents of that size, as one document for the "one" layout."""
    from glossary.alignment import align_sentences
    from glossary.lexicon import Lexicon

    lexicon = Lexicon()
    warm = sample_document()
    align_sentences(warm.zh, warm.en, lexicon)
    documents = generate(round(scale * sample_size()))
    if layout == "one":
        documents = [concatenate(documents)]
    return lexicon, documents


def measure(layout: str, scale: float, traced: bool) -> dict:
    from glossary.alignment import align_sentences

    lexicon, documents = _workload(scale, layout)
    gc.collect()
    rss_before = common.status_kib("VmRSS")
    resettable = common.reset_peak_rss()
    max_rss_before = common.max_rss_kib()
    if traced:
        tracemalloc.start()
    seconds = 0.0
    pairs = beads_total = in_block = 0
    for document in documents:
        start = time.perf_counter()
        beads = align_sentences(document.zh, document.en, lexicon)
        seconds += time.perf_counter() - start
        beads_total += len(beads)
        for bead in beads:
            if bead.zh and bead.en:
                pairs += 1
                origins = {document.zh_block[i] for i in bead.zh}
                origins |= {document.en_block[j] for j in bead.en}
                in_block += len(origins) == 1
        del beads
    traced_peak = tracemalloc.get_traced_memory()[1] if traced else None
    if traced:
        tracemalloc.stop()
    if resettable:
        peak = common.status_kib("VmHWM")
    else:  # the process's high-water mark, which may predate the alignment
        peak = common.max_rss_kib() if common.max_rss_kib() > max_rss_before else None
    return {
        "layout": layout,
        "scale": scale,
        "documents": len(documents),
        "zh": sum(len(d.zh) for d in documents),
        "en": sum(len(d.en) for d in documents),
        "sentences": sum(d.size for d in documents),
        "beads": beads_total,
        "pairs": pairs,
        "in_block": in_block,
        "seconds": seconds,
        "rss_before_kib": rss_before,
        "peak_rss_kib": peak,
        "rss_growth_kib": common.growth_kib(peak, rss_before),
        "traced_peak_bytes": traced_peak,
    }


def _run_worker(layout: str, scale: float, traced: bool) -> dict:
    arguments = [layout, str(scale)] + (["--tracemalloc"] if traced else [])
    return common.run_worker("bench.align", arguments, f"{layout} {scale}×")


# --------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------

COLUMNS = (
    ("layout", 14, "<"),
    ("size", 5, ">"),
    ("docs", 5, ">"),
    ("sentences", 9, ">"),
    ("pairs", 6, ">"),
    ("in-block", 8, ">"),
    ("seconds", 8, ">"),
    ("pairs/s", 7, ">"),
    ("ms/sent", 7, ">"),
    ("ratio", 5, ">"),
    ("peak RSS", 8, ">"),
    ("growth", 7, ">"),
    ("traced", 7, ">"),
)


def _columns(traced: bool) -> tuple[tuple[str, int, str], ...]:
    return COLUMNS if traced else COLUMNS[:-1]


def _row(result: dict, baseline: dict, traced_column: bool) -> str:
    per_sentence = result["seconds"] / result["sentences"]
    base = baseline["seconds"] / baseline["sentences"]
    traced = result["traced_peak_bytes"]
    cells = (
        LAYOUTS[result["layout"]],
        f"{result['scale']:g}×",
        result["documents"],
        result["sentences"],
        result["pairs"],
        f"{100 * result['in_block'] / (result['pairs'] or 1):.0f}%",
        f"{result['seconds']:.1f}",
        f"{result['pairs'] / result['seconds']:.1f}" if result["seconds"] else "-",
        f"{1000 * per_sentence:.1f}",
        f"{per_sentence / base:.2f}" if base else "-",
        common.megabytes(result["peak_rss_kib"]),
        common.megabytes(result["rss_growth_kib"]),
        common.megabytes(traced, 1024 * 1024) if traced is not None else "-",
    )
    if not traced_column:
        cells = cells[:-1]
    columns = _columns(traced_column)
    return common.line(cells, columns)


def _revision() -> str:
    """The commit measured, and whether the aligner's code differs from it."""
    return common.revision(("glossary",), "uncommitted changes in glossary/", untracked=False)


_parse_sizes = common.size_list(float, "sizes like 1,10,100", "sizes start at 1 (the real pair)")


def profile(scale: float, top: int, layout: str) -> None:
    """cProfile of align_sentences on the corpus of that size and layout."""
    import cProfile
    import pstats

    from glossary.alignment import align_sentences

    lexicon, documents = _workload(scale, layout)
    profiler = cProfile.Profile()
    profiler.enable()
    for document in documents:
        align_sentences(document.zh, document.en, lexicon)
    profiler.disable()
    sentences = sum(d.size for d in documents)
    print(
        f"cProfile of align_sentences: {len(documents)} document(s), "
        f"{sentences} sentences ({scale:g}×)"
    )
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.align",
        description="Sentence pairs per second and peak memory of align_sentences on a "
        "generated corpus, at several sizes (1× = the real Qiushi pair, "
        f"{sample_size()} sentences).",
    )
    parser.add_argument("--sizes", type=_parse_sizes, help="many-documents sizes, e.g. 1,10,30,100")
    parser.add_argument("--long-sizes", type=_parse_sizes, help="one-document sizes, e.g. 1,2,4")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a short run")
    parser.add_argument("--layout", choices=("many", "one", "both"), default="both")
    parser.add_argument(
        "--tracemalloc", action="store_true",
        help="also measure the traced Python peak, in a second run per size (about 3.5× slower)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results here")
    parser.add_argument(
        "--profile", nargs="?", const=1.0, type=float, metavar="SIZE",
        help="profile instead: top hotspots of align_sentences at SIZE (default 1; "
        "many documents unless --layout one)",
    )
    parser.add_argument("--top", type=int, default=15, help="rows of --profile output")
    parser.add_argument("--worker", nargs=2, metavar=("LAYOUT", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        layout, scale = args.worker
        print(json.dumps(measure(layout, float(scale), args.tracemalloc)))
        return 0
    if args.profile is not None:
        profile(args.profile, args.top, "one" if args.layout == "one" else "many")
        return 0

    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    long_sizes = args.long_sizes or (QUICK_LONG_SIZES if args.quick else LONG_SIZES)
    plan = []
    if args.layout in ("many", "both"):
        plan += [("many", s) for s in sizes]
    if args.layout in ("one", "both"):
        plan += [("one", s) for s in long_sizes]

    print(
        "align_sentences on a generated corpus: "
        f"1× = the real pair ({sample_size()} sentences), seed {SEED}"
    )
    print(common.provenance(_revision()))
    print()
    columns = _columns(args.tracemalloc)
    print(common.line([name for name, _, _ in columns], columns))
    results: list[dict] = []
    baselines: dict[str, dict] = {}
    for layout, scale in plan:
        result = _run_worker(layout, scale, traced=False)
        if args.tracemalloc:
            traced = _run_worker(layout, scale, traced=True)
            result["traced_peak_bytes"] = traced["traced_peak_bytes"]
        baselines.setdefault(layout, result)
        results.append(result)
        print(_row(result, baselines[layout], args.tracemalloc), flush=True)
    print()
    print("in-block: pairs whose sentences all come from one block of real text (a sanity check).")
    print("ratio: time per sentence against the smallest size of the layout; 1.0 is linear.")
    print("peak RSS: the worker's resident high-water mark while aligning (the lexicon and jieba")
    print("  take most of it); growth: that peak less its resident memory before aligning.")
    if args.tracemalloc:
        print("traced: tracemalloc's peak of Python allocations while aligning, in a second run.")
    for layout, name in LAYOUTS.items():
        fitted = common.growth(
            [(r["sentences"], r["seconds"]) for r in results if r["layout"] == layout], "sentences"
        )
        if fitted:
            print(f"{name}: {fitted}")
    if args.json:
        common.write_summary(args.json, _revision(), SEED, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
