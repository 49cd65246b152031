"""Keras's N-d convolution semantics on top of PyTorch, shared by gen_conv_nd_layers.py and gen_conv_transpose.py.

Tensors enter and leave in Keras layouts: x channels_last (N, *spatial, C) or channels_first (N, C, *spatial); conv kernels
(*window, C / groups, filters); conv-transpose kernels (*window, filters, C).
"""
import math

import torch
import torch.nn.functional as F

CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}
CONV_TRANSPOSE = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}


def to_torch(x, data_format):
    """Keras layout to PyTorch's (N, C, *spatial)."""
    if data_format == "channels_first":
        return x
    r = x.dim() - 2
    return x.permute(0, r + 1, *range(1, r + 1))


def from_torch(y, data_format):
    if data_format == "channels_first":
        return y
    r = y.dim() - 2
    return y.permute(0, *range(2, r + 2), 1)


def same_pads(size, window, stride, dilation=1):
    """Keras's (TensorFlow's) 'same' split: the smaller half before."""
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + (window - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def _pad(x, pads):
    """pads: one (before, after) per spatial axis in order; F.pad wants the last axis first. Negative values crop."""
    flat = []
    for before, after in reversed(pads):
        flat += [before, after]
    return F.pad(x, flat)


def conv(x, kernel, strides, padding, dilation, groups):
    """x in PyTorch layout; returns PyTorch layout."""
    r = x.dim() - 2
    w = kernel.permute(r + 1, r, *range(r))
    if padding == "same":
        x = _pad(x, [same_pads(x.shape[2 + i], kernel.shape[i], strides[i], dilation[i]) for i in range(r)])
    elif padding == "causal":
        x = _pad(x, [((kernel.shape[0] - 1) * dilation[0], 0)])
    return CONV[r](x, w, stride=strides, dilation=dilation, groups=groups)


def transpose_crops(n, k, s, d, padding, output_padding):
    """(crop before, crop after) of the full (n - 1) * s + dilated-window result, from Keras's JAX padding arguments
    (backend_utils._convert_conv_transpose_padding_args_from_keras_to_jax); negative crops extend with zeros."""
    dk = (k - 1) * d + 1
    if padding == "valid":
        op = max(dk, s) - dk if output_padding is None else output_padding
        left, right = dk - 1, dk - 1 + op
    else:
        pad_len = s + dk - 2 if output_padding is None else dk + dk % 2 - 2 + output_padding
        left = min(pad_len // 2 + pad_len % 2, dk - 1)
        right = pad_len - left
    return dk - 1 - left, dk - 1 - right


def conv_transpose(x, kernel, strides, padding, output_padding, dilation):
    """x in PyTorch layout; returns PyTorch layout. PyTorch's conv_transpose gives the full-length result, cropped (or
    extended) to Keras's output as Keras's torch backend does (compute_conv_transpose_output_crops_for_torch)."""
    r = x.dim() - 2
    w = kernel.permute(r + 1, r, *range(r))
    full = CONV_TRANSPOSE[r](x, w, stride=strides, dilation=dilation)
    crops = [transpose_crops(x.shape[2 + i], kernel.shape[i], strides[i], dilation[i], padding,
                             None if output_padding is None else output_padding[i]) for i in range(r)]
    return _pad(full, [(-a, -b) for a, b in crops])
