"""Reference values for channels_last 2-D convolution (keras.ops.conv) computed by torch.nn.functional.conv2d.

Inputs are NHWC and kernels HWIO as Keras stores them; the generator permutes to PyTorch's NCHW/OIHW and pads explicitly with
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
    xt = x.permute(0, 3, 1, 2).contiguous()
    if padding == "same":
        top, bottom = same_pads(x.shape[1], k.shape[0], strides[0], dilation[0])
        left, right = same_pads(x.shape[2], k.shape[1], strides[1], dilation[1])
        xt = F.pad(xt, (left, right, top, bottom))
    y = F.conv2d(xt, k.permute(3, 2, 0, 1).contiguous(), stride=strides, dilation=dilation)
    return y.permute(0, 2, 3, 1)


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
