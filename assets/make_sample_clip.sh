#!/usr/bin/env bash
# The sample clip the window opens when there is no camera: OpenCV's vtest.avi
# (Debian package opencv-doc, pedestrians, 795 frames) re-encoded to H.264 MP4 so it
# seeks quickly. Writes <repo>/.cache/sample_clip.mp4; does nothing when it exists.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source=/usr/share/doc/opencv-doc/examples/data/vtest.avi
clip="$repo/.cache/sample_clip.mp4"
[ -s "$clip" ] && exit 0
if [ ! -f "$source" ]; then
  echo "make_sample_clip: $source is missing (install the Debian package opencv-doc)" >&2
  exit 1
fi
mkdir -p "$(dirname "$clip")"
echo "make_sample_clip: $clip"
ffmpeg -nostdin -loglevel error -y -i "$source" -c:v libx264 -preset veryfast -crf 23 -g 30 \
  -pix_fmt yuv420p -movflags +faststart "$clip.tmp.mp4" ||
  ffmpeg -nostdin -loglevel error -y -i "$source" -c:v mpeg4 -q:v 4 -g 30 "$clip.tmp.mp4"
mv "$clip.tmp.mp4" "$clip"
