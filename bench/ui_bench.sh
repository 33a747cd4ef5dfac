#!/bin/sh
# Runs the window benchmark on a private Xvfb server with a throw-away config dir.
# usage: bench/ui_bench.sh BUILD_DIR [VIDEO] [--seconds N]
set -eu
build=${1:?usage: bench/ui_bench.sh BUILD_DIR [VIDEO] [--seconds N]}
shift
here=$(cd "$(dirname "$0")" && pwd)
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
"$here/../tests/ui/with_xvfb.sh" "$build/bench/ui_bench" "$@"
