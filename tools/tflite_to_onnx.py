#!/usr/bin/python3
"""Convert the uint8 SSD MobileNet v2 COCO .tflite to a float ONNX for cv::dnn.

    tflite_to_onnx.py IN.tflite OUT.onnx --anchors OUT.anchors.txt

The graph is converted up to the inputs of the custom TFLite_Detection_PostProcess
op; the postprocess itself (decode + NMS) is left to the application. The ONNX
uses opset 10 (OpenCV 4.6 only accepts Clip with min/max as attributes).

Interface of the result (the C++ side relies on it):
  input  "input"          float [1,3,300,300] NCHW RGB, real = (x - 128) / 128,
                          i.e. blobFromImage(img, 1/128.0, Size(300,300),
                          Scalar(128,128,128), swapRB=true)
  output "box_encodings"  float [1,1917,4]  (ty, tx, th, tw), raw, not decoded
  output "class_scores"   float [1,1917,91] after the sigmoid, column 0 background
The anchors file holds the postprocess op's constant anchors [1917,4]
(yc, xc, h, w, normalized), one anchor per line.

Conversion rules (float equivalent of the quantized graph):
  * weights and biases are dequantized (per-tensor); conv weights OHWI -> OIHW,
    depthwise [1,kh,kw,C*m] -> [C*m,1,kh,kw] with group = C;
  * no op has a fused activation: the ReLU6 of MobileNet exists only in the uint8
    output ranges, so every Conv / DepthwiseConv / Add output is clamped to the
    real range its quantization can represent (Clip with attributes);
  * TFLite SAME padding is written as explicit (possibly asymmetric) pads;
  * feature maps are NCHW in ONNX: a Transpose to NHWC precedes every Reshape so
    the anchor order matches TFLite's.
The result is deterministic: the same .tflite gives the same bytes.
"""

import argparse
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tflite_reader  # noqa: E402

POSTPROCESS = "TFLite_Detection_PostProcess"
OPSET = 10
# deliberately wrong conversions, only to check that tests/converter catches them
BREAKS = ("no_clamp", "no_head_transpose", "symmetric_pads")
EXPECTED_INPUT_SCALE = 1.0 / 128.0
EXPECTED_INPUT_ZERO_POINT = 128
EXPECTED_BOX_SCALES = {"y_scale": 10.0, "x_scale": 10.0, "h_scale": 5.0, "w_scale": 5.0}
ANCHORS_HEADER = ("# yc xc h w  (%d anchors, SSD MobileNet v2 COCO; "
                  "box coder scales y=10 x=10 h=5 w=5)")


def log(msg):
    print("[tflite_to_onnx] " + msg, flush=True)


def same_pads(in_size, k, stride, dilation):
    """TFLite SAME padding along one axis: (before, after)."""
    eff_k = (k - 1) * dilation + 1
    out = (in_size + stride - 1) // stride
    total = max((out - 1) * stride + eff_k - in_size, 0)
    return total // 2, total - total // 2


def conv_pads(options, in_h, in_w, kh, kw):
    """ONNX pads [top, left, bottom, right] for a TFLite conv."""
    if options["padding"] == "VALID":
        return [0, 0, 0, 0]
    top, bottom = same_pads(in_h, kh, options["stride_h"], options["dilation_h_factor"])
    left, right = same_pads(in_w, kw, options["stride_w"], options["dilation_w_factor"])
    return [top, left, bottom, right]


def activation_range(name):
    return {"NONE": (-np.inf, np.inf), "RELU": (0.0, np.inf),
            "RELU_N1_TO_1": (-1.0, 1.0), "RELU6": (0.0, 6.0)}[name]


def output_clamp(tensor, fused):
    """Range a Conv/Add output is clamped to: its uint8 range and any fused act."""
    lo, hi = tensor.qrange() if tensor.quantization is not None else (-np.inf, np.inf)
    alo, ahi = activation_range(fused)
    return max(lo, alo), min(hi, ahi)


def decode_postprocess_options(op):
    if not op.custom_options:
        return {}
    try:
        from flatbuffers import flexbuffers
        return dict(flexbuffers.Loads(op.custom_options))
    except Exception as e:  # older flatbuffers without flexbuffers support
        log("cannot decode postprocess options (%s); skipping" % e)
        return {}


class Converter:
    def __init__(self, model, breaks=(), verbose=True):
        self.model = model
        self.verbose = verbose
        self.g = model.subgraphs[0]
        unknown = set(breaks) - set(BREAKS)
        if unknown:
            raise ValueError("unknown breaks %s" % sorted(unknown))
        self.clamp = "no_clamp" not in breaks
        self.head_transpose = "no_head_transpose" not in breaks
        self.symmetric_pads = "symmetric_pads" in breaks
        self.nodes = []
        self.inits = []
        self.onnx_name = {}  # tflite tensor index -> onnx tensor name
        self.layout = {}     # tflite tensor index -> "NCHW" (4D maps) or "plain"
        self.pads_used = []  # (name, pads, stride) for the report

    def T(self, i):
        return self.g.tensors[i]

    def add_init(self, name, array):
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def add_node(self, op_type, inputs, outputs, name, **attrs):
        self.nodes.append(helper.make_node(op_type, inputs, outputs, name=name, **attrs))

    def weight(self, i):
        t = self.T(i)
        if t.quantization is None or t.quantization.scale.size != 1:
            raise ValueError("weight %r: expected per-tensor quantization" % t.name)
        return t.dequantized()

    def bias(self, i, in_scale, w_scale, base):
        t = self.T(i)
        q = t.data().astype(np.float64)
        scale = in_scale * w_scale
        if t.quantization is not None and abs(t.scale - scale) > 1e-5 * scale:
            raise ValueError("bias %r: scale %.9g != input*weight scale %.9g"
                             % (t.name, t.scale, scale))
        return self.add_init(base + "/bias", (q * scale).astype(np.float32))

    def clip(self, src, out_index, fused, base):
        """Clamp `src` to the output tensor's range; returns the ONNX name."""
        lo, hi = output_clamp(self.T(out_index), fused)
        if not self.clamp or (lo == -np.inf and hi == np.inf):
            return src
        dst = base
        self.add_node("Clip", [src], [dst], base + "/clip",
                      min=float(np.float32(lo)), max=float(np.float32(hi)))
        return dst

    def convert(self):
        g = self.g
        if len(g.inputs) != 1:
            raise ValueError("expected one graph input, got %d" % len(g.inputs))
        inp = self.T(g.inputs[0])
        if inp.shape != (1, 300, 300, 3) or inp.type_name != "UINT8":
            raise ValueError("unexpected input %r" % inp)
        if self.verbose:
            log("tflite input %s %s %s: scale %.9g (1/%.6g), zero point %d"
                % (inp.name, inp.type_name, list(inp.shape), inp.scale, 1.0 / inp.scale,
                   inp.zero_point))
        if (abs(inp.scale - EXPECTED_INPUT_SCALE) > 1e-9
                or inp.zero_point != EXPECTED_INPUT_ZERO_POINT):
            raise ValueError("input quantization is not scale 1/128, zero point 128: "
                             "the preprocessing of the C++ side would be wrong")
        self.onnx_name[g.inputs[0]] = "input"
        self.layout[g.inputs[0]] = "NCHW"

        post = [op for op in g.operators if op.opname == POSTPROCESS]
        if len(post) != 1:
            raise ValueError("expected one %s op, found %d" % (POSTPROCESS, len(post)))
        post = post[0]
        box_i, score_i, anchor_i = post.inputs[:3]

        for op in g.operators:
            if op is post:
                continue
            handler = getattr(self, "op_" + op.opname, None)
            if handler is None:
                raise ValueError("unsupported op %s (operator %d)" % (op.opname, op.index))
            handler(op)

        # graph outputs: rename the two tensors feeding the postprocess op
        outputs = []
        for idx, name, width in ((box_i, "box_encodings", 4), (score_i, "class_scores", 91)):
            shape = list(self.T(idx).shape)
            if shape != [1, 1917, width] or self.layout[idx] != "plain":
                raise ValueError("postprocess input %r has shape %s" % (self.T(idx).name, shape))
            self.rename_output(idx, name)
            outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, shape))

        graph = helper.make_graph(
            self.nodes, "ssd_mobilenet_v2_coco",
            [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, 300, 300])],
            outputs, initializer=self.inits)
        model = helper.make_model(
            graph, producer_name="livedetect tools/tflite_to_onnx.py",
            opset_imports=[helper.make_opsetid("", OPSET)])
        model.ir_version = 5  # the IR version that goes with opset 10
        model.doc_string = ("SSD MobileNet v2 COCO (uint8 TFLite, Apache-2.0) converted to "
                            "float; outputs are the inputs of TFLite_Detection_PostProcess")
        onnx.checker.check_model(model)

        anchors = self.T(anchor_i)
        if anchors.shape != (1917, 4):
            raise ValueError("anchors tensor has shape %s" % (anchors.shape,))
        return model, anchors.dequantized(), decode_postprocess_options(post)

    def rename_output(self, idx, name):
        old = self.onnx_name[idx]
        for node in self.nodes:
            for k, o in enumerate(node.output):
                if o == old:
                    node.output[k] = name
            for k, o in enumerate(node.input):
                if o == old:
                    node.input[k] = name
        self.onnx_name[idx] = name

    def pads(self, o, ih, iw, kh, kw):
        if self.symmetric_pads and o["padding"] == "SAME":
            # the usual mistake: pad kernel//2 on every side, whatever the stride
            return [(kh - 1) // 2, (kw - 1) // 2, (kh - 1) // 2, (kw - 1) // 2]
        return conv_pads(o, ih, iw, kh, kw)

    # --- op handlers ---------------------------------------------------------

    def _check_nchw(self, i, op):
        if self.layout.get(i) != "NCHW":
            raise ValueError("operator %d (%s): input %r is not a feature map"
                             % (op.index, op.opname, self.T(i).name))

    def op_CONV_2D(self, op):
        x, w, b = op.inputs
        out = op.outputs[0]
        self._check_nchw(x, op)
        o = op.options
        base = self.T(out).name
        wt = self.weight(w)                       # OHWI
        kh, kw = wt.shape[1], wt.shape[2]
        _, ih, iw, _ = self.T(x).shape
        pads = self.pads(o, ih, iw, kh, kw)
        self.pads_used.append((base, pads, (o["stride_h"], o["stride_w"]), (kh, kw),
                               (ih, iw), tuple(self.T(out).shape[1:3])))
        wname = self.add_init(base + "/weights",
                              wt.transpose(0, 3, 1, 2).astype(np.float32))
        bname = self.bias(b, self.T(x).scale, self.T(w).scale, base)
        pre = base + "/conv"
        self.add_node("Conv", [self.onnx_name[x], wname, bname], [pre], pre,
                      kernel_shape=[kh, kw], strides=[o["stride_h"], o["stride_w"]],
                      dilations=[o["dilation_h_factor"], o["dilation_w_factor"]],
                      pads=pads, group=1)
        self.onnx_name[out] = self.clip(pre, out, o["fused_activation_function"], base)
        self.layout[out] = "NCHW"

    def op_DEPTHWISE_CONV_2D(self, op):
        x, w, b = op.inputs
        out = op.outputs[0]
        self._check_nchw(x, op)
        o = op.options
        base = self.T(out).name
        wt = self.weight(w)                       # [1, kh, kw, C*m]
        kh, kw = wt.shape[1], wt.shape[2]
        _, ih, iw, cin = self.T(x).shape
        if wt.shape[3] != cin * o["depth_multiplier"]:
            raise ValueError("depthwise %r: weight shape %s vs %d input channels"
                             % (base, wt.shape, cin))
        pads = self.pads(o, ih, iw, kh, kw)
        self.pads_used.append((base, pads, (o["stride_h"], o["stride_w"]), (kh, kw),
                               (ih, iw), tuple(self.T(out).shape[1:3])))
        wname = self.add_init(base + "/weights",
                              wt.transpose(3, 0, 1, 2).astype(np.float32))
        bname = self.bias(b, self.T(x).scale, self.T(w).scale, base)
        pre = base + "/depthwise"
        self.add_node("Conv", [self.onnx_name[x], wname, bname], [pre], pre,
                      kernel_shape=[kh, kw], strides=[o["stride_h"], o["stride_w"]],
                      dilations=[o["dilation_h_factor"], o["dilation_w_factor"]],
                      pads=pads, group=cin)
        self.onnx_name[out] = self.clip(pre, out, o["fused_activation_function"], base)
        self.layout[out] = "NCHW"

    def op_ADD(self, op):
        a, b = op.inputs
        out = op.outputs[0]
        if self.T(a).shape != self.T(b).shape or self.layout[a] != self.layout[b]:
            raise ValueError("ADD %d: broadcasting is not supported" % op.index)
        base = self.T(out).name
        pre = base + "/sum"
        self.add_node("Add", [self.onnx_name[a], self.onnx_name[b]], [pre], pre)
        self.onnx_name[out] = self.clip(pre, out, op.options["fused_activation_function"],
                                        base)
        self.layout[out] = self.layout[a]

    def op_RESHAPE(self, op):
        x = op.inputs[0]
        out = op.outputs[0]
        tin, tout = self.T(x), self.T(out)
        if (tin.quantization is not None and
                (tin.scale != tout.scale or tin.zero_point != tout.zero_point)):
            raise ValueError("RESHAPE %d changes quantization" % op.index)
        base = tout.name
        src = self.onnx_name[x]
        if self.layout[x] == "NCHW" and self.head_transpose:
            # NCHW -> NHWC so the flattening order is TFLite's (anchor-major)
            src_t = base + "/to_nhwc"
            self.add_node("Transpose", [src], [src_t], src_t, perm=[0, 2, 3, 1])
            src = src_t
        shape = op.options.get("new_shape") or list(tout.shape)
        sname = self.add_init(base + "/shape", np.array(shape, dtype=np.int64))
        self.add_node("Reshape", [src, sname], [base], base)
        self.onnx_name[out] = base
        self.layout[out] = "plain"

    def op_CONCATENATION(self, op):
        out = op.outputs[0]
        tout = self.T(out)
        for i in op.inputs:
            if self.layout[i] != "plain":
                raise ValueError("CONCATENATION %d of feature maps is not supported" % op.index)
        axis = op.options["axis"]
        base = tout.name
        pre = base + "/concat"
        self.add_node("Concat", [self.onnx_name[i] for i in op.inputs], [pre], pre, axis=axis)
        # each input is requantized to the output's scale: it only matters (a
        # clamp) when an input's range exceeds the output's
        lo, hi = tout.qrange()
        needs = any(self.T(i).qrange()[0] < lo - 1e-6 or self.T(i).qrange()[1] > hi + 1e-6
                    for i in op.inputs)
        if needs:
            self.onnx_name[out] = self.clip(pre, out, op.options["fused_activation_function"],
                                            base)
        else:
            self.add_node("Identity", [pre], [base], base)
            self.onnx_name[out] = base
        self.layout[out] = "plain"

    def op_LOGISTIC(self, op):
        x = op.inputs[0]
        out = op.outputs[0]
        base = self.T(out).name
        self.add_node("Sigmoid", [self.onnx_name[x]], [base], base)
        self.onnx_name[out] = base
        self.layout[out] = self.layout[x]


def write_anchors(path, anchors):
    lines = [ANCHORS_HEADER % anchors.shape[0]]
    for row in anchors:
        lines.append(" ".join("%.9g" % float(v) for v in row))
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, path)


def convert_file(tflite_path, onnx_path, anchors_path=None, breaks=(), verbose=True):
    model = tflite_reader.load(tflite_path)
    conv = Converter(model, breaks=breaks, verbose=verbose)
    onnx_model, anchors, opts = conv.convert()

    if verbose:
        counts = {}
        for op in conv.g.operators:
            counts[op.opname] = counts.get(op.opname, 0) + 1
        log("tflite ops: " + ", ".join("%s x%d" % kv for kv in sorted(counts.items())))
        kinds = {}
        for _, p, s, k, i, o in conv.pads_used:
            key = (i[0], o[0], k[0], s[0], tuple(p))
            kinds[key] = kinds.get(key, 0) + 1
        log("SAME pads [top,left,bottom,right] of 3x3 convs: " + "; ".join(
            "%d->%d stride %d %s x%d" % (i, o, s, list(p), n)
            for (i, o, k, s, p), n in sorted(kinds.items(), key=lambda kv: -kv[0][0])
            if k > 1))
        if opts:
            log("postprocess options: " + ", ".join(
                "%s=%s" % (k, ("%.6g" % v) if isinstance(v, float) else v)
                for k, v in sorted(opts.items())))
    if opts:
        for k, v in EXPECTED_BOX_SCALES.items():
            if abs(float(opts.get(k, -1)) - v) > 1e-6:
                raise ValueError("postprocess option %s = %s, expected %s (the C++ decode "
                                 "hard-codes 10/10/5/5)" % (k, opts.get(k), v))
        if verbose:
            log("box coder scales y/x/h/w = 10/10/5/5 as expected")

    tmp = onnx_path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(onnx_model.SerializeToString())
    os.replace(tmp, onnx_path)
    if anchors_path:
        write_anchors(anchors_path, anchors)
    if verbose:
        n_clip = sum(1 for n in onnx_model.graph.node if n.op_type == "Clip")
        log("wrote %s: %d nodes (%d Clip), %d initializers, %.1f MB, opset %d"
            % (onnx_path, len(onnx_model.graph.node), n_clip,
               len(onnx_model.graph.initializer), os.path.getsize(onnx_path) / 1e6, OPSET))
        if anchors_path:
            log("wrote %s: %d anchors (yc xc h w)" % (anchors_path, anchors.shape[0]))
    return onnx_model, anchors, opts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tflite")
    ap.add_argument("onnx")
    ap.add_argument("--anchors", help="write the anchors text file here")
    # deliberately broken conversions, only to check that the tests catch them
    ap.add_argument("--break", dest="breaks", action="append", default=[],
                    choices=BREAKS, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    try:
        convert_file(args.tflite, args.onnx, args.anchors, breaks=args.breaks)
    except (ValueError, OSError) as e:
        print("tflite_to_onnx: error: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
