"""Benchmark: how sentence alignment scales with the size of the corpus.

Aligns a generated corpus (``bench/corpus.py``: the real Qiushi pair, then documents
built from its sections and the newsletter's paragraph pairs) at several sizes, in
two layouts, and the real pairs of ``../shared``:

* **many documents**, the real case: every document aligned on its own, as ingesting
  a corpus does. Time per sentence should stay flat as the corpus grows.
* **one document**: the same sentences as one long original and one long
  translation, which shows how ``align_sentences`` grows with the length of a single
  document.
* **real pairs**: the sample speech, the 2016 and 2017 Government Work Reports, and
  all three as one long pair (about 1,300 Chinese and 1,460 English sentences).

Every measurement is made twice, each in a fresh process (so that its peak memory is
its own): with the anchors-then-windows search and with the baseline, the band
search the aligner used before anchors (``anchored=False``); the table prints the
speed-up and the share of beads both find. Only the calls to ``align_sentences`` are
timed; loading the lexicon, warming jieba up and generating the corpus are not.

    .venv/bin/python -m bench.align            # the full run (a few minutes)
    .venv/bin/python -m bench.align --quick    # a short one
    .venv/bin/python -m bench.align --sizes 1,10 --long-sizes 1,2 --real gwr-2017
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
from bench.corpus import (
    SEED,
    Document,
    concatenate,
    generate,
    real_document,
    real_pairs,
    sample_document,
    sample_size,
)

if TYPE_CHECKING:
    from glossary.lexicon import Lexicon

SIZES = (1, 10, 30, 100)
# One long document: the baseline's band grows with the document (a quarter of its
# length, up to 150 sentences each side), so it is quadratic up to about 8×.
LONG_SIZES = (1, 2, 4, 10)
QUICK_SIZES = (1, 3, 10)
QUICK_LONG_SIZES = (1, 2)
REAL = ("speech", "gwr-2017", "gwr-2016", "all")
QUICK_REAL = ("speech", "gwr-2017")
LAYOUTS = {"many": "many documents", "one": "one document", "real": "real pairs"}


# --------------------------------------------------------------------------------
# One measurement, in its own process
# --------------------------------------------------------------------------------


def _workload(size: str, layout: str) -> tuple[Lexicon, list[Document]]:
    """A lexicon warmed on the real pair (jieba's dictionary, the lexicon's cache) and
    the documents: generated ones of that size (as one document for the "one" layout)
    or the real pair of that name."""
    from glossary.alignment import align_sentences
    from glossary.lexicon import Lexicon

    lexicon = Lexicon()
    warm = sample_document()
    align_sentences(warm.zh, warm.en, lexicon)
    if layout == "real":
        return lexicon, [real_document(size)]
    documents = generate(round(float(size) * sample_size()))
    if layout == "one":
        documents = [concatenate(documents)]
    return lexicon, documents


def measure(layout: str, size: str, traced: bool, anchored: bool) -> dict:
    from glossary.alignment import align_sentences

    lexicon, documents = _workload(size, layout)
    gc.collect()
    rss_before = common.status_kib("VmRSS")
    resettable = common.reset_peak_rss()
    max_rss_before = common.max_rss_kib()
    if traced:
        tracemalloc.start()
    seconds = 0.0
    pairs = in_block = 0
    found: list[list[list[int]]] = []  # every bead, for the comparison with the baseline
    for number, document in enumerate(documents):
        start = time.perf_counter()
        beads = align_sentences(document.zh, document.en, lexicon, anchored=anchored)
        seconds += time.perf_counter() - start
        found += [[[number], list(bead.zh), list(bead.en)] for bead in beads]
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
        "size": size,
        "anchored": anchored,
        "documents": len(documents),
        "zh": sum(len(d.zh) for d in documents),
        "en": sum(len(d.en) for d in documents),
        "sentences": sum(d.size for d in documents),
        "beads": found,
        "pairs": pairs,
        "in_block": in_block,
        "seconds": seconds,
        "rss_before_kib": rss_before,
        "peak_rss_kib": peak,
        "rss_growth_kib": common.growth_kib(peak, rss_before),
        "traced_peak_bytes": traced_peak,
    }


def _run_worker(layout: str, size: str, traced: bool, anchored: bool = True) -> dict:
    arguments = (
        [layout, size]
        + (["--tracemalloc"] if traced else [])
        + ([] if anchored else ["--baseline"])
    )
    return common.run_worker("bench.align", arguments, f"{layout} {size}")


# --------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------

COLUMNS = (
    ("layout", 14, "<"),
    ("size", 8, ">"),
    ("docs", 4, ">"),
    ("sentences", 9, ">"),
    ("pairs", 5, ">"),
    ("in-block", 8, ">"),
    ("seconds", 7, ">"),
    ("pairs/s", 7, ">"),
    ("ms/sent", 7, ">"),
    ("ratio", 5, ">"),
    ("band s", 7, ">"),
    ("faster", 6, ">"),
    ("same", 6, ">"),
    ("peak RSS", 8, ">"),
    ("growth", 7, ">"),
    ("traced", 7, ">"),
)


def _columns(traced: bool) -> tuple[tuple[str, int, str], ...]:
    return COLUMNS if traced else COLUMNS[:-1]


def _same(result: dict, baseline: dict) -> float:
    """The share of the baseline's beads that the anchored search finds too."""
    found = {json.dumps(bead) for bead in result["beads"]}
    return sum(json.dumps(bead) in found for bead in baseline["beads"]) / (
        len(baseline["beads"]) or 1
    )


def _row(result: dict, band: dict, smallest: dict, traced_column: bool) -> str:
    per_sentence = result["seconds"] / result["sentences"]
    base = smallest["seconds"] / smallest["sentences"]
    traced = result["traced_peak_bytes"]
    real = result["layout"] == "real"
    cells = (
        LAYOUTS[result["layout"]],
        result["size"] if real else f"{float(result['size']):g}×",
        result["documents"],
        result["sentences"],
        result["pairs"],
        "-" if real else f"{100 * result['in_block'] / (result['pairs'] or 1):.0f}%",
        f"{result['seconds']:.2f}",
        f"{result['pairs'] / result['seconds']:.0f}" if result["seconds"] else "-",
        f"{1000 * per_sentence:.2f}",
        "-" if real else f"{per_sentence / base:.2f}" if base else "-",
        f"{band['seconds']:.2f}",
        f"{band['seconds'] / result['seconds']:.1f}×" if result["seconds"] else "-",
        f"{100 * _same(result, band):.1f}%",
        common.megabytes(result["peak_rss_kib"]),
        common.megabytes(result["rss_growth_kib"]),
        common.megabytes(traced, 1024 * 1024) if traced is not None else "-",
    )
    if not traced_column:
        cells = cells[:-1]
    return common.line(cells, _columns(traced_column))


def _revision() -> str:
    """The commit measured, and whether the aligner's code differs from it."""
    return common.revision(("glossary",), "uncommitted changes in glossary/", untracked=False)


_parse_sizes = common.size_list(float, "sizes like 1,10,100", "sizes start at 1 (the real pair)")


def profile(size: str, top: int, layout: str) -> None:
    """cProfile of align_sentences on the corpus of that size and layout."""
    import cProfile
    import pstats

    from glossary.alignment import align_sentences

    lexicon, documents = _workload(size, layout)
    profiler = cProfile.Profile()
    profiler.enable()
    for document in documents:
        align_sentences(document.zh, document.en, lexicon)
    profiler.disable()
    sentences = sum(d.size for d in documents)
    print(
        f"cProfile of align_sentences: {len(documents)} document(s), {sentences} sentences ({size})"
    )
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.strip_dirs().sort_stats("tottime").print_stats(top)


def _real_names(text: str) -> tuple[str, ...]:
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    known = (*real_pairs(), "all")
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"real pairs are {', '.join(known)}: {text!r}")
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.align",
        description="Sentence pairs per second and peak memory of align_sentences on a "
        "generated corpus, at several sizes (1× = the real Qiushi pair, "
        f"{sample_size()} sentences), and on the real pairs of ../shared; each against "
        "the band search of the aligner before anchors, in the same run.",
    )
    parser.add_argument("--sizes", type=_parse_sizes, help="many-documents sizes, e.g. 1,10,30,100")
    parser.add_argument("--long-sizes", type=_parse_sizes, help="one-document sizes, e.g. 1,2,4")
    parser.add_argument(
        "--real",
        type=_real_names,
        help=f"real pairs, from {', '.join(REAL)} (all: the three as one)",
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, for a short run")
    parser.add_argument("--layout", choices=("many", "one", "real", "all"), default="all")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also measure the traced Python peak, in a second run per size (about 3.5× slower)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results here")
    parser.add_argument(
        "--profile",
        nargs="?",
        const="1",
        metavar="SIZE",
        help="profile instead: top hotspots of align_sentences at SIZE (default 1; "
        "many documents unless --layout one or real, where SIZE names a real pair)",
    )
    parser.add_argument("--top", type=int, default=15, help="rows of --profile output")
    parser.add_argument("--worker", nargs=2, metavar=("LAYOUT", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--baseline", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        layout, size = args.worker
        print(json.dumps(measure(layout, size, args.tracemalloc, anchored=not args.baseline)))
        return 0
    if args.profile is not None:
        profile(args.profile, args.top, args.layout if args.layout in ("one", "real") else "many")
        return 0

    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    long_sizes = args.long_sizes or (QUICK_LONG_SIZES if args.quick else LONG_SIZES)
    real = args.real or (QUICK_REAL if args.quick else REAL)
    plan: list[tuple[str, str]] = []
    if args.layout in ("many", "all"):
        plan += [("many", f"{s:g}") for s in sizes]
    if args.layout in ("one", "all"):
        plan += [("one", f"{s:g}") for s in long_sizes]
    if args.layout in ("real", "all"):
        plan += [("real", name) for name in real]

    print(
        "align_sentences on a generated corpus: "
        f"1× = the real pair ({sample_size()} sentences), seed {SEED}; and on real pairs"
    )
    print(common.provenance(_revision()))
    print()
    columns = _columns(args.tracemalloc)
    print(common.line([name for name, _, _ in columns], columns))
    results: list[dict] = []
    smallest: dict[str, dict] = {}
    for layout, size in plan:
        result = _run_worker(layout, size, traced=False)
        band = _run_worker(layout, size, traced=False, anchored=False)
        if args.tracemalloc:
            traced = _run_worker(layout, size, traced=True)
            result["traced_peak_bytes"] = traced["traced_peak_bytes"]
        smallest.setdefault(layout, result)
        results.append(result)
        print(_row(result, band, smallest[layout], args.tracemalloc), flush=True)
        result["band_seconds"], result["same_beads"] = band["seconds"], _same(result, band)
        del result["beads"]
    print()
    print("in-block: pairs whose sentences all come from one block of real text (a sanity check).")
    print("ratio: time per sentence against the smallest size of the layout; 1.0 is linear.")
    print("band s: the baseline, the same documents aligned with anchored=False: the band search")
    print("  the aligner used before anchors (to commit 9732e64), now its fallback; faster: its")
    print("  time over ours; same: the share of its beads the anchored search finds too.")
    print("peak RSS: the worker's resident high-water mark while aligning (the lexicon and jieba")
    print("  take most of it); growth: that peak less its resident memory before aligning.")
    if args.tracemalloc:
        print("traced: tracemalloc's peak of Python allocations while aligning, in a second run.")
    for layout, name in LAYOUTS.items():
        points = [(r["sentences"], r["seconds"]) for r in results if r["layout"] == layout]
        fitted = common.growth(points, "sentences")
        if fitted:
            print(f"{name}: {fitted}")
    if args.json:
        common.write_summary(args.json, _revision(), SEED, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
