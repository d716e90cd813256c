#!/usr/bin/env python3
"""The daemon under hostile files: latency of the ordinary files beside them,
the watchdog's pings, and peak memory.

Usage: hostile_daemon.py GLEANER HOSTILE_FILE...

Starts `GLEANER run` on a temporary state directory with a notify socket and
WATCHDOG_USEC=5000000 (pings every 2.5 s while runs make progress), drops
the hostile files and 20 small articles into the inbox by rename, and waits
(at most 120 s) until every one is in archive/ or failed/. Prints when the
small ones were all archived, when the last hostile one was done, the number
of WATCHDOG=1 pings and the longest gap between two, and the daemon's peak
resident memory (VmHWM) and thread count.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    binary, hostile = sys.argv[1], sys.argv[2:]
    root = tempfile.mkdtemp(prefix="gleaner-hostile-daemon-")
    inbox = os.path.join(root, "inbox")
    os.makedirs(inbox)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(os.path.join(root, "notify.sock"))
    listener.settimeout(0.1)
    env = dict(os.environ, NOTIFY_SOCKET=os.path.join(root, "notify.sock"), WATCHDOG_USEC="5000000",
               GLEANER_CONFIG="/dev/null")
    daemon = subprocess.Popen([binary, "run", "--state-dir", root], env=env,
                              stderr=open(os.path.join(root, "log"), "w"))
    messages = []

    def pump(seconds):
        until = time.time() + seconds
        while time.time() < until:
            try:
                messages.append((time.time(), listener.recv(4096).decode()))
            except socket.timeout:
                pass

    pump(2)
    staging = tempfile.mkdtemp(dir=root)
    names = []
    for n, path in enumerate(hostile):
        name = "hostile-%d-%s" % (n, os.path.basename(path))
        shutil.copy(path, os.path.join(staging, name))
        names.append(name)
    small = ["small-%d.txt" % n for n in range(20)]
    for n, name in enumerate(small):
        with open(os.path.join(staging, name), "w") as f:
            f.write(" date 2024-03-01 Mayor Ana Lopez said the bridge would cost %d million pounds. Article %d." % (n, n))
    start = time.time()
    for name in names + small:
        os.rename(os.path.join(staging, name), os.path.join(inbox, name))

    def finished():
        seen = set()
        for folder in ("archive", "failed"):
            for _, _, files in os.walk(os.path.join(root, folder)):
                seen.update(files)
        return seen

    small_done = hostile_done = None
    while time.time() - start < 120 and (small_done is None or hostile_done is None or time.time() - start < 8):
        pump(0.2)
        seen = finished()
        if small_done is None and all(n in seen for n in small):
            small_done = time.time() - start
        if hostile_done is None and all(n in seen for n in names):
            hostile_done = time.time() - start
    status = open("/proc/%d/status" % daemon.pid).read().splitlines()
    peak = next((l.split()[1] for l in status if l.startswith("VmHWM")), "?")
    threads = next((l.split()[1] for l in status if l.startswith("Threads")), "?")
    daemon.send_signal(signal.SIGTERM)
    daemon.wait(30)
    pings = [t for t, m in messages if "WATCHDOG=1" in m and t >= start]
    gaps = [b - a for a, b in zip(pings, pings[1:])]
    print("small files archived after: %s s" % ("%.1f" % small_done if small_done is not None else "never"))
    print("hostile files done after:   %s s" % ("%.1f" % hostile_done if hostile_done is not None else "never"))
    print("WATCHDOG=1 pings: %d, longest gap %.1f s (limit 5.0)" % (len(pings), max(gaps) if gaps else 0))
    print("peak memory (VmHWM): %d MB, threads: %s, exit status: %d" % (int(peak) // 1024, threads, daemon.returncode))
    shutil.rmtree(root)


if __name__ == "__main__":
    main()
