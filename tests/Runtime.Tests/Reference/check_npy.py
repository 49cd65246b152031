"""Checks that NumPy loads the .npy files NotebookKeras wrote: run by NpyInteropTests as  python3 check_npy.py FOLDER

FOLDER/expected.json lists {"files": {name: {"shape", "dtype": "float32"|"int32", "data"}}} (NaN/inf as "nan"/"inf"/"-inf").
Each file must load with np.load (no pickle), as a little-endian C-order array of that dtype, shape and values (bit for
bit, -0.0 included), with a version 1.0 header padded so the data starts at a multiple of 64 bytes, and no trailing bytes.
Exit code 0: all good; 1: a file failed (each failure is printed); 2: bad usage, or NumPy is not installed.
"""
import json
import os
import sys

try:
    import numpy as np
except ImportError:
    print("check_npy.py needs NumPy: install python3-numpy (apt-get install -y python3-numpy)", file=sys.stderr)
    sys.exit(2)

DTYPES = {"float32": np.dtype("<f4"), "int32": np.dtype("<i4")}


def expected_array(spec):
    dtype = DTYPES[spec["dtype"]]
    values = [float(v) if isinstance(v, str) else v for v in spec["data"]]  # float("nan"), float("-inf") parse the markers
    return np.array(values, dtype=dtype).reshape(spec["shape"])


def check(folder, name, spec):
    file = os.path.join(folder, name)
    with open(file, "rb") as f:
        version = np.lib.format.read_magic(f)
        if version != (1, 0):
            return f"format version {version}, expected (1, 0)"
        _, fortran, _ = np.lib.format.read_array_header_1_0(f)
        if f.tell() % 64 != 0:
            return f"data starts at byte {f.tell()}, not a multiple of 64"
        if fortran:
            return "fortran_order is True"
        data_start = f.tell()
    actual = np.load(file, allow_pickle=False)
    want = expected_array(spec)
    if actual.dtype != want.dtype:
        return f"dtype {actual.dtype.str}, expected {want.dtype.str}"
    if actual.shape != want.shape:
        return f"shape {actual.shape}, expected {want.shape}"
    size = os.path.getsize(file)
    if size != data_start + actual.nbytes:
        return f"{size} bytes, expected {data_start} of header and {actual.nbytes} of data"
    same = actual == want
    if want.dtype.kind == "f":
        # Bit for bit but for NaN payloads (.NET's NaN has the sign bit set, NumPy's not).
        same = (same & (np.signbit(actual) == np.signbit(want))) | (np.isnan(actual) & np.isnan(want))
    if not np.all(same):
        bad = np.flatnonzero(~same)[:5]
        return f"values differ at flat indices {bad.tolist()}: got {actual.reshape(-1)[bad].tolist()}, expected {want.reshape(-1)[bad].tolist()}"
    return None


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    folder = sys.argv[1]
    with open(os.path.join(folder, "expected.json")) as f:
        files = json.load(f)["files"]
    failures = 0
    for name, spec in sorted(files.items()):
        try:
            problem = check(folder, name, spec)
        except Exception as e:  # a file NumPy cannot load is a failure to report, not a crash
            problem = f"{type(e).__name__}: {e}"
        print(f"{name}: {'ok' if problem is None else 'FAILED: ' + problem}")
        failures += problem is not None
    print(f"NumPy {np.__version__}: {len(files) - failures} of {len(files)} files ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
