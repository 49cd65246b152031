"""Reference values for the reshaping layers around convolutions (ZeroPadding1D/2D/3D, Cropping1D/2D/3D,
UpSampling1D/2D/3D; UpSampling2D also bilinear, which Keras computes with half-pixel centers like PyTorch's
align_corners=False), channels_last, computed by PyTorch.

Every case has inputs [x, dy] and outputs [y, dx], dx being the gradient of sum(y * dy). 'padding' and 'cropping' are given as
[before, after] in 1-D and [[top, bottom], [left, right]] in 2-D (three pairs in 3-D), 'size' as an int in 1-D and a list
per spatial axis in 2-D and 3-D.
"""
import torch
import torch.nn.functional as F

from refgen import Cases, rand

c = Cases("reshaping_layers.json")


def add(name, op, x, f, **args):
    x = x.requires_grad_()
    y = f(x)
    dy = rand(*y.shape)
    (dx,) = torch.autograd.grad((y * dy).sum(), [x])
    c.add(name, [x.detach(), dy], [y.detach(), dx], op=op, **args)


for name, (shape, (before, after)) in {
    "zero_padding1d_uniform": ((2, 3, 2), (1, 1)),
    "zero_padding1d_asymmetric": ((1, 4, 3), (0, 2)),
}.items():
    add(name, "ZeroPadding1D", rand(*shape), lambda x: F.pad(x, (0, 0, before, after)), padding=[before, after])

for name, (shape, (before, after)) in {
    "cropping1d_uniform": ((2, 5, 2), (1, 1)),
    "cropping1d_asymmetric": ((1, 6, 3), (3, 0)),
}.items():
    add(name, "Cropping1D", rand(*shape), lambda x: x[:, before:x.shape[1] - after, :], cropping=[before, after])

for name, (shape, size) in {
    "upsampling1d_default": ((2, 3, 2), 2),
    "upsampling1d_three": ((1, 4, 3), 3),
}.items():
    add(name, "UpSampling1D", rand(*shape), lambda x: x.repeat_interleave(size, dim=1), size=size)

for name, (shape, ((top, bottom), (left, right))) in {
    "zero_padding2d_uniform": ((2, 3, 4, 2), ((1, 1), (1, 1))),
    "zero_padding2d_asymmetric": ((1, 4, 3, 3), ((2, 0), (1, 3))),
}.items():
    add(name, "ZeroPadding2D", rand(*shape), lambda x: F.pad(x, (0, 0, left, right, top, bottom)),
        padding=[[top, bottom], [left, right]])

for name, (shape, ((top, bottom), (left, right))) in {
    "cropping2d_uniform": ((2, 5, 6, 2), ((1, 1), (2, 2))),
    "cropping2d_asymmetric": ((1, 6, 5, 3), ((0, 2), (3, 1))),
}.items():
    add(name, "Cropping2D", rand(*shape), lambda x: x[:, top:x.shape[1] - bottom, left:x.shape[2] - right, :],
        cropping=[[top, bottom], [left, right]])

for name, (shape, (sh, sw)) in {
    "upsampling2d_default": ((2, 3, 4, 2), (2, 2)),
    "upsampling2d_rect": ((1, 2, 3, 3), (3, 1)),
}.items():
    add(name, "UpSampling2D", rand(*shape), lambda x: x.repeat_interleave(sh, dim=1).repeat_interleave(sw, dim=2),
        size=[sh, sw], interpolation="nearest")

for name, (shape, (sh, sw)) in {
    "upsampling2d_bilinear": ((2, 3, 4, 2), (2, 2)),
    "upsampling2d_bilinear_rect": ((1, 3, 2, 1), (3, 2)),
}.items():
    add(name, "UpSampling2D", rand(*shape),
        lambda x: F.interpolate(x.permute(0, 3, 1, 2), scale_factor=(sh, sw), mode="bilinear", align_corners=False)
        .permute(0, 2, 3, 1), size=[sh, sw], interpolation="bilinear")

for name, (shape, pads) in {
    "zero_padding3d_uniform": ((1, 2, 3, 2, 2), ((1, 1), (1, 1), (1, 1))),
    "zero_padding3d_asymmetric": ((2, 2, 2, 3, 1), ((0, 1), (2, 0), (1, 2))),
}.items():
    add(name, "ZeroPadding3D", rand(*shape),
        lambda x: F.pad(x, (0, 0, pads[2][0], pads[2][1], pads[1][0], pads[1][1], pads[0][0], pads[0][1])),
        padding=[list(p) for p in pads])

for name, (shape, crops) in {
    "cropping3d_uniform": ((1, 4, 4, 5, 2), ((1, 1), (1, 1), (1, 1))),
    "cropping3d_asymmetric": ((2, 5, 3, 4, 1), ((2, 0), (0, 1), (1, 2))),
}.items():
    add(name, "Cropping3D", rand(*shape),
        lambda x: x[:, crops[0][0]:x.shape[1] - crops[0][1], crops[1][0]:x.shape[2] - crops[1][1],
                    crops[2][0]:x.shape[3] - crops[2][1], :],
        cropping=[list(p) for p in crops])

for name, (shape, size) in {
    "upsampling3d_default": ((1, 2, 2, 3, 2), (2, 2, 2)),
    "upsampling3d_mixed": ((2, 2, 3, 2, 1), (1, 3, 2)),
}.items():
    add(name, "UpSampling3D", rand(*shape),
        lambda x: x.repeat_interleave(size[0], dim=1).repeat_interleave(size[1], dim=2).repeat_interleave(size[2], dim=3),
        size=list(size))

c.write()
