#!/usr/bin/env bash
# Daemon benchmark (release build): drop-to-commit latency p50/p99 for files
# dropped one by one into an idle `gleaner run`, then CPU time and resident
# memory over an idle period. Usage: bench/run-daemon.sh [FILES] [IDLE_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product gleaner >/dev/null
python3 bench/daemon_bench.py .build/release/gleaner bench/corpus \
    --files "${1:-200}" --idle-seconds "${2:-60}"
