"""Every interchange-format benchmark in one run: TMX (100k and 1M units) and TBX
(100k terms), each beside translate-toolkit doing the same work.

    .venv/bin/python -m bench.formats [--quick]

``--quick`` measures 100k units only, once per task (a few minutes instead of
about fifteen)."""

from __future__ import annotations

import argparse
import sys

from bench import tbx, tmx


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.formats", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100k only, one run per task")
    args = parser.parse_args(argv)
    quick = ["--sizes", "100000", "--repeat", "1"] if args.quick else []
    status = tmx.main(quick)
    print()
    return status or tbx.main(quick)


if __name__ == "__main__":
    sys.exit(main())
