"""Benchmark: term extraction (``glossary.extraction``) against jieba's keyword extraction.

Times ``extract_candidates(sentences, limit=None)`` against the peer the product spec
names, ``jieba.analyse.extract_tags(text, topK=400)`` (TF-IDF), and against
``jieba.analyse.textrank(text, topK=400)``, on the same input at several sizes, and
measures the term recall of each within the first 400 on the real speech.

The input is the Chinese original of the sample speech (``speech-2024-06-24.zh.txt``)
as the pipeline reads it: its flow (captions apart) cut by ``split_chinese_sentences``,
taken from ``bench.corpus.sample_document``. Size N is N copies of it. The first copy
is the speech itself; copy k (k ≥ 2) has its sentences in an order shuffled with a
seeded ``random.Random`` and each sentence followed by a tag such as （第二份）, "the
second copy". ``extract_candidates`` counts identical sentences once, so copies must
differ; the tag does that without touching a word of the sentence: it stands after
the sentence's final punctuation, in brackets, where no phrase runs across it, and it
adds about six characters a sentence (counted in the characters column). Changing the
final punctuation instead gives a handful of variants, not 16 or 64. jieba gets the
same sentences, joined by line breaks. Note that copies add no new vocabulary: the
candidates stay those of one speech while the text grows.

Each measurement runs in a fresh process, so that its peak memory is its own. Only the
extraction is timed: importing, loading jieba's dictionary and IDF table and CC-CEDICT
(a warm-up call on two sentences that are not in the speech) and building the input
are not.

    .venv/bin/python -m bench.extraction                # 1, 4, 16 and 64 copies
    .venv/bin/python -m bench.extraction --sizes 1,4 --repeat 1
    .venv/bin/python -m bench.extraction --json bench/out/extraction.json
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a file: bench/extraction.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common

SEED = common.SEED
SIZES = (1, 4, 16, 64)
TOP = 400  # the first N an editor reads, and the peers' topK
GOLD = common.CORPUS.parent / "dev-gold" / "terms.tsv"
WARM_UP = ("坚持党的全面领导，发挥党总揽全局的作用。", "加快建设现代化产业体系，推动高质量发展。")
DIGITS = "〇一二三四五六七八九"
Extractor = Callable[[list[str]], list[str]]  # sentences → terms, best first

# --------------------------------------------------------------------------------
# The input
# --------------------------------------------------------------------------------


def speech_sentences() -> list[str]:
    """The Chinese sentences of the sample speech, as the pipeline aligns them."""
    from bench.corpus import sample_document

    return [sentence.text for sentence in sample_document().zh]


def numeral(n: int) -> str:
    """n in Chinese numerals: 二, 十六, 六十四; digit by digit from 100 (一〇二)."""
    if n >= 100:
        return "".join(DIGITS[int(d)] for d in str(n))
    tens, units = divmod(n, 10)
    return (
        (DIGITS[tens] if tens > 1 else "")
        + ("十" if tens else "")
        + (DIGITS[units] if units or not tens else "")
    )


def copies(sentences: list[str], count: int, seed: int = SEED) -> list[str]:
    """The speech, then ``count - 1`` shuffled and tagged copies; a prefix of more."""
    rng = random.Random(seed)
    texts = list(sentences)
    for k in range(2, count + 1):
        order = list(sentences)
        rng.shuffle(order)
        texts += [f"{sentence}（第{numeral(k)}份）" for sentence in order]
    return texts


# --------------------------------------------------------------------------------
# One measurement, in its own process
# --------------------------------------------------------------------------------


def _ours() -> Extractor:
    from glossary.extraction import extract_candidates

    return lambda texts: [c.text for c in extract_candidates(texts, limit=None)]


def _jieba(method: str) -> Callable[[], Extractor]:
    def load() -> Extractor:
        import jieba.analyse

        extract = getattr(jieba.analyse, method)
        return lambda texts: extract("\n".join(texts), topK=TOP)

    return load


# name: (label, the extractor), in the order they run: the reference first.
TOOLS: dict[str, tuple[str, Callable[[], Extractor]]] = {
    "tfidf": ("jieba TF-IDF", _jieba("extract_tags")),
    "ours": ("ours", _ours),
    "textrank": ("jieba TextRank", _jieba("textrank")),
}
REFERENCE = "tfidf"


def measure(tool: str, count: int, source: Path) -> dict:
    extract = TOOLS[tool][1]()
    extract(list(WARM_UP))  # jieba's dictionary and IDF table, CC-CEDICT
    texts = copies(json.loads(source.read_text(encoding="utf-8")), count)
    gc.collect()
    rss_before = common.status_kib("VmRSS")
    resettable = common.reset_peak_rss()
    start = time.perf_counter()
    terms = extract(texts)
    seconds = time.perf_counter() - start
    peak = common.peak_rss_kib(resettable)
    return {
        "tool": tool,
        "copies": count,
        "sentences": len(texts),
        "characters": sum(map(len, texts)),
        "terms": len(terms),
        "seconds": seconds,
        "rss_before_kib": rss_before,
        "peak_rss_kib": peak,
        "rss_growth_kib": common.growth_kib(peak, rss_before),
        "top": terms[:TOP] if count == 1 else [],
    }


def _run_worker(tool: str, count: int, source: Path) -> dict:
    return common.run_worker(
        "bench.extraction", (tool, str(count), str(source)), f"{tool} {count}×"
    )


# --------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------

COLUMNS = (
    ("extractor", 14, "<"),
    ("copies", 6, ">"),
    ("sentences", 9, ">"),
    ("chars", 7, ">"),
    ("terms", 5, ">"),
    ("seconds", 7, ">"),
    ("× TF-IDF", 8, ">"),
    ("ms/1k chars", 11, ">"),
    ("peak RSS", 8, ">"),
    ("growth", 7, ">"),
)


def _row(result: dict, reference: dict) -> str:
    seconds = result["seconds"]
    return common.line(
        (
            TOOLS[result["tool"]][0],
            f"{result['copies']}×",
            result["sentences"],
            result["characters"],
            result["terms"],
            f"{seconds:.3f}",
            f"{seconds / reference['seconds']:.2f}" if reference["seconds"] else "-",
            f"{1e6 * seconds / result['characters']:.2f}",
            common.megabytes(result["peak_rss_kib"]),
            common.megabytes(result["rss_growth_kib"]),
        ),
        COLUMNS,
    )


def _recall(sentences: list[str], tops: dict[str, list[str]]) -> str:
    """Recall within the first TOP, counted as glossary.extraction counts it."""
    from glossary.extraction import Candidate, read_gold_terms, term_recall, terms_in

    if not GOLD.is_file():
        return f"recall: no gold terms at {GOLD}"
    gold = terms_in(read_gold_terms(GOLD), sentences)
    found = []
    for tool in sorted(tops, key=lambda tool: tool != "ours"):
        ranked = [Candidate(term, 0, 0.0, frozenset()) for term in tops[tool]]
        share = term_recall(ranked, gold, TOP)
        found.append(f"{TOOLS[tool][0]} {round(share * len(gold))}/{len(gold)}")
    return f"recall within {TOP}: " + ", ".join(found)


def _revision() -> str:
    """The commit measured, and whether the extractor's code differs from it."""
    return common.revision(
        ("glossary/extraction",), "uncommitted changes in glossary/extraction/", untracked=False
    )


_parse_sizes = common.size_list(int, "sizes like 1,4,16", "sizes are numbers of copies, at least 1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.extraction",
        description="Time and peak memory of extract_candidates against jieba's TF-IDF and "
        "TextRank keyword extraction, on copies of the sample speech, and their term "
        f"recall within the first {TOP} on the speech itself.",
    )
    parser.add_argument(
        "--sizes",
        type=_parse_sizes,
        default=SIZES,
        help="numbers of copies of the speech, e.g. 1,4,16 (default 1,4,16,64)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        metavar="N",
        help="run each task N times and keep the fastest (default 3)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results here")
    parser.add_argument(
        "--worker", nargs=3, metavar=("TOOL", "COPIES", "FILE"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)

    if args.worker:
        tool, count, source = args.worker
        print(json.dumps(measure(tool, int(count), Path(source))))
        return 0

    sentences = speech_sentences()
    print(
        f"Term extraction on copies of the sample speech ({len(sentences)} sentences, "
        f"{sum(map(len, sentences))} characters), seed {SEED}"
    )
    print(common.provenance(_revision()))
    print()
    print(common.line([name for name, _, _ in COLUMNS], COLUMNS))
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-extraction-") as directory:
        source = Path(directory) / "speech.json"
        source.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
        for count in args.sizes:
            by_tool: dict[str, dict] = {}
            for tool in TOOLS:
                runs = [_run_worker(tool, count, source) for _ in range(max(args.repeat, 1))]
                by_tool[tool] = min(runs, key=lambda run: run["seconds"])
                results.append(by_tool[tool])
                print(_row(by_tool[tool], by_tool[REFERENCE]), flush=True)
    print()
    print(
        "terms: what the extractor returned (ours: every candidate, limit=None; jieba: "
        f"topK={TOP})."
    )
    print("× TF-IDF: seconds against jieba TF-IDF's on the same input; below 1 is faster.")
    print("peak RSS: the worker's resident high-water mark while extracting; growth: that")
    print("  peak less its resident memory before (jieba's dictionary, and for ours CC-CEDICT).")
    if args.repeat > 1:
        print(f"Each task ran {args.repeat} times, each in a fresh process; the fastest run.")
    for tool, (label, _) in TOOLS.items():
        fitted = common.growth(
            [(r["sentences"], r["seconds"]) for r in results if r["tool"] == tool], "sentences"
        )
        if fitted:
            print(f"{label}: {fitted}")
    tops = {r["tool"]: r["top"] for r in results if r["copies"] == 1}
    recall = _recall(sentences, tops) if tops else f"recall within {TOP}: at size 1 only"
    print(recall)
    if args.json:
        common.write_summary(args.json, _revision(), SEED, {"runs": results, "recall": recall})
    return 0


if __name__ == "__main__":
    sys.exit(main())
