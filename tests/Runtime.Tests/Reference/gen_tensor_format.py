"""Reference text for Tensor.ToString: NumPy's repr (default print options) with the prefix "tensor(" and the tail
"shape=..., dtype=...)" placed as numpy places its dtype, i.e. on the last line unless that would pass 75 characters."""
import json
import os

import numpy as np

from refgen import tensor_json

RNG = np.random.default_rng(1)
PREFIX = "tensor("


def expected(a):
    body = np.array2string(a, separator=", ", prefix=PREFIX, suffix=",") if a.size > 0 else "[]"
    text = PREFIX + body + ","
    tail = f"shape={tuple(a.shape)}, dtype={a.dtype})"
    last = len(text) - (text.rfind("\n") + 1)
    spacer = "\n" + " " * len(PREFIX) if last + len(tail) + 1 > 75 else " "
    return text + spacer + tail


def f32(v):
    return np.asarray(v, dtype=np.float32)


cases = {
    "scalar": f32(1.5),
    "scalar_integral": f32(3.0),
    "scalar_negative_zero": f32(-0.0),
    "vector": f32([1.0, 2.5, -3.0]),
    "matrix_integral": f32([[1, 2], [3, 4]]),
    "matrix_random": RNG.normal(size=(3, 4)).astype(np.float32),
    "rank3": RNG.uniform(-1, 1, size=(2, 3, 4)).astype(np.float32),
    "rank4": RNG.uniform(0, 10, size=(2, 2, 2, 3)).round(1).astype(np.float32),
    "wrapped_row": RNG.normal(size=(30,)).astype(np.float32),
    "wrapped_matrix": RNG.normal(size=(3, 12)).astype(np.float32),
    "tenths": f32([0.1, 0.2, 0.3, 1.0 / 3.0]),
    "many_digits": f32([123.456789, 0.00123456, 7.0]),
    "scientific_small": f32([1e-5, 1.0, 0.5]),
    "scientific_large": f32([1e8, 2.5, -3.0]),
    "scientific_ratio": f32([1500.0, 1.0]),
    "scientific_with_zero": f32([0.0, 1e-7, -2.5e3]),
    "zeros": np.zeros((2, 3), np.float32),
    "nan_inf": f32([np.nan, 1.5, np.inf, -np.inf]),
    "only_nan": f32([np.nan, np.nan]),
    "empty_1d": np.zeros((0,), np.float32),
    "empty_2d": np.zeros((0, 3), np.float32),
    "elided_1d": np.arange(2000, dtype=np.float32) / 4,
    "elided_2d": RNG.normal(size=(40, 30)).astype(np.float32),
    "elided_3d": np.arange(11 * 12 * 13, dtype=np.float32).reshape(11, 12, 13),
    "int_vector": np.array([1, -20, 300], np.int32),
    "int_matrix": np.array([[1, 2, 3], [40, 50, -6]], np.int32),
    "int_scalar": np.array(7, np.int32),
    "int_elided": np.arange(1200, dtype=np.int32).reshape(30, 40),
    "int_wrapped": np.arange(-20, 20, dtype=np.int32) * 1000,
}

# The schema of refgen.Cases (read by ReferenceCases), with the expected text as an argument and no output tensor.
out = [{"name": name, "op": "repr", "args": {"text": expected(a)}, "inputs": [tensor_json(a)]} for name, a in cases.items()]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tensor_format.json")
with open(path, "w") as f:
    json.dump({"generator": f"NumPy {np.__version__}", "cases": out}, f, separators=(",", ":"))
print(f"wrote {len(out)} cases to tensor_format.json")
