#!/usr/bin/env python3
"""Daemon benchmark: drop-to-commit latency and idle cost of `gleaner run`.

Usage: daemon_bench.py GLEANER_BINARY CORPUS_DIR [--files 200] [--idle-seconds 60]

Starts the real daemon on a temporary state directory with a NOTIFY_SOCKET
this script listens on, waits for READY=1, then drops corpus articles one at
a time (each written beside the inbox and renamed into it, as a careful
producer would) and measures the time from the rename to the moment its
ledger row is visible to a reader of the database. Then it leaves the daemon
idle and reads its CPU time and resident memory from /proc.
Standard library only.
"""
import argparse
import os
import socket
import sqlite3
import statistics
import subprocess
import tempfile
import time


def cpu_seconds(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def rss_mb(pid):
    for line in open("/proc/%d/status" % pid):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("corpus")
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--idle-seconds", type=float, default=60)
    args = ap.parse_args()

    articles = sorted(n for n in os.listdir(args.corpus) if n.endswith(".txt"))
    state = tempfile.mkdtemp(prefix="gleaner-daemon-bench-")
    staging = os.path.join(state, "staging")
    os.makedirs(os.path.join(state, "inbox"))
    os.makedirs(staging)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(os.path.join(state, "notify.sock"))
    listener.settimeout(30)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GLEANER_")}
    env.update(NOTIFY_SOCKET=os.path.join(state, "notify.sock"), GLEANER_CONFIG="/dev/null")
    log = open(os.path.join(state, "daemon.log"), "w")
    daemon = subprocess.Popen([args.binary, "run", "--state-dir", state, "--log-level", "warning"],
                              env=env, stderr=log, stdout=subprocess.DEVNULL)
    try:
        while b"READY=1" not in listener.recv(4096):
            pass
        db = sqlite3.connect("file:%s?mode=ro" % os.path.join(state, "gleaner.sqlite"), uri=True)
        latencies = []
        for i in range(args.files):
            name = "%04d.txt" % i
            body = open(os.path.join(args.corpus, articles[i % len(articles)]), "rb").read()
            with open(os.path.join(staging, name), "wb") as f:
                f.write(body + b"\nBench copy %d.\n" % i)  # unique content
            start = time.monotonic()
            os.rename(os.path.join(staging, name), os.path.join(state, "inbox", name))
            while db.execute("select 1 from ledger where path = ?", (name,)).fetchone() is None:
                if time.monotonic() - start > 10:
                    raise SystemExit("no ledger row for %s after 10 s" % name)
                time.sleep(0.0005)
            latencies.append((time.monotonic() - start) * 1000)
            time.sleep(0.02)
        latencies.sort()
        p50 = statistics.median(latencies)
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        print("drop-to-commit latency over %d files dropped one by one: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
              % (len(latencies), p50, p99, latencies[-1]))

        time.sleep(2)  # let the last run finish
        cpu_before = cpu_seconds(daemon.pid)
        time.sleep(args.idle_seconds)
        cpu_idle = cpu_seconds(daemon.pid) - cpu_before
        print("idle for %.0f s: CPU time %.3f s, resident memory %.1f MB"
              % (args.idle_seconds, cpu_idle, rss_mb(daemon.pid)))
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)
        subprocess.run(["rm", "-rf", state])


if __name__ == "__main__":
    main()
