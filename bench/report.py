#!/usr/bin/env python3
"""Runs the benchmarks in bench/ and writes the table to bench/RESULTS.md.

Each figure comes from a script a reader can run alone; this only collects
them. Ratios compare with a baseline measured in the same run (spaCy on the
same corpus, cat/zcat on the same files), since these machines are shared.
"""
import datetime
import os
import platform
import re
import subprocess
import sys

QUICK = "--quick" in sys.argv


def run(command):
    print("== " + " ".join(command), flush=True)
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout[-2000:], result.stderr[-2000:])
        sys.exit("benchmark failed: " + " ".join(command))
    print(result.stdout, flush=True)
    return result.stdout


def number(pattern, text, cast=float):
    match = re.search(pattern, text)
    return cast(match.group(1)) if match else None


def machine():
    cpu = "unknown CPU"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = int(open("/proc/meminfo").readline().split()[1]) // 1048576
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    return "%s, %d cores, %d GiB, Linux %s, %s" % (cpu, os.cpu_count(), memory, platform.release(),
                                                  swift[0] if swift else "Swift ?")


def main():
    rows = []
    extraction = run(["bench/run-extraction.sh"])
    ours = number(r"words/s mean: (\d+)", extraction, int)
    spacy = number(r"spaCy best (\d+) words/s", extraction, int)
    rows.append(("Extraction, words/s (one core, bench corpus)", "%s" % f"{ours:,}",
                 "spaCy en_core_web_sm: %s" % (f"{spacy:,}" if spacy else "not installed"),
                 "%.0fx" % (ours / spacy) if spacy else "–", "≥ 250x spaCy"))
    process = number(r"process (\d+) words/s", extraction, int) or number(r": (\d+) words/s\n", extraction, int)
    rows.append(("Whole `gleaner extract` over 20 copies of the corpus, words/s", "%s" % f"{process:,}",
                 "spaCy en_core_web_sm: %s" % (f"{spacy:,}" if spacy else "not installed"),
                 "%.0fx" % (process / spacy) if spacy else "–", "≥ 150x spaCy"))
    startup = number(r"mean wall time per run: (\d+) ms", extraction, int)
    hostile = run(["bench/run-hostile.sh"])
    ratios = re.findall(r"^(\w+)\s+[\d.]+\s+\d+\s+[\d.]+\s+\d+\s+([\d.]+)x$", hostile, re.M)
    rows.append(("Hostile text, 1M words / 250k words (" + ", ".join(name for name, _ in ratios) + ")",
                 ", ".join(r + "x" for _, r in ratios), "linear: 4x", "", "< 4x"))

    counts = ["10000"] if QUICK else ["10000", "50000"]
    # Bars: issue 18's for a day of 10,000 files, the earlier ones beyond.
    for what, arguments in (("files (half gzip)", counts), ("distinct articles (make-mixed.py)", ["--mixed", "10000"])):
        for line in run(["bench/run-ingest.sh"] + arguments).splitlines():
            parts = line.split()
            if parts and parts[0].isdigit():
                files, floor, seconds, per_second, floor_rate, ratio, peak = parts[:7]
                ten_thousand = int(files) == 10000
                rate_bar = ("≥ 1,000 files/s" if "mixed" in what or not ten_thousand else "≥ 1,500 files/s")
                rows.append(("Ingest %s %s, files/s" % (f"{int(files):,}", what), f"{int(per_second):,}",
                             "cat/zcat floor: %s files/s" % f"{int(floor_rate):,}", ratio + " the floor's time",
                             rate_bar))
                rows.append(("Ingest %s %s, peak memory" % (f"{int(files):,}", what), peak + " MB", "", "",
                             "< 96 MB" if ten_thousand else "< 150 MB"))

    daemon = run(["bench/run-daemon.sh", "200", "10" if QUICK else "60"])
    p50 = number(r"p50 ([\d.]+) ms", daemon)
    p99 = number(r"p99 ([\d.]+) ms", daemon)
    idle_cpu = number(r"CPU time ([\d.]+) s", daemon)
    idle_seconds = number(r"idle for (\d+) s", daemon, int)
    idle_rss = number(r"resident memory ([\d.]+) MB", daemon)
    rows.append(("Drop-to-commit latency, 200 files one by one", "p50 %.0f ms, p99 %.0f ms" % (p50, p99),
                 "quiet period 100 ms", "", "p99 < 150 ms"))
    rows.append(("Idle daemon over %d s" % idle_seconds, "CPU %.3f s, RSS %.1f MB" % (idle_cpu, idle_rss), "", "",
                 "CPU < 0.1 s / 60 s, RSS < 40 MB"))

    digest = run(["bench/run-digest.sh", "10000"])
    for line in digest.splitlines():
        parts = line.split()
        if parts and parts[0] in ("md", "json", "html"):
            rows.append(("Daily digest of 10,000 articles, %s" % parts[0], parts[2] + " ms (worst of 3)",
                         "empty day: %s ms" % parts[3], "", "< 2 s"))
    size = re.search(r"the Markdown digest: (\d+) bytes", digest)
    first = re.search(r"^([\d,]+ articles, [\d,]+ distinct, in [\d,]+ stor\w+)\.$", digest, re.M)
    if size and first:
        rows.append(("Daily digest of 10,000 articles (269 bodies), Markdown", "%s KB: \"%s\"" % (
            format(round(int(size.group(1)) / 1024), ","), first.group(1)), "", "", "≤ 150 KB; distinct within 2% of 269"))
    rows.append(("Start-up: `gleaner extract` on one article", "%d ms" % startup, "", "", ""))

    table = ["| measure | Gleaner | baseline (same run) | ratio | target |", "| --- | --- | --- | --- | --- |"]
    table += ["| %s |" % " | ".join(row) for row in rows]
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = "# Benchmark results\n\nRun %s with `bench/run` on: %s.\n\n%s\n\n" % (stamp, machine(), "\n".join(table))
    text += ("How each figure is made: `bench/README.md`. Machines are shared and noisy: compare the ratio to the\n"
             "baseline measured in the same run rather than absolute figures across runs.\n")
    open("bench/RESULTS.md", "w").write(text)
    print("\n".join(table))
    print("\nwritten to bench/RESULTS.md")


if __name__ == "__main__":
    main()
