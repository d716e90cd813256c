#!/usr/bin/env bash
# Fuzzes the extraction core, gzip inflation and the configuration parser
# with libFuzzer and AddressSanitizer (release build in ../.build-fuzz).
#   fuzz/run.sh [SECONDS] [articles|bytes]
# articles (default): mutations of the bench corpus and the seeds, gzip copies included.
# bytes: from nothing, arbitrary bytes up to 64 KiB.
# Findings go to fuzz/findings/ (not committed); an input worth keeping goes to
# Tests/ArticleExtractionTests/FuzzRegressions/, which `swift test` replays.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
mode=${2:-articles}
swift build -c release --sanitize=fuzzer --sanitize=address --build-path ../.build-fuzz 2>&1 | tail -n 1
corpus=$(mktemp -d /tmp/gleaner-fuzz-corpus.XXXXXX)
trap 'rm -rf "$corpus"' EXIT
if [ "$mode" = articles ]; then
    cp ../bench/corpus/*.txt ../seeds/*.txt ../Tests/ArticleExtractionTests/FuzzRegressions/*.txt "$corpus/"
    # The merged corpus kept in the repository, one base64 input per line.
    python3 - "$corpus" ../Tests/ArticleExtractionTests/FuzzRegressions/corpus.b64 <<'PY'
import base64, sys
for i, line in enumerate(l for l in open(sys.argv[2]) if not l.startswith("#")):
    open("%s/kept-%05d" % (sys.argv[1], i), "wb").write(base64.b64decode(line))
PY
    for f in $(ls "$corpus" | head -n 20); do gzip -c "$corpus/$f" >"$corpus/$f.gz"; done
fi
mkdir -p findings
# A Swift trap must reach libFuzzer as a crash, not as a backtrace.
SWIFT_BACKTRACE=enable=no ../.build-fuzz/release/ExtractionFuzzer "$corpus" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix=findings/ -print_final_stats=1
