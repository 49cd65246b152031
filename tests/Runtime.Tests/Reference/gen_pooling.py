"""Reference values for channels_last 1-, 2- and 3-D max and average pooling (keras.ops.max_pool / average_pool) by PyTorch.

Inputs are NHWC; the generator permutes to NCHW and pads explicitly with Keras's 'same' split (smaller half before): -inf for
max pooling, and for average pooling the window sums are divided by the count of in-image elements, as Keras does. Each case
has inputs [x, dy] and outputs [y, dx], dx being the gradient of sum(y * dy).
"""
import math

import torch
import torch.nn.functional as F

from refgen import Cases, rand

c = Cases("pooling.json")


def same_pads(size, window, stride):
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + window - size, 0)
    return total // 2, total - total // 2


def pool(kind, x, pool_size, strides, padding):
    spatial = x.dim() - 2
    xt = x.permute(0, x.dim() - 1, *range(1, spatial + 1))
    pads = (0, 0) * spatial
    if padding == "same":
        pads = ()
        for axis in reversed(range(spatial)):
            pads += same_pads(x.shape[axis + 1], pool_size[axis], strides[axis])
    if kind == "max_pool":
        fn = (F.max_pool1d, F.max_pool2d, F.max_pool3d)[spatial - 1]
        y = fn(F.pad(xt, pads, value=-math.inf), pool_size, strides)
    else:
        fn = (F.avg_pool1d, F.avg_pool2d, F.avg_pool3d)[spatial - 1]
        if spatial == 1:
            # avg_pool1d has no divisor_override: the mean of the padded window times its size is the sum.
            window = pool_size[0]
            sums = fn(F.pad(xt, pads), pool_size, strides) * window
            counts = fn(F.pad(torch.ones_like(xt), pads), pool_size, strides) * window
        else:
            sums = fn(F.pad(xt, pads), pool_size, strides, divisor_override=1)
            counts = fn(F.pad(torch.ones_like(xt), pads), pool_size, strides, divisor_override=1)
        y = sums / counts
    return y.permute(0, *range(2, spatial + 2), 1)


for kind in ("max_pool", "average_pool"):
    for name, (xs, pool_size, strides, padding) in {
        "2x2": ((2, 6, 6, 3), (2, 2), (2, 2), "valid"),
        "2x2_odd_input": ((1, 7, 5, 2), (2, 2), (2, 2), "valid"),
        "same_odd_input": ((1, 7, 5, 2), (2, 2), (2, 2), "same"),
        "3x3_stride1_same": ((2, 5, 6, 2), (3, 3), (1, 1), "same"),
        "3x3_stride2_valid": ((1, 7, 7, 3), (3, 3), (2, 2), "valid"),
        "3x3_stride2_same": ((1, 6, 8, 3), (3, 3), (2, 2), "same"),
        "rect_pool": ((1, 6, 9, 2), (2, 3), (1, 2), "valid"),
        "overlap_same_rect": ((1, 5, 7, 2), (3, 2), (2, 1), "same"),
        "many_channels": ((1, 4, 4, 19), (2, 2), (2, 2), "valid"),
        "empty_batch": ((0, 4, 4, 2), (2, 2), (2, 2), "valid"),
        "1d_valid": ((2, 9, 3), (2,), (2,), "valid"),
        "1d_same_overlap": ((2, 8, 2), (3,), (2,), "same"),
        "3d_valid": ((2, 4, 5, 4, 2), (2, 2, 2), (2, 2, 2), "valid"),
        "3d_same_rect": ((1, 5, 4, 6, 3), (3, 2, 2), (2, 1, 2), "same"),
    }.items():
        x = rand(*xs)
        if kind == "max_pool":
            # Distinct values 0.05 apart, so finite differences (step 0.01) never swap a window's maximum.
            x = (torch.randperm(x.numel()).reshape(xs).to(torch.float32) * 0.05 - 1.0)
        x = x.requires_grad_()
        y = pool(kind, x, pool_size, strides, padding)
        dy = rand(*y.shape)
        (dx,) = torch.autograd.grad((y * dy).sum(), [x], allow_unused=True)
        dx = torch.zeros_like(x) if dx is None else dx
        c.add(f"{kind}_{name}", [x.detach(), dy], [y.detach(), dx], op=kind,
              pool_size=list(pool_size), strides=list(strides), padding=padding)
c.write()
