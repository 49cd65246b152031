"""Reference values for arithmetic with broadcasting, matmul and sum (PyTorch)."""
import torch

from refgen import Cases, rand

c = Cases("arithmetic.json")
pairs = {
    "same": ((3, 4), (3, 4)),
    "scalar_rhs": ((2, 3), ()),
    "scalar_lhs": ((), (2, 3)),
    "row": ((4, 5), (5,)),
    "column": ((4, 1), (1, 5)),
    "middle": ((2, 1, 3), (2, 4, 1)),
    "rank4_channel": ((2, 3, 2, 4), (4,)),
    "size1_axes": ((1, 1), (3, 1)),
    "empty_batch": ((0, 3), (3,)),
}
ops = {"add": torch.add, "subtract": torch.sub, "multiply": torch.mul, "divide": torch.div}
for opname, fn in ops.items():
    for pname, (sa, sb) in pairs.items():
        a = rand(*sa)
        b = rand(*sb)
        if opname == "divide":
            b = torch.where(b.abs() < 0.5, torch.full_like(b, 0.75), b)
        c.add(f"{opname}_{pname}", [a, b], fn(a, b), op=opname)

for name, (sa, sb) in {
    "mm": ((3, 4), (4, 5)),
    "vec_mat": ((4,), (4, 3)),
    "mat_vec": ((3, 4), (4,)),
    "vec_vec": ((4,), (4,)),
    "batched": ((2, 3, 4), (2, 4, 5)),
    "batch_times_matrix": ((2, 3, 4), (4, 5)),
    "matrix_times_batch": ((3, 4), (2, 4, 5)),
    "broadcast_batch": ((2, 1, 3, 4), (1, 3, 4, 2)),
    "large": ((37, 129), (129, 65)),
}.items():
    a = rand(*sa)
    b = rand(*sb)
    c.add(f"matmul_{name}", [a, b], torch.matmul(a, b), op="matmul")

x = rand(2, 3, 4)
for axes in [None, [0], [1], [2], [-1], [0, 2], [0, 1], [1, 2], [0, 1, 2]]:
    for keep in (False, True):
        out = torch.sum(x) if axes is None else torch.sum(x, dim=axes, keepdim=keep)
        if axes is None and keep:
            out = out.reshape(1, 1, 1)
        c.add(f"sum_{'all' if axes is None else '_'.join(map(str, axes))}_{'keep' if keep else 'drop'}", [x], out, op="sum", axes=axes, keepdims=keep)
c.add("negative", [x], -x)
c.write()
