"""Reference values for the shape ops: transpose, expand_dims, squeeze, concatenate, stack, split, slice, take, one_hot, pad,
tile, repeat (PyTorch, and NumPy where it defines the semantics: split indices, pad modes, repeat/tile rules)."""
import numpy as np
import torch

from refgen import Cases, rand, randint

c = Cases("shape_ops.json")


def np_case(name, op, inputs, out, **args):
    outs = [torch.from_numpy(np.ascontiguousarray(o)) for o in out] if isinstance(out, list) else torch.from_numpy(np.ascontiguousarray(out))
    c.add(name, inputs, outs, op=op, **args)


# transpose: ranks 0-4, default (reversed) and explicit/negative axes, empty, int32
for name, shape, axes in [
    ("rank0", (), None),
    ("rank1", (5,), None),
    ("rank2", (3, 4), None),
    ("rank2_explicit", (3, 4), [1, 0]),
    ("rank3_default", (2, 3, 4), None),
    ("rank3_120", (2, 3, 4), [1, 2, 0]),
    ("rank3_negative", (2, 3, 4), [-1, 0, -2]),
    ("rank4_nhwc_nchw", (2, 3, 4, 5), [0, 3, 1, 2]),
    ("rank4_identity", (2, 1, 3, 2), [0, 1, 2, 3]),
    ("empty", (0, 3, 2), [2, 0, 1]),
]:
    x = rand(*shape)
    out = x.permute(list(reversed(range(x.dim()))) if axes is None else axes)
    c.add(f"transpose_{name}", [x], out, op="transpose", axes=axes)
xi = randint(-50, 50, 3, 4)
c.add("transpose_int32", [xi], xi.t(), op="transpose", axes=None)

# expand_dims / squeeze
for name, shape, axis in [("rank0", (), 0), ("front", (3, 4), 0), ("middle", (3, 4), 1), ("end", (3, 4), 2), ("negative", (3, 4), -1), ("negative_front", (3, 4), -3), ("empty", (0, 2), 1)]:
    x = rand(*shape)
    c.add(f"expand_dims_{name}", [x], x.unsqueeze(axis), op="expand_dims", axis=axis)
for name, shape, axis in [("all", (1, 3, 1, 2), None), ("axis0", (1, 3, 1, 2), 0), ("axis2", (1, 3, 1, 2), 2), ("negative", (3, 1), -1), ("to_scalar", (1, 1), None), ("empty", (0, 1, 3), 1)]:
    x = rand(*shape)
    out = torch.from_numpy(np.squeeze(x.numpy(), axis=axis))
    c.add(f"squeeze_{name}", [x], out, op="squeeze", axis=axis)

# concatenate / stack
for name, shapes, axis in [
    ("axis0", [(2, 3), (4, 3)], 0),
    ("axis1", [(2, 3), (2, 1), (2, 2)], 1),
    ("negative", [(2, 2, 3), (2, 2, 1)], -1),
    ("middle", [(2, 1, 3), (2, 3, 3)], 1),
    ("rank1", [(3,), (2,)], 0),
    ("rank4", [(1, 2, 2, 3), (1, 2, 2, 2)], 3),
    ("empty_batch", [(0, 3), (2, 3)], 0),
    ("single", [(2, 3)], 1),
]:
    xs = [rand(*s) for s in shapes]
    c.add(f"concatenate_{name}", xs, torch.cat(xs, dim=axis), op="concatenate", axis=axis)
xis = [randint(0, 9, 2, 2), randint(0, 9, 1, 2)]
c.add("concatenate_int32", xis, torch.cat(xis, 0), op="concatenate", axis=0)
for name, shapes, axis in [("axis0", [(2, 3)] * 3, 0), ("axis1", [(2, 3)] * 2, 1), ("last", [(2, 3)] * 2, -1), ("scalars", [()] * 4, 0), ("empty", [(0, 2)] * 2, 1)]:
    xs = [rand(*s) for s in shapes]
    c.add(f"stack_{name}", xs, torch.stack(xs, dim=axis), op="stack", axis=axis)

# split (numpy semantics)
for name, shape, spec, axis in [
    ("sections_axis0", (6, 2), 3, 0),
    ("sections_axis1", (2, 6), 2, 1),
    ("sections_negative", (2, 3, 4), 2, -1),
    ("indices", (7, 2), [2, 5], 0),
    ("indices_axis1", (2, 7), [1, 3, 6], 1),
    ("indices_negative", (5,), [-2], 0),
    ("indices_past_end", (4, 2), [3, 9], 0),
    ("indices_decreasing", (5,), [3, 1], 0),
    ("one_section", (3, 2), 1, 0),
]:
    x = rand(*shape)
    np_case(f"split_{name}", "split", [x], list(np.split(x.numpy(), spec, axis=axis)), axis=axis,
            **({"sections": spec} if isinstance(spec, int) else {"indices": spec}))

# slice (keras.ops.slice: start indices and sizes)
for name, shape, start, size in [
    ("rows", (5, 3), [1, 0], [2, 3]),
    ("columns", (4, 5), [0, 1], [4, 3]),
    ("box3", (3, 4, 5), [1, 1, 2], [2, 2, 3]),
    ("rest", (3, 4), [1, 2], [-1, -1]),
    ("rank4", (2, 3, 4, 2), [1, 0, 1, 0], [1, 3, 2, 2]),
    ("empty", (3, 4), [3, 0], [0, 4]),
    ("rank0", (), [], []),
]:
    x = rand(*shape)
    idx = tuple(slice(s, None if z == -1 else s + z) for s, z in zip(start, size))
    c.add(f"slice_{name}", [x], x[idx] if idx else x, op="slice", start=start, shape=size)

# take: flattened, along axes, negative and repeated indices, nd indices, empty
for name, shape, indices, axis in [
    ("flat", (3, 4), [0, 11, -1, 5], None),
    ("axis0", (5, 3), [4, 0, 0, 2], 0),
    ("axis1", (2, 5, 3), [1, -1, 3], 1),
    ("last", (2, 3, 4), [3, 3, 0], -1),
    ("nd_indices", (5, 2), [[0, 1], [4, -5], [2, 2]], 0),
    ("scalar_index", (4, 3), 2, 0),
    ("empty_indices", (4, 3), [], 0),
    ("rank1", (6,), [5, 0, -2], 0),
]:
    x = rand(*shape)
    ind = torch.tensor(indices, dtype=torch.int32)
    out = np.take(x.numpy(), ind.numpy(), axis=axis)
    np_case(f"take_{name}", "take", [x, ind], out, axis=axis)
xi = randint(0, 100, 4, 3)
ind = torch.tensor([3, 1], dtype=torch.int32)
np_case("take_int32", "take", [xi, ind], np.take(xi.numpy(), ind.numpy(), axis=0), axis=0)

# one_hot (TensorFlow semantics: out-of-range indices give zero rows)
for name, indices, classes, axis in [
    ("rank1", [0, 2, 1, 3], 4, -1),
    ("rank2", [[1, 0], [2, 2]], 3, -1),
    ("axis0", [0, 2, 1], 3, 0),
    ("axis1_of_rank2", [[1, 0], [2, 1]], 3, 1),
    ("out_of_range", [0, -1, 3, 2], 3, -1),
    ("scalar", 1, 3, -1),
    ("empty", [], 5, -1),
]:
    ind = np.array(indices, dtype=np.int32)
    out = (np.expand_dims(ind, -1) == np.arange(classes)).astype(np.float32)
    out = np.moveaxis(out, -1, axis)
    np_case(f"one_hot_{name}", "one_hot", [torch.from_numpy(ind)], out, num_classes=classes, axis=axis)

# pad: numpy modes
for name, shape, widths, mode, value in [
    ("constant_2d", (2, 3), [[1, 2], [0, 1]], "constant", 0.0),
    ("constant_value", (2, 3), [[1, 0], [2, 1]], "constant", 1.5),
    ("constant_3d", (2, 2, 3), [[0, 0], [1, 1], [2, 0]], "constant", -1.0),
    ("constant_one_pair", (2, 3), [[1, 1]], "constant", 0.0),
    ("constant_empty", (0, 2), [[1, 1], [0, 0]], "constant", 2.0),
    ("reflect", (3, 4), [[2, 1], [3, 3]], "reflect", 0.0),
    ("reflect_wide", (3,), [[7, 8]], "reflect", 0.0),
    ("symmetric", (3, 4), [[2, 1], [3, 5]], "symmetric", 0.0),
    ("edge", (2, 3), [[1, 2], [2, 1]], "edge", 0.0),
    # wrap within one period: numpy < 1.25 does not repeat whole periods for wider pads (numpy 1.25 and NotebookKeras do).
    ("wrap", (2, 3), [[1, 2], [3, 1]], "wrap", 0.0),
    ("reflect_rank4", (1, 3, 3, 2), [[0, 0], [1, 1], [1, 1], [0, 0]], "reflect", 0.0),
    ("reflect_single", (1, 3), [[2, 1], [0, 0]], "reflect", 0.0),
]:
    x = rand(*shape)
    kwargs = {"constant_values": value} if mode == "constant" else {}
    out = np.pad(x.numpy(), [tuple(w) for w in widths], mode=mode, **kwargs)
    np_case(f"pad_{name}", "pad", [x], out, pad_width=widths, mode=mode, constant_value=value)
xi = randint(0, 9, 2, 2)
np_case("pad_int32", "pad", [xi], np.pad(xi.numpy(), [(1, 0), (0, 2)], constant_values=7), pad_width=[[1, 0], [0, 2]], mode="constant", constant_value=7.0)

# tile / repeat (numpy rules)
for name, shape, reps in [("rank1", (3,), [2]), ("rank2", (2, 3), [2, 3]), ("short_reps", (2, 3), [2]), ("long_reps", (3,), [2, 1, 2]), ("zero", (2, 2), [0, 1]), ("ones", (2, 3), [1, 1]), ("rank0", (), [3])]:
    x = rand(*shape)
    np_case(f"tile_{name}", "tile", [x], np.tile(x.numpy(), reps), repeats=reps)
for name, shape, reps, axis in [("flat", (2, 3), 2, None), ("axis0", (3, 2), 3, 0), ("axis1", (2, 3), 2, 1), ("negative", (2, 2, 3), 2, -2), ("per_element", (3, 2), [1, 0, 3], 0), ("zero", (2, 3), 0, 1), ("rank0", (), 3, None)]:
    x = rand(*shape)
    np_case(f"repeat_{name}", "repeat", [x], np.repeat(x.numpy(), reps, axis=axis), repeats=reps if isinstance(reps, list) else [reps], axis=axis)
xi = randint(0, 9, 2, 2)
np_case("repeat_int32", "repeat", [xi], np.repeat(xi.numpy(), 2, axis=1), repeats=[2], axis=1)
np_case("tile_int32", "tile", [xi], np.tile(xi.numpy(), [1, 2]), repeats=[1, 2])

c.write()
