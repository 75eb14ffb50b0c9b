#!/usr/bin/env python3
"""Writes a .npy file without numpy, including deliberately broken ones.

make_npy.py OUT DESCR SHAPE --values=V1,V2,... [--version V] [--fortran] [--drop N]
            [--extra N] [--header TEXT] [--magic TEXT]

SHAPE is "2,3" (or "" for a scalar); the values are packed with the struct
format that DESCR names (an option, so that negative values parse).
"""
import argparse
import struct

FORMATS = {"<f4": "<f", "<f8": "<d", "<i4": "<i", "<i8": "<q", "|b1": "<B",
           ">f4": ">f", "|u1": "<B"}

p = argparse.ArgumentParser()
p.add_argument("out")
p.add_argument("descr")
p.add_argument("shape")
p.add_argument("--values", default="")
p.add_argument("--version", type=int, default=1)
p.add_argument("--fortran", action="store_true")
p.add_argument("--drop", type=int, default=0)
p.add_argument("--extra", type=int, default=0)
p.add_argument("--header")
p.add_argument("--magic", default="\x93NUMPY")
a = p.parse_args()

dims = [int(d) for d in a.shape.split(",") if d]
shape = "(" + "".join(f"{d}, " for d in dims).rstrip(" ")
shape = shape.rstrip(",") + ")" if len(dims) != 1 else shape + ")"
header = a.header if a.header is not None else (
    "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }"
    % (a.descr, "True" if a.fortran else "False", shape))
lenbytes = 2 if a.version == 1 else 4
total = len(a.magic) + 2 + lenbytes + len(header) + 1
header += " " * ((64 - total % 64) % 64) + "\n"
fmt = FORMATS[a.descr]
vals = [v for v in a.values.split(",") if v]
conv = float if fmt[-1] in "fd" else int
data = b"".join(struct.pack(fmt, conv(v)) for v in vals)
out = a.magic.encode("latin-1") + bytes([a.version, 0])
out += len(header).to_bytes(lenbytes, "little") + header.encode("latin-1")
out += data + b"\0" * a.extra
if a.drop:
    out = out[:-a.drop]
with open(a.out, "wb") as f:
    f.write(out)
