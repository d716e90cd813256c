#!/usr/bin/env bash
# Proves gleaner.service under a real systemd: boots Debian bookworm with
# systemd as PID 1 in systemd-nspawn, installs Gleaner with systemd/install.sh,
# and checks readiness, group permissions, reload, the watchdog, hardening,
# journal priorities and a clean stop. One line per check, then "N passed, N failed".
#
# Needs root and the right to boot a container; where nspawn cannot boot it
# says so in one line and exits 0 without claiming a pass. The Debian tree is
# cached as a tarball in $GLEANER_NSPAWN_CACHE (default /var/cache/gleaner-nspawn).
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
start_time=$SECONDS
cache=${GLEANER_NSPAWN_CACHE:-/var/cache/gleaner-nspawn}
mirror=$(awk '/^URIs:/ {print $2; exit} /^deb / {print $2; exit}' /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list 2>/dev/null)
mirror=${mirror:-http://deb.debian.org/debian}

skip() { echo "systemd test skipped: $*"; exit 0; }
[ "$(id -u)" -eq 0 ] || skip "it needs root to boot a container"

missing=()
command -v systemd-nspawn >/dev/null || missing+=(systemd-container)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null \
        || skip "could not install ${missing[*]}"
fi

echo "== release build (static Swift standard library)"
swift build -c release --static-swift-stdlib --product gleaner 2>&1 | tail -n 1
binary=$repo/.build/release/gleaner

tree=$(mktemp -d /var/tmp/gleaner-nspawn.XXXXXX)
cgroup=""
nspawn_pid=""
created_nspawn_run=false
[ -e /run/systemd/nspawn ] || created_nspawn_run=true
cleanup() {
    if [ -n "$nspawn_pid" ] && kill -0 "$nspawn_pid" 2>/dev/null; then
        kill -TERM "$nspawn_pid" 2>/dev/null  # nspawn asks the container's systemd to halt
        for _ in $(seq 100); do kill -0 "$nspawn_pid" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$nspawn_pid" 2>/dev/null
        wait "$nspawn_pid" 2>/dev/null
    fi
    if [ -n "$cgroup" ] && [ -d "$cgroup" ]; then
        for pid in $(cat "$cgroup"/cgroup.procs "$cgroup"/*/cgroup.procs 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
        sleep 0.2
        find "$cgroup" -depth -type d -exec rmdir {} \; 2>/dev/null
    fi
    if [ -n "${memory_cgroup:-}" ] && [ -d "$memory_cgroup" ]; then
        find "$memory_cgroup" -depth -type d -exec rmdir {} \; 2>/dev/null
    fi
    rm -rf "$tree"
    if $created_nspawn_run; then rm -rf /run/systemd/nspawn; fi
}
trap cleanup EXIT

echo "== container tree"
# What Gleaner needs (libsqlite3, zlib, libcrypto) and what a Debian system
# has (procps gives /bin/kill, which the unit's ExecReload uses).
packages=systemd,systemd-sysv,dbus,libsqlite3-0,zlib1g,libssl3,gzip,util-linux,passwd,procps
tarball=$cache/bookworm-$(echo "$packages" | md5sum | cut -c1-8).tar
mkdir -p "$cache"
if [ -s "$tarball" ]; then
    tar -C "$tree" -xf "$tarball"
    echo "reused $tarball"
else
    debootstrap --variant=minbase --include="$packages" bookworm "$tree" "$mirror" >"$tree.log" 2>&1 \
        || { tail -n 5 "$tree.log"; rm -f "$tree.log"; skip "debootstrap failed"; }
    rm -f "$tree.log"
    tar -C "$tree" -cf "$tarball.partial" . && mv "$tarball.partial" "$tarball"
    echo "made the tree from $mirror and cached it in $tarball"
fi

chmod 0755 "$tree"  # it becomes the container's /, which every user must traverse

echo "== installing with systemd/install.sh --root"
systemd/install.sh --root "$tree" --binary "$binary" >/dev/null || { echo "install.sh failed"; exit 1; }

echo "== booting"
# A cgroup of its own (in the systemd hierarchy, v2 or v1), so the container's
# systemd and everything it starts can be found and removed afterwards.
if [ -f /sys/fs/cgroup/cgroup.procs ]; then base=/sys/fs/cgroup; else base=/sys/fs/cgroup/systemd; fi
cgroup=$base/gleaner-test-$$
mkdir -p "$cgroup" 2>/dev/null || skip "cannot create a cgroup under $base"
# On a cgroup v1 host, a memory cgroup of its own too, which the container's
# systemd can divide, so that MemoryMax is enforced on the daemon.
memory_cgroup=""
if [ "$base" != /sys/fs/cgroup ] && [ -d /sys/fs/cgroup/memory ] && mkdir -p /sys/fs/cgroup/memory/gleaner-test-$$ 2>/dev/null; then
    memory_cgroup=/sys/fs/cgroup/memory/gleaner-test-$$
fi
(echo "$BASHPID" >"$cgroup/cgroup.procs" && { [ -z "$memory_cgroup" ] || echo "$BASHPID" >"$memory_cgroup/cgroup.procs"; } \
    && exec systemd-nspawn -D "$tree" --boot --console=pipe \
    --register=no --keep-unit -q >"$tree.console" 2>&1) &
nspawn_pid=$!
pid1=""
system_state=""
for _ in $(seq 150); do
    pid1=$(pgrep -P "$nspawn_pid" | head -n 1)
    if [ -n "$pid1" ]; then
        system_state=$(nsenter -t "$pid1" -a systemctl is-system-running 2>/dev/null)
        if [ "$system_state" = running ] || [ "$system_state" = degraded ]; then break; fi
    fi
    kill -0 "$nspawn_pid" 2>/dev/null || break
    sleep 0.2
done
if [ "$system_state" != running ] && [ "$system_state" != degraded ]; then
    reason=$(tail -n 1 "$tree.console" 2>/dev/null)
    rm -f "$tree.console"
    skip "systemd-nspawn could not boot the container here (${reason:-no output})"
fi
rm -f "$tree.console"
ctr() { nsenter -t "$pid1" -a "$@"; }  # run a command in the container
echo "systemd is $system_state in the container (PID $pid1 on the host)"
[ "$system_state" = running ] || ctr systemctl --failed --no-legend --plain | sed 's/^/  failed unit: /'

passed=0
failed=0
check() {  # check "what" command...
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then
        echo "PASS $what"
        passed=$((passed + 1))
    else
        echo "FAIL $what"
        failed=$((failed + 1))
    fi
}
wait_for() {  # wait_for SECONDS command...
    local limit=$1
    shift
    for _ in $(seq $((limit * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
    return 1
}
state=/var/lib/gleaner
db() {  # db SQL: read the daemon's database from the host
    python3 -c 'import sqlite3, sys; print(sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True).execute(sys.argv[2]).fetchone()[0])' \
        "$tree$state/gleaner.sqlite" "$1"
}
archived() { find "$tree$state/archive" -type f 2>/dev/null | wc -l; }
archived_is() { [ "$(archived)" -eq "$1" ]; }
main_pid() { ctr systemctl show -p MainPID --value gleaner; }

# 0. The unit under test is the one shipped.
check "the installed unit is systemd/gleaner.service, unchanged" cmp -s systemd/gleaner.service "$tree/etc/systemd/system/gleaner.service"
echo "     exposure: $(systemd-analyze security --offline=true "$tree/etc/systemd/system/gleaner.service" | tail -n 1)"

# 1. Readiness.
started=$(date +%s%N)
check "systemctl start gleaner returns 0" ctr systemctl start gleaner
ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
check "it returned once the daemon was ready (StatusText already set, ${ready_ms} ms)" \
    test -n "$(ctr systemctl show -p StatusText --value gleaner)"
check "the unit is active (running) with a Status: line" \
    sh -c "nsenter -t $pid1 -a systemctl status gleaner --no-pager | grep -q 'Active: active (running)' \
        && nsenter -t $pid1 -a systemctl status gleaner --no-pager | grep -q 'Status: \"Last run'"

# 2. Group permissions: alice (in group gleaner) drops 100 files, bob (not) cannot.
ctr useradd -m -G gleaner alice && ctr useradd -m bob
mkdir -p "$tree/srv/drop"
python3 bench/make-inbox.py --from bench/corpus --count 100 --out "$tree/srv/drop" >/dev/null
chmod -R a+rX "$tree/srv/drop"
ctr runuser -u alice -- sh -c 'cd /srv/drop && for f in *; do cp "$f" "/var/lib/gleaner/inbox/.$f.part" \
    && mv "/var/lib/gleaner/inbox/.$f.part" "/var/lib/gleaner/inbox/$f"; done'
check "alice (group gleaner) dropped 100 files (half gzip): all archived" wait_for 30 archived_is 100
check "... and all 100 stored in the database" test "$(db 'select count(*) from articles')" -eq 100
check "bob (not in the group) cannot drop a file" \
    sh -c "! nsenter -t $pid1 -a runuser -u bob -- sh -c 'echo x > $state/inbox/bob.txt'"
check "bob cannot read the database" sh -c "! nsenter -t $pid1 -a runuser -u bob -- cat $state/gleaner.sqlite"
check "bob cannot read the digests or the archive" \
    sh -c "! nsenter -t $pid1 -a runuser -u bob -- ls $state/digests && ! nsenter -t $pid1 -a runuser -u bob -- ls $state/archive"

# 3. Reload.
check "systemctl reload gleaner returns 0" ctr systemctl reload gleaner
check "the reload is logged" wait_for 10 sh -c "nsenter -t $pid1 -a journalctl -u gleaner -o cat | grep -q 'configuration reloaded'"

# 4. Hardening in force in the running process.
pid=$(main_pid)
status=$(ctr cat "/proc/$pid/status")
check "NoNewPrivs is set" grep -q '^NoNewPrivs:[[:space:]]*1' <<<"$status"
check "a seccomp filter is on" grep -q '^Seccomp:[[:space:]]*2' <<<"$status"
check "no capabilities" grep -q '^CapEff:[[:space:]]*0000000000000000' <<<"$status"
check "/etc is read-only for it" sh -c "! nsenter -t $pid1 -a nsenter -t $pid -m touch /etc/gleaner-probe"
check "no network but lo" test "$(ctr cat /proc/$pid/net/dev | tail -n +3 | awk -F: '{gsub(/ /, "", $1); print $1}' | tr '\n' ' ')" = "lo "
check "MemoryDenyWriteExecute=yes is set and the daemon lives with it" \
    sh -c "[ \"\$(nsenter -t $pid1 -a systemctl show -p MemoryDenyWriteExecute --value gleaner)\" = yes ] && nsenter -t $pid1 -a systemctl is-active gleaner"

check "MemoryMax=1536M and TasksMax=64 are in force" \
    sh -c "[ \"\$(nsenter -t $pid1 -a systemctl show -p MemoryMax --value gleaner)\" = 1610612736 ] \
        && [ \"\$(nsenter -t $pid1 -a systemctl show -p TasksMax --value gleaner)\" = 64 ]"

# 4b. A hostile file (3 million words of names, quotes and numbers on one line, 17 MB):
# taken without a watchdog restart, the daemon staying active, the next small file after it.
python3 bench/make-hostile.py mixed 3000000 "$tree/srv/hostile.txt"
chmod a+r "$tree/srv/hostile.txt"
before=$(main_pid)
ctr runuser -u alice -- sh -c 'cp /srv/hostile.txt /var/lib/gleaner/inbox/.hostile.part \
    && mv /var/lib/gleaner/inbox/.hostile.part /var/lib/gleaner/inbox/hostile.txt \
    && cp /srv/drop/$(ls /srv/drop | head -n 1) /var/lib/gleaner/inbox/after-hostile.txt'
check "the hostile file is archived within 60 s, and the small file beside it" wait_for 60 archived_is 102
check "no watchdog restart: the same process, still active" \
    sh -c "[ \"\$(nsenter -t $pid1 -a systemctl show -p MainPID --value gleaner)\" = $before ] \
        && nsenter -t $pid1 -a systemctl is-active gleaner"

# 5. Priorities reach journald.
ctr runuser -u alice -- sh -c ': > /var/lib/gleaner/inbox/empty.txt'
check "a bad file ends in failed/ with its reason" wait_for 10 test -s "$tree$state/failed/empty.txt.error.json"
check "journalctl -p warning shows the warning" \
    sh -c "nsenter -t $pid1 -a journalctl -u gleaner -p warning -o cat | grep -q 'file failed'"
check "journalctl -p warning hides the info lines" \
    sh -c "! nsenter -t $pid1 -a journalctl -u gleaner -p warning -o cat | grep -q 'file stored'"

# 6. The watchdog: frozen, killed and restarted by systemd, then it takes what came meanwhile.
frozen=$(main_pid)
ctr sh -c "kill -STOP $frozen"
for n in 1 2 3 4 5; do
    ctr runuser -u alice -- sh -c "cp /srv/drop/\$(ls /srv/drop | head -n $n | tail -n 1) /var/lib/gleaner/inbox/while-frozen-$n.txt"
done
check "the frozen daemon is killed by the watchdog and restarted" \
    wait_for 60 sh -c "p=\$(nsenter -t $pid1 -a systemctl show -p MainPID --value gleaner); [ \"\$p\" != 0 ] && [ \"\$p\" != $frozen ] \
        && nsenter -t $pid1 -a systemctl is-active gleaner"
check "the journal names the watchdog" sh -c "nsenter -t $pid1 -a journalctl -u gleaner -o cat | grep -qi watchdog"
check "files dropped while it was frozen are taken after the restart" wait_for 20 archived_is 107

# 6b. Memory: a file that drives the daemon past its memory limit. The limit is
# lowered for the test (no swap; the file needs about 0.8 GB to extract): the kernel kills the daemon while it reads the file, systemd
# restarts it, it dies again reading the file alone, and the next start puts
# the file in failed/ with stage crash; then it takes files as before. Where
# the container's systemd has a memory controller, the limit is the unit's
# MemoryMax; on a cgroup v1 host it has none (MemoryMax is then a property
# only), and the limit is set from the host on the container's memory cgroup.
# gzip lets a text inflate to 50 MiB: this one, 44 MB, needs about 0.8 GB to extract.
python3 bench/make-hostile.py names 6500000 "$tree/srv/memory-hog.txt"
gzip -1 "$tree/srv/memory-hog.txt"
chmod a+r "$tree/srv/memory-hog.txt.gz"
restarts_before=$(ctr systemctl show -p NRestarts --value gleaner)
own_memory_cgroup() { ctr grep -q 'memory:/system.slice/gleaner.service' /proc/$(main_pid)/cgroup; }
if own_memory_cgroup; then
    ctr systemctl set-property --runtime gleaner MemoryMax=150M MemorySwapMax=0
    limit_by="the unit's MemoryMax=150M"
elif [ -n "$memory_cgroup" ]; then
    # Above what its processes hold, not its page cache (which the kernel reclaims first).
    rss=$(awk '$1 == "total_rss" {print $2}' "$memory_cgroup/memory.stat")
    echo $(( rss + (150 << 20) )) >"$memory_cgroup/memory.limit_in_bytes"
    limit_by="the container's memory cgroup (its systemd has no memory controller here), 150 MB above what its processes hold"
    host_pid=$(pgrep -f 'gleaner run --config' | head -n 1)
    echo "  the daemon (host PID $host_pid) is in memory cgroup $(grep memory /proc/$host_pid/cgroup 2>/dev/null)"
else
    limit_by=""
fi
if [ -n "$limit_by" ]; then
    echo "  memory limit: $limit_by"
    ctr runuser -u alice -- sh -c 'cp /srv/memory-hog.txt.gz /var/lib/gleaner/inbox/.memory-hog.part \
        && mv /var/lib/gleaner/inbox/.memory-hog.part /var/lib/gleaner/inbox/memory-hog.txt.gz'
    check "a file past the memory limit goes to failed/ after the restarts, with stage crash" \
        wait_for 120 sh -c "grep -q '\"stage\" *: *\"crash\"' $tree$state/failed/memory-hog.txt.gz.error.json"
    if ! grep -q '"stage" *: *"crash"' "$tree$state/failed/memory-hog.txt.gz.error.json" 2>/dev/null; then
        echo "  (what happened: restarts $(ctr systemctl show -p NRestarts --value gleaner), ledger: $(db "select outcome || ' ' || coalesce(stage, '') from ledger where path = 'memory-hog.txt.gz'" 2>&1))"
        [ -z "$memory_cgroup" ] || echo "  (memory cgroup: limit $(cat $memory_cgroup/memory.limit_in_bytes), peak $(cat $memory_cgroup/memory.max_usage_in_bytes), failcnt $(cat $memory_cgroup/memory.failcnt))"
        ctr journalctl -u gleaner -o cat -n 15 | sed 's/^/  journal: /'
    fi
    check "the kernel killed it (SIGKILL, out of memory) and systemd restarted it twice" \
        sh -c "[ \$(nsenter -t $pid1 -a systemctl show -p NRestarts --value gleaner) -ge $((restarts_before + 2)) ] \
            && nsenter -t $pid1 -a journalctl -u gleaner -o cat | grep -Eqi 'oom|status=9/KILL'"
    if own_memory_cgroup; then
        ctr systemctl set-property --runtime gleaner MemoryMax=1536M MemorySwapMax=infinity
    else
        echo -1 >"$memory_cgroup/memory.limit_in_bytes"
    fi
    ctr runuser -u alice -- sh -c "cp /srv/drop/\$(ls /srv/drop | head -n 6 | tail -n 1) /var/lib/gleaner/inbox/after-memory.txt"
    check "the daemon keeps taking files: the next one is archived" \
        wait_for 20 sh -c "find $tree$state/archive -name after-memory.txt | grep -q ."
    check "it is active, and the file that broke the limit is not in the inbox any more" \
        sh -c "nsenter -t $pid1 -a systemctl is-active gleaner && [ ! -e $tree$state/inbox/memory-hog.txt.gz ]"
else
    echo "  memory limit: none can be set on this host; the memory case is not run"
fi

# 7. A clean stop.
check "systemctl stop gleaner returns 0" ctr systemctl stop gleaner
check "it exited 0 (Result=success)" \
    sh -c "[ \"\$(nsenter -t $pid1 -a systemctl show -p ExecMainStatus --value gleaner)\" = 0 ] \
        && [ \"\$(nsenter -t $pid1 -a systemctl show -p Result --value gleaner)\" = success ]"
check "nothing half-written: integrity_check ok, no partial files" \
    sh -c "[ \"\$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"pragma integrity_check\").fetchone()[0])' $tree$state/gleaner.sqlite)\" = ok ] \
        && [ -z \"\$(find $tree$state -name '.gleaner-partial-*')\" ]"

echo "$passed passed, $failed failed ($((SECONDS - start_time)) s)"
[ "$failed" -eq 0 ]
