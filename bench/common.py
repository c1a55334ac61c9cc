"""What the benchmarks share: running a task in a fresh process and reading its
memory, the lines that say what was measured where, and the table and argument
helpers.

``bench.tbx``, ``bench.tmx`` and ``bench.align`` each time a task in a worker process
of their own (so that its peak memory is its own), describe the machine and the
commit the same way, and take and print sizes the same way. Those pieces live here
once, so that a fix to how peak memory is read, say, reaches every benchmark; what
each benchmark measures, and how it reports it, stays in its own module.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]
# The sample corpus the generated workloads are cut from, beside the repository.
CORPUS = REPO.parent / "shared" / "corpus"
# The two Government Work Reports and their official translations, beside it.
REPORTS = CORPUS.parent / "corpus-gwr"
ORIGINAL = "speech-2024-06-24.zh.txt"
TRANSLATION = "speech-2024-06-24.qiushi.en.txt"
SEED = 20240624  # the speech's date: the same generated data every run
# (simplified, traditional, pinyin) of characters common in political texts, so that
# terms, their traditional forms and their pinyin look like the real thing.
SYLLABLES = (
    ("改", "改", "gǎi"),
    ("革", "革", "gé"),
    ("开", "開", "kāi"),
    ("放", "放", "fàng"),
    ("发", "發", "fā"),
    ("展", "展", "zhǎn"),
    ("经", "經", "jīng"),
    ("济", "濟", "jì"),
    ("社", "社", "shè"),
    ("会", "會", "huì"),
    ("主", "主", "zhǔ"),
    ("义", "義", "yì"),
    ("国", "國", "guó"),
    ("家", "家", "jiā"),
    ("治", "治", "zhì"),
    ("理", "理", "lǐ"),
    ("现", "現", "xiàn"),
    ("代", "代", "dài"),
    ("化", "化", "huà"),
    ("人", "人", "rén"),
    ("民", "民", "mín"),
    ("党", "黨", "dǎng"),
    ("中", "中", "zhōng"),
    ("央", "央", "yāng"),
    ("全", "全", "quán"),
    ("面", "面", "miàn"),
    ("深", "深", "shēn"),
    ("新", "新", "xīn"),
    ("时", "時", "shí"),
    ("质", "質", "zhì"),
    ("量", "量", "liàng"),
    ("生", "生", "shēng"),
    ("产", "產", "chǎn"),
    ("力", "力", "lì"),
    ("科", "科", "kē"),
    ("技", "技", "jì"),
    ("创", "創", "chuàng"),
    ("制", "制", "zhì"),
    ("度", "度", "dù"),
    ("安", "安", "ān"),
    ("稳", "穩", "wěn"),
    ("定", "定", "dìng"),
    ("协", "協", "xié"),
    ("调", "調", "tiáo"),
    ("绿", "綠", "lǜ"),
    ("色", "色", "sè"),
    ("共", "共", "gòng"),
    ("享", "享", "xiǎng"),
    ("法", "法", "fǎ"),
    ("规", "規", "guī"),
    ("划", "劃", "huà"),
    ("统", "統", "tǒng"),
    ("一", "一", "yī"),
    ("战", "戰", "zhàn"),
    ("线", "線", "xiàn"),
    ("区", "區", "qū"),
    ("域", "域", "yù"),
    ("对", "對", "duì"),
    ("外", "外", "wài"),
)


def corpus_file(name: str) -> Path:
    """A file of the sample corpus; exits with a message if the corpus is missing."""
    path = CORPUS / name
    if not path.is_file():
        raise SystemExit(f"sample corpus not found: {path} (it lives beside the repository)")
    return path


Size = TypeVar("Size", int, float)


# --------------------------------------------------------------------------------
# Memory of this process (Linux: /proc/self; elsewhere the rusage high-water mark)
# --------------------------------------------------------------------------------


def status_kib(field: str) -> int | None:
    """A memory figure of this process from /proc/self/status (Linux), in KiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak_rss() -> bool:
    """Reset this process's resident-memory high-water mark (Linux ≥ 4.0), so that the
    peak measured is the task's, not the set-up's. False where it cannot be reset."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return status_kib("VmHWM") is not None


def max_rss_kib() -> int:
    """The process's resident high-water mark since it started, in KiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # bytes on macOS


def peak_rss_kib(resettable: bool) -> int | None:
    """The peak since ``reset_peak_rss`` if it could reset it, else since start-up."""
    return status_kib("VmHWM") if resettable else max_rss_kib()


def growth_kib(peak: int | None, before: int | None) -> int | None:
    """How far the peak rose above the resident memory before the task."""
    return None if peak is None or before is None else peak - before


def run_worker(module: str, arguments: Sequence[str], what: str) -> dict:
    """Run ``python -m module --worker *arguments`` from the repository and return the
    JSON object its last line prints; exit naming ``what`` if it fails."""
    command = [sys.executable, "-m", module, "--worker", *arguments]
    done = subprocess.run(command, check=False, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"benchmark worker failed: {what}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------
# What was measured where
# --------------------------------------------------------------------------------


def machine() -> str:
    """The CPU, its cores, the Python version and the operating system."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def revision(paths: Sequence[str], changed: str, *, untracked: bool = True) -> str:
    """The commit measured, and ``changed`` if the code under ``paths`` differs from it
    (counting files git does not track yet unless ``untracked`` is False)."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], check=False, cwd=REPO, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "commit unknown"
    options = () if untracked else ("--untracked-files=no",)
    dirty = git("status", "--porcelain", *options, "--", *paths)
    return f"commit {commit}" + (f" + {changed}" if dirty else "")


def provenance(commit: str) -> str:
    """Today's date, the revision line and the machine, for under a report's title."""
    return f"{dt.date.today().isoformat()}, {commit}, {machine()}"


def write_summary(path: Path, commit: str, seed: int, results: object) -> None:
    """The results as JSON, with the date, revision, machine and seed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        "date": dt.date.today().isoformat(),
        "revision": commit,
        "machine": machine(),
        "seed": seed,
        "results": results,
    }
    path.write_text(json.dumps(summary, indent=2) + "\n")


# --------------------------------------------------------------------------------
# Arguments and tables
# --------------------------------------------------------------------------------


def size_list(
    number: Callable[[str], Size], example: str, rule: str
) -> Callable[[str], tuple[Size, ...]]:
    """An argparse type for comma-separated sizes, each at least 1, returned sorted
    without repeats. The errors read "not a list of {example}: …" and "{rule}: …"."""

    def parse(text: str) -> tuple[Size, ...]:
        try:
            sizes = tuple(sorted({number(s) for s in text.split(",") if s.strip()}))
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a list of {example}: {text!r}") from None
        if not sizes or sizes[0] < 1:
            raise argparse.ArgumentTypeError(f"{rule}: {text!r}")
        return sizes

    return parse


def growth(points: Sequence[tuple[float, float]], size: str) -> str | None:
    """ "seconds ∝ size^k (verdict)" for (size, seconds) measurements: k fitted by least
    squares on their logarithms; None with fewer than two sizes."""
    logs = [(math.log(x), math.log(seconds)) for x, seconds in points if x > 0 and seconds > 0]
    if len({x for x, _ in logs}) < 2:
        return None
    exponent = statistics.linear_regression(*zip(*logs, strict=True)).slope
    verdict = "linear" if exponent < 1.15 else "NOT linear" if exponent > 1.3 else "about linear"
    return f"seconds ∝ {size}^{exponent:.2f} ({verdict})"


def megabytes(amount: int | None, unit: int = 1024) -> str:
    """``amount`` (KiB, or bytes with ``unit`` 2**20) in whole MiB, "-" if unknown."""
    return "-" if amount is None else f"{amount / unit:.0f}M"


def line(cells: Sequence[object], columns: Sequence[tuple[str, int, str]]) -> str:
    """One row of a table whose ``columns`` are (heading, width, alignment)."""
    return "  ".join(
        f"{cell:{align}{width}}" for cell, (_, width, align) in zip(cells, columns, strict=True)
    )
