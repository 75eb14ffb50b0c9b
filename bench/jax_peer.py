#!/usr/bin/env python3
"""The optional fifth peer of vmapc-seed-bench: jax.jit(jax.vmap(f)) on CPU.

Runs the seed workloads at the same sizes as bench/SeedWorkloads.cpp, each
written as JAX's single-example function and vmapped, on one thread, checks
them against a float64 NumPy reference, and writes the medians (CPU time of
the process per call, like Google Benchmark's cpu_time) as JSON:

  jax_peer.py OUT.json [--repetitions N]

When JAX is not importable the JSON says so ({"available": false, ...}) and
the script exits 0: the comparison runs without this peer.
"""

import argparse
import json
import os
import statistics
import sys
import time

# One thread, as every other variant: set before jax is imported.
os.environ.setdefault(
    "XLA_FLAGS",
    "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")
os.environ.setdefault("JAX_PLATFORMS", "cpu")


def workloads(np, jnp, jax):
    rng = np.random.default_rng(6)
    f32 = np.float32

    def normal(shape, scale=1.0):
        return (rng.standard_normal(shape) * scale).astype(f32)

    # Each reference binds its inputs as default arguments: the names are
    # reused by the next workload.
    out = []

    # W1 nn
    x, w1, w2 = normal((65536, 64)), normal((64, 256), .125), normal(256, .0625)
    out.append(("W1_nn", lambda x, w1, w2: jnp.dot(jax.nn.relu(x @ w1), w2),
                (0, None, None), (x, w1, w2),
                lambda x=x, w1=w1, w2=w2: np.maximum(x.astype(float) @ w1, 0) @ w2))

    # W2 gauss, k = 2 and 16
    for k in (2, 16):
        x, mu, a = normal((1000000, k)), normal(k, .5), normal((k, k))
        sigma = a.astype(float) @ a.T / k + np.eye(k)
        prec, det = np.linalg.inv(sigma), np.linalg.det(sigma)
        c = float((2 * np.pi) ** k)

        def gauss(x, mu, prec, det, c=c):
            d = x - mu
            return jnp.exp(-0.5 * jnp.dot(d, prec @ d)) / jnp.sqrt(det * c)

        def ref(x=x, mu=mu, prec=prec, det=det, c=c):
            d = x.astype(float) - mu
            return np.exp(-0.5 * np.einsum("ni,ij,nj->n", d, prec, d)) / \
                np.sqrt(det * c)
        out.append((f"W2_gauss_k{k}", gauss, (0, None, None, None),
                    (x, mu, prec.astype(f32), np.asarray(det, f32)), ref))

    # W3 softmax
    x, w, b = normal((65536, 64)), normal((64, 10), .125), normal(10, .1)

    def sm_ref(x=x, w=w, b=b):
        z = x.astype(float) @ w + b
        e = np.exp(z - z.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)
    out.append(("W3_softmax", lambda x, w, b: jax.nn.softmax(x @ w + b),
                (0, None, None), (x, w, b), sm_ref))

    # W4 add1
    x = normal(16777216)
    out.append(("W4_add1", lambda x: x + 1.0, (0,), (x,),
                lambda x=x: x.astype(float) + 1))

    # W7 gmm
    x, mu = normal((65536, 8), 2.0), normal((16, 8), 2.0)
    prec = rng.uniform(.5, 2.0, (16, 8)).astype(f32)
    raw = rng.standard_normal(16)
    logw = (raw - np.log(np.exp(raw).sum())).astype(f32)
    half = 0.5 * 8 * float(np.log(2 * np.pi))

    def gmm(x, mu, prec, logw):
        c = logw + 0.5 * jnp.sum(jnp.log(prec), 1) - half
        d = x - mu
        ll = c - 0.5 * jnp.sum(d * d * prec, 1)
        return jax.nn.logsumexp(ll)

    def gmm_ref(x=x, mu=mu, prec=prec, logw=logw):
        d = x.astype(float)[:, None, :] - mu
        ll = logw + 0.5 * np.log(prec.astype(float)).sum(1) - half \
            - 0.5 * (d * d * prec).sum(2)
        m = ll.max(1)
        return m + np.log(np.exp(ll - m[:, None]).sum(1))
    out.append(("W7_gmm", gmm, (0, None, None, None), (x, mu, prec, logw),
                gmm_ref))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--repetitions", type=int, default=5)
    args = ap.parse_args()
    try:
        import jax
        import jax.numpy as jnp
        import numpy as np
    except ImportError as e:
        with open(args.out, "w") as f:
            json.dump({"available": False, "notice": str(e)}, f)
        print(f"jax_peer: JAX not available ({e}); skipped", file=sys.stderr)
        return 0
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass

    rows, failed = [], False
    for name, f, in_axes, inputs, ref in workloads(np, jnp, jax):
        kernel = jax.jit(jax.vmap(f, in_axes=in_axes))
        dev = [jax.device_put(a) for a in inputs]
        got = np.asarray(kernel(*dev).block_until_ready(), dtype=float)
        want = ref()
        scale = np.abs(want).mean()
        err = float((np.abs(got - want) / (np.abs(want) + scale)).max())
        ok = err <= 2e-3
        failed |= not ok
        print(f"check {name:<14} jax      max scaled error {err:.2e} "
              f"{'ok' if ok else 'FAILED'}", file=sys.stderr)
        # Calls per repetition: enough for ~0.2 s.
        t0 = time.process_time()
        kernel(*dev).block_until_ready()
        once = max(time.process_time() - t0, 1e-5)
        calls = max(1, int(0.2 / once))
        times = []
        for _ in range(args.repetitions):
            t0 = time.process_time()
            for _ in range(calls):
                kernel(*dev).block_until_ready()
            times.append((time.process_time() - t0) / calls)
        rows.append({"workload": name, "time_ms": statistics.median(times) * 1e3})
    with open(args.out, "w") as f:
        json.dump({"available": True, "version": jax.__version__,
                   "rows": rows}, f, indent=2)
    if failed:
        print("jax_peer: JAX disagrees with the float64 reference",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
