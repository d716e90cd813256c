#!/usr/bin/env python3
"""The crash test: N article files, random kill -9s of `gleaner run --once`, then one clean run.

Usage: crash_test.py GLEANER_BINARY [--files 1000] [--kills 12] [--rounds 5] [--seed S]

Each round writes --files unique articles with bench/make-inbox.py (part gzip)
into a fresh state directory, starts `gleaner run --once` again and again and
kills it with SIGKILL at a random moment (from 3 ms to the time a clean run
of what is left would take) until --kills kills have landed, then
runs it once more to the end. It then checks what a user would: every file
stored and archived, none in failed/, no file both stored and failed, no
article stored twice, and SQLite's integrity check. Prints one line per round
and exits 1 when any round falls short. Standard library only.
"""
import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def count_files(root):
    return sum(len(files) for _, _, files in os.walk(root))


def one_round(binary, files, kills, rng):
    state = tempfile.mkdtemp(prefix="gleaner-crash.")
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "make-inbox.py"), "--from", os.path.join(HERE, "corpus"),
                        "--count", str(files), "--out", os.path.join(state, "inbox"), "--seed", str(rng.randrange(1 << 30))],
                       check=True, stdout=subprocess.DEVNULL)
        env = dict(os.environ, GLEANER_CONFIG="/dev/null", GLEANER_INTAKE_SETTLE_SECONDS="0",
                   GLEANER_INTAKE_BATCH_FILES="16")
        command = [binary, "run", "--once", "--state-dir", state, "--log-level", "error"]
        # How long a clean run of all the files takes, measured on a copy.
        probe = tempfile.mkdtemp(prefix="gleaner-crash-probe.")
        shutil.copytree(os.path.join(state, "inbox"), os.path.join(probe, "inbox"))
        started = time.monotonic()
        subprocess.run([binary, "run", "--once", "--state-dir", probe, "--log-level", "error"], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        full = time.monotonic() - started
        shutil.rmtree(probe, ignore_errors=True)
        landed = attempts = 0
        while landed < kills and attempts < kills * 20:
            attempts += 1
            before = count_files(os.path.join(state, "inbox"))
            if before == 0:
                break
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.003, max(0.01, 0.8 * full * before / files)))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                process.wait()
                landed += 1
            else:
                process.wait()
        final = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        db = sqlite3.connect(os.path.join(state, "gleaner.sqlite"))
        stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        twice = db.execute("SELECT count(*) FROM (SELECT sha256 FROM articles GROUP BY sha256 HAVING count(*) > 1)").fetchone()[0]
        both = db.execute(
            "SELECT count(DISTINCT f.path) FROM ledger f JOIN ledger s ON s.path = f.path "
            "WHERE f.outcome = 'failed' AND s.outcome IN ('stored', 'duplicate')").fetchone()[0]
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        db.close()
        archived = count_files(os.path.join(state, "archive"))
        failed = len([f for f in os.listdir(os.path.join(state, "failed")) if not f.endswith(".error.json")])
        inbox = count_files(os.path.join(state, "inbox"))
        ok = (stored == files and archived == files and failed == 0 and both == 0 and twice == 0
              and integrity == "ok" and inbox == 0 and final.returncode == 0)
        line = ("%d kills in %d starts; stored %d, archived %d, failed %d, both stored and failed %d, "
                "stored twice %d, left in inbox %d, integrity %s, last run exit %d"
                % (landed, attempts, stored, archived, failed, both, twice, inbox, integrity, final.returncode))
        return ok, line
    finally:
        shutil.rmtree(state, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binary")
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--kills", type=int, default=12)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    print("crash test: %d files, %d kills a round, %d rounds, seed %d" % (args.files, args.kills, args.rounds, args.seed))
    all_ok = True
    for n in range(1, args.rounds + 1):
        ok, line = one_round(args.binary, args.files, args.kills, rng)
        all_ok = all_ok and ok
        print("round %d: %s  %s" % (n, "ok" if ok else "FAILED", line), flush=True)
    print("crash test: %s" % ("every round ok" if all_ok else "some round failed"))
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
