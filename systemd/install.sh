#!/usr/bin/env bash
# Installs Gleaner as a systemd service, or removes it.
#
#   sudo systemd/install.sh                 build (release) and install
#   sudo systemd/install.sh --uninstall     remove the binary, unit and system files;
#                                           /etc/gleaner and /var/lib/gleaner are kept
# Options:
#   --root DIR       install into the file tree DIR (a container image) instead of /
#   --binary PATH    install this gleaner binary instead of building one
#
# Installs: /usr/local/bin/gleaner, /etc/systemd/system/gleaner.service,
# /usr/lib/sysusers.d/gleaner.conf (the gleaner user and group),
# /usr/lib/tmpfiles.d/gleaner.conf (the group-writable inbox), and
# /etc/gleaner/gleaner.toml unless one exists (a changed one is never
# overwritten: the new default goes beside it as gleaner.toml.new).
set -euo pipefail
cd "$(dirname "$0")/.."

root=""
binary=""
uninstall=false
while [ $# -gt 0 ]; do
    case "$1" in
        --root) root=${2%/}; shift 2 ;;
        --binary) binary=$2; shift 2 ;;
        --uninstall) uninstall=true; shift ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option '$1' (see --help)" >&2; exit 64 ;;
    esac
done
if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: run as root (sudo systemd/install.sh)" >&2
    exit 77
fi
live=false
[ -z "$root" ] && [ -d /run/systemd/system ] && live=true

if $uninstall; then
    if $live; then systemctl disable --now gleaner.service 2>/dev/null || true; fi
    rm -f "$root/usr/local/bin/gleaner" "$root/etc/systemd/system/gleaner.service" \
        "$root/usr/lib/sysusers.d/gleaner.conf" "$root/usr/lib/tmpfiles.d/gleaner.conf"
    if $live; then systemctl daemon-reload; fi
    echo "Gleaner removed. Kept: $root/etc/gleaner (configuration) and $root/var/lib/gleaner (articles, database);"
    echo "delete them yourself if you no longer want them, and the user with: userdel gleaner"
    exit 0
fi

if [ -z "$binary" ]; then
    echo "== building gleaner (release, Swift standard library linked in)"
    swift build -c release --static-swift-stdlib --product gleaner
    binary=.build/release/gleaner
fi

echo "== installing into ${root:-/}"
install -D -m 0755 "$binary" "$root/usr/local/bin/gleaner"
install -D -m 0644 systemd/gleaner.service "$root/etc/systemd/system/gleaner.service"
install -D -m 0644 systemd/gleaner.sysusers "$root/usr/lib/sysusers.d/gleaner.conf"
install -D -m 0644 systemd/gleaner.tmpfiles "$root/usr/lib/tmpfiles.d/gleaner.conf"

config="$root/etc/gleaner/gleaner.toml"
if [ ! -e "$config" ]; then
    install -D -m 0644 Config/gleaner.toml "$config"
elif ! cmp -s Config/gleaner.toml "$config"; then
    install -m 0644 Config/gleaner.toml "$config.new"
    echo "kept your $config; the new default is beside it as gleaner.toml.new"
fi

# The user and group first, then the directories they own.
if [ -n "$root" ]; then
    systemd-sysusers --root="$root" gleaner.conf
    systemd-tmpfiles --root="$root" --create gleaner.conf
else
    systemd-sysusers gleaner.conf
    systemd-tmpfiles --create gleaner.conf
fi
if $live; then systemctl daemon-reload; fi

cat <<TEXT
Installed. Next:
  systemctl enable --now gleaner              start it now and at boot
  usermod -aG gleaner YOUR_USER               let a user drop files and read results (log in again)
  cp article.txt /var/lib/gleaner/inbox/      drop articles (plain text or .gz)
  ls /var/lib/gleaner/archive /var/lib/gleaner/failed
  sqlite3 -readonly /var/lib/gleaner/gleaner.sqlite   (tables: docs/schema.md)
  journalctl -u gleaner                       logs; -p warning for warnings only
  systemctl status gleaner                    the last run and the backlog
TEXT
