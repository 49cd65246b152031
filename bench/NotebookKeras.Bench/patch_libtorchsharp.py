#!/usr/bin/env python3
"""Lets TorchSharp 0.107's libLibTorchSharp.so load against an older libstdc++ (Debian 12 stops at GLIBCXX_3.4.30).

The library was linked with GCC 13, whose <iostream> makes it require GLIBCXX_3.4.32 for one link-time marker
symbol (std::ios_base_library_init) that nothing relocates against. This marks that one version requirement weak
(VER_FLG_WEAK in .gnu.version_r), after checking that no dynamic relocation refers to a symbol of that version, so
the dynamic loader accepts a libstdc++ without it. Patches the file in place; running it again changes nothing.

usage: patch_libtorchsharp.py path/to/libLibTorchSharp.so
"""
import struct
import sys

VERSION = b"GLIBCXX_3.4.32"
SHT_RELA, SHT_REL, SHT_DYNSYM = 4, 9, 11
SHT_GNU_VERNEED, SHT_GNU_VERSYM = 0x6FFFFFFE, 0x6FFFFFFF
VER_FLG_WEAK = 0x2


def sections(elf):
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        sys.exit("not a little-endian 64-bit ELF file")
    shoff, = struct.unpack_from("<Q", elf, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", elf, 0x3A)
    for i in range(shnum):
        name, kind, _flags, _addr, offset, size, link, _info, _align, entsize = struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize)
        yield {"index": i, "type": kind, "offset": offset, "size": size, "link": link, "entsize": entsize}


def c_string(elf, offset):
    return elf[offset:elf.index(b"\0", offset)]


def main(path):
    with open(path, "rb") as f:
        elf = bytearray(f.read())
    secs = list(sections(elf))
    by_index = {s["index"]: s for s in secs}
    verneed = next(s for s in secs if s["type"] == SHT_GNU_VERNEED)
    versym = next(s for s in secs if s["type"] == SHT_GNU_VERSYM)
    strtab = by_index[verneed["link"]]["offset"]

    # Find the Vernaux entry naming the version: its 'other' field is the version index symbols use.
    target = None
    need = verneed["offset"]
    while True:
        _ver, count, _file, aux, nxt = struct.unpack_from("<HHIII", elf, need)
        entry = need + aux
        for _ in range(count):
            _hash, flags, other, name, aux_next = struct.unpack_from("<IHHII", elf, entry)
            if c_string(elf, strtab + name) == VERSION:
                target = (entry, flags, other)
            entry += aux_next
        if nxt == 0:
            break
        need += nxt
    if target is None:
        print(f"{path}: no {VERSION.decode()} requirement, nothing to do")
        return
    entry, flags, index = target
    if flags & VER_FLG_WEAK:
        print(f"{path}: {VERSION.decode()} is already weak")
        return

    # Refuse if any dynamic relocation binds a symbol of that version: the code would then really need it.
    def version_of(symbol):
        return struct.unpack_from("<H", elf, versym["offset"] + 2 * symbol)[0] & 0x7FFF
    for s in secs:
        if s["type"] in (SHT_RELA, SHT_REL) and by_index[s["link"]]["type"] == SHT_DYNSYM:
            for r in range(s["size"] // s["entsize"]):
                info, = struct.unpack_from("<Q", elf, s["offset"] + r * s["entsize"] + 8)
                if (info >> 32) and version_of(info >> 32) == index:
                    sys.exit(f"{path}: relocation {r} of section {s['index']} uses a {VERSION.decode()} symbol; not patching")

    struct.pack_into("<H", elf, entry + 4, flags | VER_FLG_WEAK)
    with open(path, "wb") as f:
        f.write(elf)
    print(f"{path}: marked the {VERSION.decode()} requirement weak")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
