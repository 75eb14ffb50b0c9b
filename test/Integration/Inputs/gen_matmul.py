#!/usr/bin/env python3
"""Writes A.npy (M x K) and B.npy (K x N), small random integers as f32, into
the directory given, so that every product is exact in f32 whatever the
summation order. Not a test: data for matmul_blocked.mlir."""
import random
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


out, m, k, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
random.seed(7)
save(out + "/A.npy", [m, k], [random.randint(-3, 3) for _ in range(m * k)])
save(out + "/B.npy", [k, n], [random.randint(-3, 3) for _ in range(k * n)])
