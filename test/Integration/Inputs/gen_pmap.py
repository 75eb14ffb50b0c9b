"""Inputs of pmap.mlir: xs [8, 3] = (k - 10) / 4 for k = 0..23, a fixed
w [3, 2], and ns [4, 3, 2] = (k - 7) / 2 for k = 0..23; every value is exact
in float32, as are the results."""
import sys

import numpy as np

out = sys.argv[1]
np.save(f"{out}/xs.npy",
        ((np.arange(24, dtype=np.float32) - 10) / 4).reshape(8, 3))
np.save(f"{out}/w.npy",
        np.array([[1, 2], [3, -1], [0.5, 0.25]], dtype=np.float32))
np.save(f"{out}/ns.npy",
        ((np.arange(24, dtype=np.float32) - 7) / 2).reshape(4, 3, 2))
