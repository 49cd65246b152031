"""Checks that h5py reads the Keras files NotebookKeras wrote with exactly Keras 3's layout:  python3 check_h5_layout.py OURS THEIRS

For every NAME.keras and NAME.weights.h5 in the folder OURS (written by NotebookKeras, by H5LayoutTests), the file of the same
name in THEIRS (written by real Keras 3, the shared fixtures) is the reference:
- a .keras archive must hold the same entries in the same order (metadata.json, config.json, model.weights.h5), with JSON
  objects in the two JSON entries (the same top-level config keys as Keras's);
- the HDF5 file (the archive's model.weights.h5, or the .weights.h5 itself) must have the same groups and datasets at the same
  paths, the same dataset shapes and dtypes, the same attributes on each group, and every dataset must read with h5py.
Exit code 0: all good; 1: a file differs (each difference is printed); 2: bad usage, or h5py is not installed.
"""
import io
import json
import os
import sys
import zipfile

try:
    import h5py
    import numpy as np
except ImportError:
    print("check_h5_layout.py needs h5py: install python3-h5py (apt-get install -y python3-h5py)", file=sys.stderr)
    sys.exit(2)


def layout(h5):
    """{path: description} for every group and dataset, with group attributes and dataset shapes and dtypes."""
    items = {"/": ("group", attributes(h5))}

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            np.asarray(obj)  # every dataset must read
            items[name] = ("dataset", tuple(obj.shape), str(obj.dtype))
        else:
            items[name] = ("group", attributes(obj))

    h5.visititems(visit)
    return items


def attributes(obj):
    return tuple(sorted((key, str(np.asarray(value).tolist())) for key, value in obj.attrs.items()))


def compare_h5(ours_bytes, theirs_bytes, label):
    problems = []
    with h5py.File(io.BytesIO(ours_bytes), "r") as ours, h5py.File(io.BytesIO(theirs_bytes), "r") as theirs:
        mine, reference = layout(ours), layout(theirs)
    for path in sorted(set(reference) - set(mine)):
        problems.append(f"{label}: missing {reference[path][0]} '{path}' {reference[path][1:]}")
    for path in sorted(set(mine) - set(reference)):
        problems.append(f"{label}: extra {mine[path][0]} '{path}' {mine[path][1:]}")
    for path in sorted(set(mine) & set(reference)):
        if mine[path] != reference[path]:
            problems.append(f"{label}: '{path}' is {mine[path]}, Keras writes {reference[path]}")
    return problems


def compare_archive(ours_path, theirs_path, label):
    with zipfile.ZipFile(ours_path) as ours, zipfile.ZipFile(theirs_path) as theirs:
        names, reference = [i.filename for i in ours.infolist()], [i.filename for i in theirs.infolist()]
        if names != reference:
            return [f"{label}: entries {names}, Keras writes {reference}"]
        problems = []
        for entry in ("metadata.json", "config.json"):
            mine, keras = json.loads(ours.read(entry)), json.loads(theirs.read(entry))
            if not isinstance(mine, dict):
                problems.append(f"{label}: {entry} is not a JSON object")
            elif entry == "config.json" and sorted(mine) != sorted(keras):
                problems.append(f"{label}: config.json has keys {sorted(mine)}, Keras writes {sorted(keras)}")
        return problems + compare_h5(ours.read("model.weights.h5"), theirs.read("model.weights.h5"), f"{label}!model.weights.h5")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    ours_dir, theirs_dir = sys.argv[1], sys.argv[2]
    files = sorted(f for f in os.listdir(ours_dir) if f.endswith(".keras") or f.endswith(".weights.h5"))
    failed = 0
    for name in files:
        ours, theirs = os.path.join(ours_dir, name), os.path.join(theirs_dir, name)
        if not os.path.exists(theirs):
            problems = [f"{name}: no Keras file of that name in {theirs_dir} to compare with"]
        elif name.endswith(".keras"):
            problems = compare_archive(ours, theirs, name)
        else:
            with open(ours, "rb") as a, open(theirs, "rb") as b:
                problems = compare_h5(a.read(), b.read(), name)
        for problem in problems:
            print(problem)
        failed += bool(problems)
    print(f"{len(files) - failed} of {len(files)} files ok")
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main())
