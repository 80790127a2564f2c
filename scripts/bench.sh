#!/usr/bin/env bash
# Builds YichuangBench in release and runs every benchmark (about 20–25 minutes on the 2-core node,
# the sync benchmark inside a throwaway PostgreSQL from scripts/pg-temp.sh),
# then replaces the results section of BENCHMARKS.md (between the two marker comments) with the
# fresh tables. Sizes can be lowered for a quick look, e.g. BENCH_HISTORY_TICKETS=100000 BENCH_CASES=100000; see
# `YichuangBench help`. Uses its own scratch path so it never fights another build.
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH="${SCRATCH:-.build-bench}"
swift build -c release --scratch-path "$SCRATCH" --product YichuangBench
BIN="$SCRATCH/release/YichuangBench"

results="$(mktemp)"
trap 'rm -f "$results" "$results.md"' EXIT
{
    os="$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" || uname -s)"
    echo "Run: $(date '+%Y-%m-%d %H:%M %Z') · $(nproc) cores · $os · $(uname -r) · SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1) · $(swift --version 2>&1 | head -1)"
    echo
    echo 'Command: `scripts/bench.sh`, or one benchmark: `swift run -c release --scratch-path .build-bench YichuangBench render|startup|contention|catalog|cases|printing|ratings`; sync: `scripts/pg-temp.sh .build-bench/release/YichuangBench sync`'
    echo
    for name in render startup contention catalog cases printing ratings; do
        start=$SECONDS
        "$BIN" "$name"
        echo "_($name took $((SECONDS - start)) s)_"
        echo
    done
    # The sync benchmark needs PostgreSQL: a throwaway cluster for its duration only.
    start=$SECONDS
    if scripts/pg-temp.sh "$BIN" sync; then
        echo "_(sync took $((SECONDS - start)) s)_"
    else
        echo "_(sync failed or skipped: no PostgreSQL server? see the messages above)_"
    fi
    echo
    # The province-scale simulation (issue 15): a fresh cluster, so its 50,000 halls stand alone.
    start=$SECONDS
    if scripts/pg-temp.sh "$BIN" sync-scale; then
        echo "_(sync-scale took $((SECONDS - start)) s)_"
    else
        echo "_(sync-scale failed or skipped: no PostgreSQL server? see the messages above)_"
    fi
    echo
} > "$results"

begin='<!-- bench:results:begin -->'
end='<!-- bench:results:end -->'
if ! grep -q "$begin" BENCHMARKS.md 2>/dev/null; then
    printf '# Benchmarks\n\n%s\n%s\n' "$begin" "$end" >> BENCHMARKS.md
fi
awk -v begin="$begin" -v end="$end" -v file="$results" '
    $0 == begin { print; while ((getline line < file) > 0) print line; skip = 1; next }
    $0 == end   { skip = 0 }
    !skip       { print }
' BENCHMARKS.md > "$results.md"
mv "$results.md" BENCHMARKS.md
echo "Results written to BENCHMARKS.md" >&2
