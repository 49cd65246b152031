"""Reference values for channels_last 1-, 2- and 3-D convolution (keras.ops.conv) computed by torch.nn.functional.conv1d/2d/3d.

Inputs are channels_last and kernels (*window, in / groups, filters) as Keras stores them; the generator permutes to PyTorch's
channels_first layouts and pads explicitly with
Keras's 'same' split (the smaller half before), so strides and dilation combine freely. Each case has inputs [x, kernel, dy]
and outputs [y, dx, dkernel], the gradients of sum(y * dy).
"""
import math

import torch
import torch.nn.functional as F

from refgen import Cases, rand

c = Cases("convolution.json")


def same_pads(size, window, stride, dilation):
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + (window - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def conv(x, k, strides, padding, dilation):
    spatial = x.dim() - 2
    groups = x.shape[-1] // k.shape[-2]
    xt = x.permute(0, x.dim() - 1, *range(1, spatial + 1)).contiguous()
    if padding == "same":
        pads = []
        for axis in reversed(range(spatial)):
            pads += same_pads(x.shape[axis + 1], k.shape[axis], strides[axis], dilation[axis])
        xt = F.pad(xt, tuple(pads))
    kt = k.permute(k.dim() - 1, k.dim() - 2, *range(spatial)).contiguous()
    fn = (F.conv1d, F.conv2d, F.conv3d)[spatial - 1]
    y = fn(xt, kt, stride=strides, dilation=dilation, groups=groups)
    return y.permute(0, *range(2, spatial + 2), 1)


for name, (xs, ks, strides, padding, dilation) in {
    "valid_3x3": ((2, 5, 6, 3), (3, 3, 3, 4), (1, 1), "valid", (1, 1)),
    "same_3x3": ((2, 5, 6, 3), (3, 3, 3, 4), (1, 1), "same", (1, 1)),
    "single_channel": ((2, 7, 7, 1), (3, 3, 1, 2), (1, 1), "valid", (1, 1)),
    "valid_stride2": ((1, 7, 8, 2), (3, 3, 2, 3), (2, 2), "valid", (1, 1)),
    "same_stride2_even": ((2, 6, 6, 2), (3, 3, 2, 3), (2, 2), "same", (1, 1)),
    "same_stride2_odd_split": ((1, 7, 6, 2), (2, 2, 2, 3), (2, 2), "same", (1, 1)),
    "same_even_kernel": ((1, 5, 5, 2), (4, 2, 2, 2), (1, 1), "same", (1, 1)),
    "rect_stride": ((1, 8, 7, 2), (3, 2, 2, 3), (3, 1), "valid", (1, 1)),
    "valid_dilation2": ((1, 8, 8, 2), (3, 3, 2, 2), (1, 1), "valid", (2, 2)),
    "same_dilation_2x3": ((1, 7, 9, 2), (3, 2, 2, 3), (1, 1), "same", (2, 3)),
    "dilation_and_stride": ((1, 9, 9, 2), (2, 2, 2, 2), (2, 2), "same", (2, 2)),
    "pointwise": ((2, 4, 5, 6), (1, 1, 6, 3), (1, 1), "valid", (1, 1)),
    "pointwise_stride2": ((1, 5, 5, 3), (1, 1, 3, 2), (2, 2), "valid", (1, 1)),
    "kernel_covers_input": ((2, 3, 3, 2), (3, 3, 2, 5), (1, 1), "valid", (1, 1)),
    "many_channels": ((1, 6, 6, 16), (3, 3, 16, 8), (1, 1), "same", (1, 1)),
    "empty_batch": ((0, 5, 5, 2), (3, 3, 2, 3), (1, 1), "valid", (1, 1)),
    "groups2": ((2, 5, 6, 4), (3, 3, 2, 6), (1, 1), "same", (1, 1)),
    "groups_depthwise_like": ((1, 6, 5, 3), (3, 2, 1, 6), (2, 1), "valid", (1, 1)),
    "groups_pointwise": ((1, 3, 4, 6), (1, 1, 2, 3), (1, 1), "valid", (1, 1)),
    "conv1d_valid": ((2, 9, 3), (3, 3, 4), (1,), "valid", (1,)),
    "conv1d_same_stride2": ((2, 10, 2), (4, 2, 3), (2,), "same", (1,)),
    "conv1d_dilation": ((1, 12, 2), (3, 2, 2), (1,), "same", (3,)),
    "conv1d_groups": ((2, 7, 4), (3, 1, 4), (1,), "valid", (1,)),
    "conv3d_valid": ((2, 4, 5, 4, 2), (2, 3, 2, 2, 3), (1, 1, 1), "valid", (1, 1, 1)),
    "conv3d_same_stride": ((1, 5, 4, 6, 2), (3, 3, 3, 2, 2), (2, 1, 2), "same", (1, 1, 1)),
    "conv3d_dilation": ((1, 6, 5, 5, 1), (2, 2, 2, 1, 2), (1, 1, 1), "same", (2, 1, 2)),
    "conv3d_groups": ((1, 3, 4, 4, 4), (2, 2, 2, 2, 4), (1, 1, 1), "valid", (1, 1, 1)),
    # Filter counts in multiples of 16 take the direct (implicit GEMM) kernels on AVX-512 machines.
    "direct_single_channel": ((2, 8, 8, 1), (3, 3, 1, 32), (1, 1), "valid", (1, 1)),
    "direct_same": ((2, 6, 7, 3), (3, 3, 3, 16), (1, 1), "same", (1, 1)),
    "direct_stride2_48": ((1, 9, 9, 4), (3, 3, 4, 48), (2, 2), "same", (1, 1)),
    "direct_dilation_64": ((1, 8, 8, 2), (3, 3, 2, 64), (1, 1), "valid", (2, 2)),
    "direct_conv1d": ((2, 10, 3), (3, 3, 16), (2,), "same", (1,)),
    "direct_conv3d": ((1, 4, 5, 4, 2), (2, 2, 2, 2, 16), (1, 1, 1), "same", (1, 1, 1)),
    # ... and input channels in multiples of 16 at stride 1 take the direct input gradient.
    "direct_backward_same": ((2, 6, 6, 16), (3, 3, 16, 16), (1, 1), "same", (1, 1)),
    "direct_backward_dilation": ((1, 7, 7, 16), (3, 3, 16, 32), (1, 1), "valid", (2, 2)),
}.items():
    x = rand(*xs).requires_grad_()
    k = (rand(*ks) * 0.5).requires_grad_()
    y = conv(x, k, strides, padding, dilation)
    dy = rand(*y.shape)
    dx, dk = torch.autograd.grad((y * dy).sum(), [x, k], allow_unused=True)
    dx = torch.zeros_like(x) if dx is None else dx
    dk = torch.zeros_like(k) if dk is None else dk
    c.add(name, [x.detach(), k.detach(), dy], [y.detach(), dx, dk], op="conv",
          strides=list(strides), padding=padding, dilation_rate=list(dilation))
c.write()
