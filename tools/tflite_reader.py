#!/usr/bin/python3
"""Minimal reader for TFLite flatbuffer models (.tflite).

Only what livedetect's converter and reference executor need: the model's
subgraphs, tensors (shape, type, buffer, name, per-tensor quantization),
operators (opcode, inputs, outputs, a few builtin options, custom options) and
the constant buffers as numpy arrays.

There is no generated schema module on the target machines, so the flatbuffer
is walked with flatbuffers.table.Table directly. A table's field number N sits
at vtable offset 4 + 2*N; field numbers follow the declaration order of the
public TFLite schema (tensorflow/lite/schema/schema.fbs), where a union field
takes two numbers (its type byte first, then the value).

Usage as a script prints a summary:  tflite_reader.py MODEL.tflite
"""

import collections
import struct
import sys

import numpy as np
from flatbuffers import number_types as NT
from flatbuffers.table import Table

# --- schema constants (from the public schema.fbs) --------------------------

# enum TensorType : byte
TENSOR_TYPES = {
    0: ("FLOAT32", np.float32),
    1: ("FLOAT16", np.float16),
    2: ("INT32", np.int32),
    3: ("UINT8", np.uint8),
    4: ("INT64", np.int64),
    5: ("STRING", None),
    6: ("BOOL", np.bool_),
    7: ("INT16", np.int16),
    9: ("INT8", np.int8),
    10: ("FLOAT64", np.float64),
}

# enum BuiltinOperator : int32 (only the first values; others print as a number)
BUILTIN_NAMES = {
    0: "ADD", 1: "AVERAGE_POOL_2D", 2: "CONCATENATION", 3: "CONV_2D",
    4: "DEPTHWISE_CONV_2D", 5: "DEPTH_TO_SPACE", 6: "DEQUANTIZE",
    7: "EMBEDDING_LOOKUP", 8: "FLOOR", 9: "FULLY_CONNECTED",
    10: "HASHTABLE_LOOKUP", 11: "L2_NORMALIZATION", 12: "L2_POOL_2D",
    13: "LOCAL_RESPONSE_NORMALIZATION", 14: "LOGISTIC", 15: "LSH_PROJECTION",
    16: "LSTM", 17: "MAX_POOL_2D", 18: "MUL", 19: "RELU", 20: "RELU_N1_TO_1",
    21: "RELU6", 22: "RESHAPE", 23: "RESIZE_BILINEAR", 24: "RNN",
    25: "SOFTMAX", 26: "SPACE_TO_DEPTH", 27: "SVDF", 28: "TANH",
    29: "CONCAT_EMBEDDINGS", 30: "SKIP_GRAM", 31: "CALL", 32: "CUSTOM",
}

# enum BuiltinOptions (union type tags) for the options decoded here
OPT_CONV2D = 1
OPT_DEPTHWISE_CONV2D = 2
OPT_CONCATENATION = 10
OPT_ADD = 11
OPT_RESHAPE = 17

# enum Padding : byte
PADDING_NAMES = {0: "SAME", 1: "VALID"}

# enum ActivationFunctionType : byte
ACTIVATION_NAMES = {0: "NONE", 1: "RELU", 2: "RELU_N1_TO_1", 3: "RELU6",
                    4: "TANH", 5: "SIGN_BIT"}


# --- low-level table access --------------------------------------------------

def _off(tab, field):
    """Offset of field number `field` inside the table, 0 when absent."""
    return tab.Offset(4 + 2 * field)


def _scalar(tab, field, flags, default):
    o = _off(tab, field)
    return tab.Get(flags, tab.Pos + o) if o else default


def _string(tab, field):
    o = _off(tab, field)
    return tab.String(tab.Pos + o).decode("utf-8") if o else None


def _vector_numpy(tab, field, flags):
    """A vector of scalars as a numpy copy (None when the field is absent)."""
    o = _off(tab, field)
    if not o:
        return None
    return np.array(tab.GetVectorAsNumpy(flags, o))


def _vector_bytes(tab, field):
    o = _off(tab, field)
    if not o:
        return None
    start = tab.Vector(o)
    n = tab.VectorLen(o)
    return bytes(tab.Bytes[start:start + n])


def _vector_tables(tab, field):
    o = _off(tab, field)
    if not o:
        return []
    start = tab.Vector(o)
    n = tab.VectorLen(o)
    out = []
    for i in range(n):
        pos = tab.Indirect(start + 4 * i)
        out.append(Table(tab.Bytes, pos))
    return out


def _subtable(tab, field):
    o = _off(tab, field)
    if not o:
        return None
    return Table(tab.Bytes, tab.Indirect(tab.Pos + o))


# --- model objects -----------------------------------------------------------

Quantization = collections.namedtuple(
    "Quantization", "scale zero_point quantized_dimension min max")


class Tensor:
    def __init__(self, index, tab, model):
        self.index = index
        self.shape = tuple(int(d) for d in
                           (_vector_numpy(tab, 0, NT.Int32Flags) if _off(tab, 0)
                            else []))
        self.type_code = _scalar(tab, 1, NT.Int8Flags, 0)
        self.type_name, self.dtype = TENSOR_TYPES.get(
            self.type_code, ("TYPE_%d" % self.type_code, None))
        self.buffer = _scalar(tab, 2, NT.Uint32Flags, 0)
        self.name = _string(tab, 3) or ""
        self.quantization = None
        q = _subtable(tab, 4)
        if q is not None:
            scale = _vector_numpy(q, 2, NT.Float32Flags)
            zp = _vector_numpy(q, 3, NT.Int64Flags)
            if scale is not None and scale.size:
                self.quantization = Quantization(
                    scale=scale.astype(np.float64),
                    zero_point=(zp if zp is not None else np.zeros(scale.size, np.int64)),
                    quantized_dimension=_scalar(q, 6, NT.Int32Flags, 0),
                    min=_vector_numpy(q, 0, NT.Float32Flags),
                    max=_vector_numpy(q, 1, NT.Float32Flags))
        self._model = model

    # per-tensor quantization parameters (the model only uses per-tensor)
    @property
    def scale(self):
        if self.quantization is None:
            return None
        if self.quantization.scale.size != 1:
            raise ValueError("tensor %r has per-axis quantization" % self.name)
        return float(self.quantization.scale[0])

    @property
    def zero_point(self):
        if self.quantization is None:
            return None
        return int(self.quantization.zero_point[0])

    def is_constant(self):
        data = self._model.buffers[self.buffer]
        return data is not None and data.size > 0

    def data(self):
        """The constant content as a numpy array of the tensor's type and shape."""
        raw = self._model.buffers[self.buffer]
        if raw is None or raw.size == 0:
            raise ValueError("tensor %r has no constant data" % self.name)
        if self.dtype is None:
            raise ValueError("tensor %r: unsupported type %s" % (self.name, self.type_name))
        arr = np.frombuffer(raw.tobytes(), dtype=np.dtype(self.dtype).newbyteorder("<"))
        return arr.reshape(self.shape).astype(self.dtype)

    def dequantized(self):
        """Constant data as float64: scale * (q - zero_point)."""
        d = self.data()
        if self.quantization is None:
            return d.astype(np.float64)
        return (d.astype(np.float64) - self.zero_point) * self.scale

    def qrange(self):
        """Real-value range representable by this uint8/int8 tensor."""
        if self.dtype == np.uint8:
            lo, hi = 0, 255
        elif self.dtype == np.int8:
            lo, hi = -128, 127
        else:
            raise ValueError("tensor %r is not 8-bit" % self.name)
        return (self.scale * (lo - self.zero_point), self.scale * (hi - self.zero_point))

    def __repr__(self):
        q = ""
        if self.quantization is not None and self.quantization.scale.size == 1:
            q = " scale=%.9g zp=%d" % (self.scale, self.zero_point)
        return "T%d %s %s %s buf=%d%s" % (self.index, self.name, self.type_name,
                                          list(self.shape), self.buffer, q)


class Operator:
    def __init__(self, index, tab, model):
        self.index = index
        self.opcode_index = _scalar(tab, 0, NT.Uint32Flags, 0)
        code = model.operator_codes[self.opcode_index]
        self.builtin_code = code["builtin_code"]
        self.custom_code = code["custom_code"]
        self.opname = (self.custom_code if self.builtin_code == 32 and self.custom_code
                       else BUILTIN_NAMES.get(self.builtin_code,
                                              "BUILTIN_%d" % self.builtin_code))
        ins = _vector_numpy(tab, 1, NT.Int32Flags)
        outs = _vector_numpy(tab, 2, NT.Int32Flags)
        self.inputs = [int(i) for i in (ins if ins is not None else [])]
        self.outputs = [int(i) for i in (outs if outs is not None else [])]
        self.options_type = _scalar(tab, 3, NT.Uint8Flags, 0)
        self.options = self._decode_options(_subtable(tab, 4))
        self.custom_options = _vector_bytes(tab, 5)
        self.custom_options_format = _scalar(tab, 6, NT.Int8Flags, 0)

    def _decode_options(self, t):
        name = BUILTIN_NAMES.get(self.builtin_code)
        if name == "CONV_2D":
            self._expect_options(OPT_CONV2D, t)
            return {
                "padding": PADDING_NAMES[_scalar(t, 0, NT.Int8Flags, 0)],
                "stride_w": _scalar(t, 1, NT.Int32Flags, 0),
                "stride_h": _scalar(t, 2, NT.Int32Flags, 0),
                "fused_activation_function":
                    ACTIVATION_NAMES[_scalar(t, 3, NT.Int8Flags, 0)],
                "dilation_w_factor": _scalar(t, 4, NT.Int32Flags, 1),
                "dilation_h_factor": _scalar(t, 5, NT.Int32Flags, 1),
            }
        if name == "DEPTHWISE_CONV_2D":
            self._expect_options(OPT_DEPTHWISE_CONV2D, t)
            return {
                "padding": PADDING_NAMES[_scalar(t, 0, NT.Int8Flags, 0)],
                "stride_w": _scalar(t, 1, NT.Int32Flags, 0),
                "stride_h": _scalar(t, 2, NT.Int32Flags, 0),
                "depth_multiplier": _scalar(t, 3, NT.Int32Flags, 0),
                "fused_activation_function":
                    ACTIVATION_NAMES[_scalar(t, 4, NT.Int8Flags, 0)],
                "dilation_w_factor": _scalar(t, 5, NT.Int32Flags, 1),
                "dilation_h_factor": _scalar(t, 6, NT.Int32Flags, 1),
            }
        if name == "CONCATENATION":
            self._expect_options(OPT_CONCATENATION, t)
            return {
                "axis": _scalar(t, 0, NT.Int32Flags, 0),
                "fused_activation_function":
                    ACTIVATION_NAMES[_scalar(t, 1, NT.Int8Flags, 0)],
            }
        if name == "ADD":
            # AddOptions may be absent entirely (all defaults)
            if t is None:
                return {"fused_activation_function": "NONE"}
            self._expect_options(OPT_ADD, t)
            return {"fused_activation_function":
                    ACTIVATION_NAMES[_scalar(t, 0, NT.Int8Flags, 0)]}
        if name == "RESHAPE":
            if t is None:
                return {"new_shape": None}
            self._expect_options(OPT_RESHAPE, t)
            ns = _vector_numpy(t, 0, NT.Int32Flags)
            return {"new_shape": None if ns is None else [int(v) for v in ns]}
        return {}

    def _expect_options(self, tag, t):
        if t is None or self.options_type != tag:
            raise ValueError("operator %d (%s): builtin options type %d, expected %d"
                             % (self.index, BUILTIN_NAMES.get(self.builtin_code),
                                self.options_type, tag))

    def __repr__(self):
        return "Op%d %s in=%s out=%s %s" % (self.index, self.opname, self.inputs,
                                            self.outputs, self.options or "")


class SubGraph:
    def __init__(self, tab, model):
        self.name = _string(tab, 4) or ""
        self.tensors = [Tensor(i, t, model) for i, t in enumerate(_vector_tables(tab, 0))]
        ins = _vector_numpy(tab, 1, NT.Int32Flags)
        outs = _vector_numpy(tab, 2, NT.Int32Flags)
        self.inputs = [int(i) for i in (ins if ins is not None else [])]
        self.outputs = [int(i) for i in (outs if outs is not None else [])]
        self.operators = [Operator(i, t, model)
                          for i, t in enumerate(_vector_tables(tab, 3))]


class Model:
    def __init__(self, data):
        if isinstance(data, (bytes, bytearray)):
            buf = bytearray(data)
        else:
            with open(data, "rb") as f:
                buf = bytearray(f.read())
        if len(buf) < 8:
            raise ValueError("file too short for a flatbuffer")
        ident = bytes(buf[4:8])
        if ident != b"TFL3":
            raise ValueError("not a TFLite model (file identifier %r)" % ident)
        root = Table(buf, struct.unpack_from("<I", buf, 0)[0])
        self.version = _scalar(root, 0, NT.Uint32Flags, 0)
        self.description = _string(root, 3)
        # buffers first: tensors refer to them
        self.buffers = []
        for b in _vector_tables(root, 4):
            if _off(b, 1) or _off(b, 2):
                raise ValueError("buffers stored outside the flatbuffer are not supported")
            d = _vector_numpy(b, 0, NT.Uint8Flags)
            self.buffers.append(d if d is not None else np.zeros(0, np.uint8))
        self.operator_codes = []
        for oc in _vector_tables(root, 1):
            deprecated = _scalar(oc, 0, NT.Int8Flags, 0)
            builtin = _scalar(oc, 3, NT.Int32Flags, 0)
            self.operator_codes.append({
                # old writers only fill the int8 field, new ones both (the int8
                # saturates at 127 = PLACEHOLDER_FOR_GREATER_OP_CODES)
                "builtin_code": max(deprecated, builtin),
                "custom_code": _string(oc, 1),
                "version": _scalar(oc, 2, NT.Int32Flags, 1),
            })
        self.subgraphs = [SubGraph(t, self) for t in _vector_tables(root, 2)]


def load(path):
    return Model(path)


def main(argv):
    if len(argv) != 2:
        print("usage: tflite_reader.py MODEL.tflite", file=sys.stderr)
        return 2
    m = load(argv[1])
    print("version %d, description %r, %d buffers, %d subgraph(s)"
          % (m.version, m.description, len(m.buffers), len(m.subgraphs)))
    for g in m.subgraphs:
        print("subgraph %r: %d tensors, %d operators, inputs %s, outputs %s"
              % (g.name, len(g.tensors), len(g.operators), g.inputs, g.outputs))
        counts = collections.Counter(op.opname for op in g.operators)
        print("  ops: " + ", ".join("%s x%d" % kv for kv in sorted(counts.items())))
        for i in g.inputs:
            print("  input  " + repr(g.tensors[i]))
        for i in g.outputs:
            print("  output " + repr(g.tensors[i]))
        for op in g.operators:
            print("  " + repr(op))
            for i in op.inputs:
                if i >= 0:
                    print("      in  " + repr(g.tensors[i]))
            for i in op.outputs:
                print("      out " + repr(g.tensors[i]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
