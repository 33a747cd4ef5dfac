#!/bin/sh
# Renders docs/screenshots/{live,review,tuning}.png with the app itself under Xvfb.
#   tests/ui/make_screenshots.sh BUILD_DIR
set -eu
build=${1:?usage: tests/ui/make_screenshots.sh BUILD_DIR}
repo=$(cd "$(dirname "$0")/../.." && pwd)
XDG_CONFIG_HOME=$(mktemp -d)
export XDG_CONFIG_HOME
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
clip=/usr/share/doc/opencv-doc/examples/data/vtest.avi
# The live shot starts without a source: no camera here, so the window falls back to this.
LIVEDETECT_SAMPLE_CLIP=$clip "$repo/tests/ui/with_xvfb.sh" \
  "$build/tests/ui/livedetect_ui_screenshots" "$repo/docs/screenshots" "$clip"
