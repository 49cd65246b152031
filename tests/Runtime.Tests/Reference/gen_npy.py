"""Fixtures for the .npy reader: files written by NumPy, and corrupted files.

Run with Debian's interpreter (it has python3-numpy and python3-torch):  /usr/bin/python3 gen_npy.py
Writes npy/*.npy and npy/expected.json, which holds, for each valid file, the tensor NotebookKeras must read from it
(float64 rounded to float32 by NumPy; int64, uint8 and bool as int32), in the tensor format of refgen.py.
The corrupted files' expected errors are asserted in NpyFileTests.cs.
"""
import json
import os
import struct

import numpy as np
import torch

from refgen import tensor_json

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "npy")
RNG = np.random.default_rng(0)
expected = {}


def path(name):
    return os.path.join(OUT, name)


def save(name, arr, version=None):
    """Writes arr with NumPy (np.save's layout, or an explicit format version) and records what to read back."""
    with open(path(name), "wb") as f:
        np.lib.format.write_array(f, arr, version=version, allow_pickle=False)
    native = arr.astype(arr.dtype.newbyteorder("="), order="C")  # torch takes only native byte order
    if native.dtype.kind == "f":
        native = native.astype(np.float32)
    elif native.dtype.kind in "iub":
        native = native.astype(np.int32)
    expected[name] = tensor_json(torch.from_numpy(native))


def raw(name, header, data=b"", version=(1, 0)):
    """Writes a file byte by byte, header text (or bytes) as given (for corrupted headers NumPy would refuse to write)."""
    encoded = header if isinstance(header, bytes) else header.encode("utf8" if version[0] == 3 else "latin1")
    size_fmt = "<H" if version[0] == 1 else "<I"
    prefix = 6 + 2 + struct.calcsize(size_fmt)
    hlen = len(encoded) + 1
    pad = 64 - (prefix + hlen) % 64
    with open(path(name), "wb") as f:
        f.write(b"\x93NUMPY" + bytes(version) + struct.pack(size_fmt, hlen + pad) + encoded + b" " * pad + b"\n" + data)


os.makedirs(OUT, exist_ok=True)
for old in os.listdir(OUT):
    os.remove(path(old))

floats = RNG.uniform(-10, 10, size=(2, 3, 4)).astype(np.float32)
doubles = RNG.uniform(-10, 10, size=(2, 3, 4))  # not representable in float32: checks the rounding
int32s = RNG.integers(-1000, 1000, size=(2, 3, 4)).astype(np.int32)
int32s.flat[:2] = [np.iinfo(np.int32).min, np.iinfo(np.int32).max]
int64s = int32s.astype(np.int64)

# Every dtype in both byte orders, a 3-D array in C order.
save("f4_le.npy", floats.astype("<f4"))
save("f4_be.npy", floats.astype(">f4"))
save("f8_le.npy", doubles.astype("<f8"))
save("f8_be.npy", doubles.astype(">f8"))
save("i4_le.npy", int32s.astype("<i4"))
save("i4_be.npy", int32s.astype(">i4"))
save("i8_le.npy", int64s.astype("<i8"))
save("i8_be.npy", int64s.astype(">i8"))
save("u1.npy", RNG.integers(0, 256, size=(2, 3, 4)).astype(np.uint8))
save("b1.npy", RNG.integers(0, 2, size=(2, 3, 4)).astype(bool))
save("f4_special.npy", np.array([np.nan, np.inf, -np.inf, -0.0, 1e-45, 3.4028235e38, -1.5], dtype=np.float32))

# Fortran order (NumPy writes fortran_order: True for F-contiguous arrays of rank >= 2).
save("f4_fortran.npy", np.asfortranarray(floats))
save("i8_be_fortran.npy", np.asfortranarray(int64s.reshape(6, 4).astype(">i8")))

# Format versions 2.0 and 3.0 (headers longer than 64 KiB, and UTF-8 headers, need them).
save("f4_v2.npy", floats, version=(2, 0))
save("i4_v3.npy", int32s, version=(3, 0))

# Scalars, empty arrays, a vector, a matrix.
save("f4_scalar.npy", np.array(3.25, dtype=np.float32))
save("i8_scalar.npy", np.array(-7, dtype=np.int64))
save("f4_empty.npy", np.zeros((0, 3), dtype=np.float32))
save("i4_empty.npy", np.zeros((2, 0, 5), dtype=np.int32))
save("f4_vector.npy", floats.reshape(-1)[:5].copy())
save("i4_matrix.npy", int32s.reshape(4, 6))

# Corrupted and unsupported files.
good = open(path("f4_le.npy"), "rb").read()
open(path("bad_magic.npy"), "wb").write(b"PK\x03\x04" + good[4:])
open(path("bad_version.npy"), "wb").write(good[:6] + b"\x04\x00" + good[8:])
open(path("truncated_preamble.npy"), "wb").write(good[:7])
open(path("truncated_header.npy"), "wb").write(good[:40])
open(path("truncated_data.npy"), "wb").write(good[:-10])  # 96 data bytes, 86 left
raw("bad_header_syntax.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3}", floats.tobytes()[:24])
raw("missing_key.npy", "{'descr': '<f4', 'fortran_order': False, }", floats.tobytes()[:4])
raw("bad_shape.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -3), }")
raw("shape_not_tuple.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': [2, 3], }", floats.tobytes()[:24])
raw("not_a_dict.npy", "('<f4', False, (2, 3))", floats.tobytes()[:24])
raw("bad_utf8_v3.npy", b"{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\xff", floats.tobytes()[:4], version=(3, 0))
np.save(path("unsupported_c8.npy"), np.ones((2, 2), dtype=np.complex64))
np.save(path("unsupported_structured.npy"), np.zeros(3, dtype=[("a", "<f4"), ("b", "<i4")]))
np.save(path("i8_overflow.npy"), np.array([1, 2, 2**40, 4], dtype=np.int64))

with open(path("expected.json"), "w") as f:
    json.dump({"generator": f"NumPy {np.__version__}", "files": expected}, f, separators=(",", ":"), sort_keys=True)
print(f"wrote {len(os.listdir(OUT))} files to npy/ ({len(expected)} valid)")
