#!/usr/bin/python3
"""numpy executor of the SSD MobileNet v2 .tflite graph, up to the postprocess inputs.

Used to check tools/tflite_to_onnx.py. Two modes:

  quantized  emulates the uint8 kernels: every op dequantizes its inputs,
             computes in float64 and requantizes its output to the output
             tensor's uint8 scale / zero point (round, clip to 0..255). TFLite's
             integer kernels round through fixed-point multipliers, so this
             agrees with them to about +-1 LSB per op.
  float      the same ops in float64 with no rounding; only the clamps to the
             uint8 output ranges of Conv / DepthwiseConv / Add (the network's
             ReLU6) and Concatenation are kept. This is what the ONNX computes.
             The sigmoid output is not clamped to its uint8 range (max 255/256),
             as in the ONNX.

Input: the uint8 RGB image [300,300,3] (or [1,300,300,3]) the .tflite expects.

    tflite_reference.py MODEL.tflite IMAGE [--mode quantized|float]
prints the top scores of the image (resized to 300x300, RGB).
"""

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tflite_reader  # noqa: E402

POSTPROCESS = "TFLite_Detection_PostProcess"


def _same_pads(in_size, k, stride, dilation):
    eff_k = (k - 1) * dilation + 1
    out = (in_size + stride - 1) // stride
    total = max((out - 1) * stride + eff_k - in_size, 0)
    return total // 2, total - total // 2


def _pad_nhwc(x, opts, kh, kw):
    if opts["padding"] == "VALID":
        return x
    h, w = x.shape[1], x.shape[2]
    t, b = _same_pads(h, kh, opts["stride_h"], opts["dilation_h_factor"])
    l, r = _same_pads(w, kw, opts["stride_w"], opts["dilation_w_factor"])
    # padding is real 0 (the zero point in the quantized kernels)
    return np.pad(x, ((0, 0), (t, b), (l, r), (0, 0)))


def _patches(x, kh, kw, sh, sw, dh, dw):
    """Yield (i, j, slice) for each kernel tap of a VALID conv over padded x."""
    n, h, w, c = x.shape
    oh = (h - ((kh - 1) * dh + 1)) // sh + 1
    ow = (w - ((kw - 1) * dw + 1)) // sw + 1
    for i in range(kh):
        for j in range(kw):
            yield i, j, x[:, i * dh:i * dh + (oh - 1) * sh + 1:sh,
                          j * dw:j * dw + (ow - 1) * sw + 1:sw, :]


def conv2d(x, w, b, opts):
    """x NHWC float64, w OHWI, b [O]."""
    o, kh, kw, ci = w.shape
    xp = _pad_nhwc(x, opts, kh, kw)
    acc = None
    for i, j, p in _patches(xp, kh, kw, opts["stride_h"], opts["stride_w"],
                            opts["dilation_h_factor"], opts["dilation_w_factor"]):
        term = p @ w[:, i, j, :].T
        acc = term if acc is None else acc + term
    return acc + b


def depthwise_conv2d(x, w, b, opts):
    """x NHWC, w [1,kh,kw,C*m]."""
    _, kh, kw, cm = w.shape
    m = opts["depth_multiplier"]
    if m != 1:
        x = np.repeat(x, m, axis=3)
    if x.shape[3] != cm:
        raise ValueError("depthwise: %d channels vs weights %s" % (x.shape[3], w.shape))
    xp = _pad_nhwc(x, opts, kh, kw)
    acc = None
    for i, j, p in _patches(xp, kh, kw, opts["stride_h"], opts["stride_w"],
                            opts["dilation_h_factor"], opts["dilation_w_factor"]):
        term = p * w[0, i, j, :]
        acc = term if acc is None else acc + term
    return acc + b


class Reference:
    def __init__(self, model_or_path):
        self.model = (model_or_path if isinstance(model_or_path, tflite_reader.Model)
                      else tflite_reader.load(model_or_path))
        self.g = self.model.subgraphs[0]
        post = [op for op in self.g.operators if op.opname == POSTPROCESS]
        if len(post) != 1:
            raise ValueError("expected one %s op" % POSTPROCESS)
        self.post = post[0]
        self.ops = [op for op in self.g.operators if op is not self.post]
        self._const = {}

    def T(self, i):
        return self.g.tensors[i]

    def const(self, i):
        if i not in self._const:
            self._const[i] = self.T(i).dequantized()
        return self._const[i]

    def bias(self, b, x, w):
        t = self.T(b)
        return t.data().astype(np.float64) * (self.T(x).scale * self.T(w).scale)

    def anchors(self):
        return self.const(self.post.inputs[2])

    @staticmethod
    def requantize(v, t):
        q = np.clip(np.round(v / t.scale) + t.zero_point, 0, 255)
        return (q - t.zero_point) * t.scale

    def finish(self, v, out, mode, clamp):
        """Apply the output quantization of tensor `out`."""
        t = self.T(out)
        if mode == "quantized":
            return self.requantize(v, t)
        if clamp:
            lo, hi = t.qrange()
            return np.clip(v, lo, hi)
        return v

    def run(self, image_u8, mode="quantized", keep=False):
        """Returns {'box_encodings': [1,1917,4], 'class_scores': [1,1917,91]} (float64)."""
        if mode not in ("quantized", "float"):
            raise ValueError("mode must be quantized or float")
        img = np.asarray(image_u8)
        if img.ndim == 3:
            img = img[None]
        inp = self.T(self.g.inputs[0])
        if img.shape != inp.shape or img.dtype != np.uint8:
            raise ValueError("input must be uint8 %s, got %s %s"
                             % (list(inp.shape), img.dtype, list(img.shape)))
        vals = {self.g.inputs[0]: (img.astype(np.float64) - inp.zero_point) * inp.scale}
        for op in self.ops:
            name = op.opname
            ins = op.inputs
            out = op.outputs[0]
            if name == "CONV_2D":
                x, w, b = ins
                v = conv2d(vals[x], self.const(w), self.bias(b, x, w), op.options)
                v = self.finish(v, out, mode, clamp=True)
            elif name == "DEPTHWISE_CONV_2D":
                x, w, b = ins
                v = depthwise_conv2d(vals[x], self.const(w), self.bias(b, x, w), op.options)
                v = self.finish(v, out, mode, clamp=True)
            elif name == "ADD":
                v = self.finish(vals[ins[0]] + vals[ins[1]], out, mode, clamp=True)
            elif name == "RESHAPE":
                v = vals[ins[0]].reshape(self.T(out).shape)
            elif name == "CONCATENATION":
                v = np.concatenate([vals[i] for i in ins], axis=op.options["axis"])
                # quantized: inputs with another scale are requantized to the output's
                v = self.finish(v, out, mode, clamp=True)
            elif name == "LOGISTIC":
                v = 1.0 / (1.0 + np.exp(-vals[ins[0]]))
                v = self.finish(v, out, mode, clamp=False)
            else:
                raise ValueError("unsupported op %s" % name)
            if self.T(out).shape and v.shape != self.T(out).shape:
                raise ValueError("op %d %s: shape %s, tflite says %s"
                                 % (op.index, name, v.shape, self.T(out).shape))
            vals[out] = v
        res = {"box_encodings": vals[self.post.inputs[0]],
               "class_scores": vals[self.post.inputs[1]]}
        if keep:
            res["tensors"] = vals
        return res


def main(argv=None):
    ap = argparse.ArgumentParser(description="numpy reference run of the .tflite")
    ap.add_argument("tflite")
    ap.add_argument("image")
    ap.add_argument("--mode", choices=("quantized", "float"), default="quantized")
    args = ap.parse_args(argv)
    import time
    import cv2
    bgr = cv2.imread(args.image)
    if bgr is None:
        print("cannot read %s" % args.image, file=sys.stderr)
        return 1
    rgb = cv2.cvtColor(cv2.resize(bgr, (300, 300)), cv2.COLOR_BGR2RGB)
    ref = Reference(args.tflite)
    t0 = time.perf_counter()
    r = ref.run(rgb, args.mode)
    print("%s mode: %.2f s" % (args.mode, time.perf_counter() - t0))
    s = r["class_scores"][0]
    best = np.argsort(-s[:, 1:].max(axis=1))[:10]
    for a in best:
        c = int(np.argmax(s[a, 1:])) + 1
        print("anchor %4d  column %2d (label id %2d)  score %.4f  enc %s"
              % (a, c, c - 1, s[a, c], np.round(r["box_encodings"][0, a], 4)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
