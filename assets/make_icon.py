#!/usr/bin/python3
"""Draws the livedetect icon from code: a dark rounded tile, a camera lens, and two
detection boxes in the palette colours of 'person' and 'car' (core/palette.cpp), with a
red 'live' dot. Writes assets/livedetect.svg and assets/livedetect.png (256 px, rendered
with OpenCV from the same shapes). Run with Debian's /usr/bin/python3 (python3-opencv).
"""
import math
import os
import sys

import cv2
import numpy as np

SIZE = 256
HERE = os.path.dirname(os.path.abspath(__file__))


def class_color(class_id):
    """core/palette.cpp's classColor: golden-ratio hue walk."""
    hue = math.fmod(0.12 + 0.618033988749895 * class_id, 1.0) * 6.0
    s = 0.65 if class_id % 2 else 0.9
    sector = int(hue)
    f = hue - sector
    p, q, t = 1.0 - s, 1.0 - s * f, 1.0 - s * (1.0 - f)
    r, g, b = [(1, t, p), (q, 1, p), (p, 1, t), (p, q, 1), (t, p, 1), (1, p, q)][sector % 6]
    return tuple(int(round(v * 255)) for v in (r, g, b))


PERSON, CAR = class_color(0), class_color(2)
TILE = (28, 32, 40)
LENS_RING = (70, 80, 96)
LENS = (18, 22, 30)
LIVE = (235, 64, 52)

# Shapes in a 256-unit square: (kind, params, rgb, stroke width or None for fill).
SHAPES = [
    ("roundrect", (8, 8, 240, 240, 44), TILE, None),
    ("circle", (128, 136, 78), LENS_RING, None),
    ("circle", (128, 136, 60), LENS, None),
    ("circle", (108, 116, 14), (90, 110, 140), None),
    ("rect", (44, 60, 118, 210), PERSON, 10),
    ("rect", (128, 118, 222, 186), CAR, 10),
    ("circle", (212, 44, 16), LIVE, None),
]


def svg():
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 256 256">']
    for kind, p, (r, g, b), stroke in SHAPES:
        color = f"#{r:02x}{g:02x}{b:02x}"
        paint = f'fill="none" stroke="{color}" stroke-width="{stroke}" stroke-linejoin="round"' if stroke else f'fill="{color}"'
        if kind == "roundrect":
            x0, y0, x1, y1, rad = p
            out.append(f'  <rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="{rad}" {paint}/>')
        elif kind == "rect":
            x0, y0, x1, y1 = p
            out.append(f'  <rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="4" {paint}/>')
        else:
            cx, cy, rad = p
            out.append(f'  <circle cx="{cx}" cy="{cy}" r="{rad}" {paint}/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def png():
    scale = 4  # draw large, shrink: smooth edges
    n = SIZE * scale
    bgra = np.zeros((n, n, 4), np.uint8)
    for kind, p, (r, g, b), stroke in SHAPES:
        color = (b, g, r, 255)
        if kind == "roundrect":
            x0, y0, x1, y1, rad = [v * scale for v in p]
            mask = np.zeros((n, n), np.uint8)
            cv2.rectangle(mask, (x0 + rad, y0), (x1 - rad, y1), 255, -1)
            cv2.rectangle(mask, (x0, y0 + rad), (x1, y1 - rad), 255, -1)
            for cx, cy in ((x0 + rad, y0 + rad), (x1 - rad, y0 + rad), (x0 + rad, y1 - rad), (x1 - rad, y1 - rad)):
                cv2.circle(mask, (cx, cy), rad, 255, -1, cv2.LINE_AA)
            bgra[mask > 0] = color
        elif kind == "rect":
            x0, y0, x1, y1 = [v * scale for v in p]
            cv2.rectangle(bgra, (x0, y0), (x1, y1), color, stroke * scale, cv2.LINE_AA)
        else:
            cx, cy, rad = [v * scale for v in p]
            cv2.circle(bgra, (cx, cy), rad, color, -1, cv2.LINE_AA)
    return cv2.resize(bgra, (SIZE, SIZE), interpolation=cv2.INTER_AREA)


def main():
    with open(os.path.join(HERE, "livedetect.svg"), "w") as f:
        f.write(svg())
    if not cv2.imwrite(os.path.join(HERE, "livedetect.png"), png()):
        sys.exit("make_icon: cannot write livedetect.png")
    print("make_icon: wrote assets/livedetect.svg and assets/livedetect.png")


if __name__ == "__main__":
    main()
