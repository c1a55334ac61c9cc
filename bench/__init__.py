"""Speed and memory benchmarks: see bench/README.md."""
