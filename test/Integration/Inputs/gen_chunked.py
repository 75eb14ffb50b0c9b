#!/usr/bin/env python3
"""Writes w.npy (3 x 2) and, for each N given, xN.npy (N x 3) into the
directory given: row k of every xN is [k - 6, 2, k % 3 - 1], so the first
rows of all the files agree and every result of chunked.mlir is a small
integer, exact in f32. Not a test: data for chunked.mlir."""
import struct
import sys


def save(path, shape, values):
    header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }" % (
        ", ".join(map(str, shape)))
    total = 10 + len(header) + 1
    header += " " * ((64 - total % 64) % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") +
                header.encode("latin-1") +
                b"".join(struct.pack("<f", v) for v in values))


out = sys.argv[1]
save(out + "/w.npy", [3, 2], [1, 2, -1, 0, 3, -2])
for n in map(int, sys.argv[2:]):
    rows = [[k - 6, 2, k % 3 - 1] for k in range(n)]
    save("%s/x%d.npy" % (out, n), [n, 3], [v for row in rows for v in row])
