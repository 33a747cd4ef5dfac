#!/usr/bin/env bash
# One command to use livedetect: set up what is missing, build, start the app.
# Without arguments it opens the window on camera 0, or on the sample clip when there is
# no camera. Arguments go to livedetect (see --help), e.g. scripts/run.sh video.mp4
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$repo/scripts/setup.sh" default
exec "$repo/build/src/livedetect" "$@"
