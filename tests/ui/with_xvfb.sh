#!/bin/sh
# Runs a command on a private Xvfb server, for the GUI tests. Like `xvfb-run -a`, but the
# server picks a free display itself (-displayfd), so parallel ctest jobs and parallel
# build trees (plain, ASan, TSan) never race for the same display number.
set -eu
dir=$(mktemp -d "${TMPDIR:-/tmp}/livedetect-xvfb.XXXXXX")
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp -noreset 3>"$dir/display" 2>"$dir/log" &
pid=$!
cleanup() {
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT INT TERM
i=0
while [ ! -s "$dir/display" ]; do
    i=$((i + 1))
    if [ "$i" -gt 200 ] || ! kill -0 "$pid" 2>/dev/null; then
        echo "with_xvfb.sh: Xvfb did not start:" >&2
        cat "$dir/log" >&2
        exit 1
    fi
    sleep 0.05
done
DISPLAY=":$(head -n1 "$dir/display")" "$@"
