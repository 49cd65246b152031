"""Draws the kernelspec logos (logo-32x32.png, logo-64x64.png): three stacked blocks, the layers of a Keras model.

Standard library only (zlib + struct), so anyone can regenerate them: python3 make_logo.py
"""
import struct
import zlib

BACKGROUND = (0, 0, 0, 0)
TILE = (33, 77, 140, 255)
BLOCKS = [(255, 204, 51, 255), (255, 138, 61, 255), (235, 76, 66, 255)]


def pixel(x, y, size):
    u, v = (x + 0.5) / size, (y + 0.5) / size
    radius = 0.18
    cx, cy = min(max(u, radius), 1 - radius), min(max(v, radius), 1 - radius)
    if (u - cx) ** 2 + (v - cy) ** 2 > radius ** 2:
        return BACKGROUND
    for i, colour in enumerate(BLOCKS):
        top = 0.2 + i * 0.22
        inset = 0.18 + 0.06 * (2 - i)
        if top <= v < top + 0.16 and inset <= u < 1 - inset:
            return colour
    return TILE


def png(size):
    rows = b"".join(b"\x00" + bytes(c for x in range(size) for c in pixel(x, y, size)) for y in range(size))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


for size in (32, 64):
    with open(f"logo-{size}x{size}.png", "wb") as f:
        f.write(png(size))
