#!/usr/bin/env python3
"""The Python peers of vmapc-seed-bench: NumPy, PyTorch and JAX on CPU.

Runs the seed workloads at the same sizes as bench/SeedWorkloads.cpp on one
thread with each library that imports:

  numpy  the function written batched (NumPy broadcasting), run on blocks of
         rows that keep its temporaries in cache, as the Eigen peer does
  torch  the same batched function and blocks on torch tensors, under
         torch.set_num_threads(1) and torch.inference_mode()
  jax    the function written for one example, jax.jit(jax.vmap(f))

Each workload is defined once (its inputs, its float64 NumPy reference and
its function, written against a small table of operations so that one text
serves NumPy, torch and, applied to one example, jax.vmap). Every backend's
output is checked against the reference before it is timed; the medians of
the repetitions (CPU time of the process per call, like Google Benchmark's
cpu_time) are written as JSON:

  python_peers.py OUT.json [--repetitions N] [--workloads W1_nn,W3_softmax]
                  [--backends numpy,torch,jax]

  {"backends": {"numpy": {"available": true, "version": ..., "rows":
   [{"workload": ..., "time_ms": ..., "max_scaled_error": ...}]},
   "torch": {"available": false, "notice": "No module named 'torch'"}, ...}}

A backend whose import fails gets a notice instead of rows and the script
still exits 0; a backend that disagrees with the reference makes it exit 1.
bench/compare.sh runs it and passes the JSON to bench/compare.py.
"""

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
import types

# One thread, as every other variant: set before any library is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault(
    "XLA_FLAGS",
    "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1")
os.environ.setdefault("JAX_PLATFORMS", "cpu")

BACKENDS = ("numpy", "torch", "jax")
WORKLOADS = ("W1_nn", "W2_gauss_k2", "W2_gauss_k16", "W3_softmax", "W4_add1",
             "W7_gmm")
# |got - ref| <= RTOL * (|ref| + mean |ref|), as vmapc-seed-bench's check.
RTOL = 2e-3


#===----------------------------------------------------------------------===#
# The workloads: data, reference and function, once for every backend
#===----------------------------------------------------------------------===#
#
# A function takes the operation table `op` first, then the workload's inputs.
# It is written for one example (x is one row) and for a batch of rows alike:
# reductions are over the last axis and broadcasting is from the right, so
# NumPy and torch run it on a block of rows and jax.vmap maps it over rows.

def nn(op, x, w1, w2):
    return op.relu(x @ w1) @ w2


def gauss(op, x, mu, prec, det, c):
    d = x - mu
    # prec is symmetric: d @ prec is prec @ d for one example.
    return op.exp(-0.5 * op.sum((d @ prec) * d)) / op.sqrt(det * c)


def softmax(op, x, w, b):
    return op.softmax(x @ w + b)


def add1(op, x):
    return x + 1.0


def gmm(op, x, mu, prec, logw, half):
    c = logw + 0.5 * op.sum(op.log(prec)) - half   # [K]
    d = x[..., None, :] - mu                        # [(rows,) K, D]
    return op.logsumexp(c - 0.5 * op.sum(d * d * prec))


class Workload(types.SimpleNamespace):
    """name; fn; inputs: the arrays, mapped over axis 0 of the first only;
    consts: Python numbers passed after them; reference(): the float64
    output, kept as `expected`; block_rows: rows per call of the batched
    backends (their temporaries then stay in the 2 MiB L2: 2-4x faster than
    one call on the whole batch for W1, W2 k16 and W4 here)."""


def make_workloads(np, names):
    """The workloads among `names`, each from its own seeded generator."""
    f32 = np.float32

    def normal(rng, shape, scale=1.0):
        return (rng.standard_normal(shape) * scale).astype(f32)

    def w1():
        rng = np.random.default_rng(61)
        x, w1, w2 = (normal(rng, (65536, 64)), normal(rng, (64, 256), .125),
                     normal(rng, 256, .0625))
        return Workload(
            fn=nn, inputs=(x, w1, w2), consts=(), block_rows=512,
            reference=lambda: np.maximum(x.astype(float) @ w1, 0) @ w2)

    def w2(k):
        def make():
            rng = np.random.default_rng(62 + k)
            x, mu, a = (normal(rng, (1000000, k)), normal(rng, k, .5),
                        normal(rng, (k, k)))
            sigma = a.astype(float) @ a.T / k + np.eye(k)
            prec, det = np.linalg.inv(sigma), np.linalg.det(sigma)
            c = float((2 * np.pi) ** k)

            def ref():
                d = x.astype(float) - mu
                return np.exp(-0.5 * np.einsum("ni,ij,nj->n", d, prec, d)) / \
                    np.sqrt(det * c)
            return Workload(
                fn=gauss, consts=(c,), block_rows=8192 if k == 2 else 2048,
                inputs=(x, mu, prec.astype(f32), np.asarray(det, f32)),
                reference=ref)
        return make

    def w3():
        rng = np.random.default_rng(63)
        x, w, b = (normal(rng, (65536, 64)), normal(rng, (64, 10), .125),
                   normal(rng, 10, .1))

        def ref():
            z = x.astype(float) @ w + b
            e = np.exp(z - z.max(1, keepdims=True))
            return e / e.sum(1, keepdims=True)
        return Workload(fn=softmax, inputs=(x, w, b), consts=(),
                        block_rows=4096, reference=ref)

    def w4():
        x = normal(np.random.default_rng(64), 16777216)
        return Workload(fn=add1, inputs=(x,), consts=(), block_rows=65536,
                        reference=lambda: x.astype(float) + 1)

    def w7():
        rng = np.random.default_rng(67)
        x, mu = normal(rng, (65536, 8), 2.0), normal(rng, (16, 8), 2.0)
        prec = rng.uniform(.5, 2.0, (16, 8)).astype(f32)
        raw = rng.standard_normal(16)
        logw = (raw - np.log(np.exp(raw).sum())).astype(f32)
        half = 0.5 * 8 * float(np.log(2 * np.pi))

        def ref():
            d = x.astype(float)[:, None, :] - mu
            ll = logw + 0.5 * np.log(prec.astype(float)).sum(1) - half \
                - 0.5 * (d * d * prec).sum(2)
            m = ll.max(1)
            return m + np.log(np.exp(ll - m[:, None]).sum(1))
        return Workload(fn=gmm, inputs=(x, mu, prec, logw), consts=(half,),
                        block_rows=2048, reference=ref)

    makers = {"W1_nn": w1, "W2_gauss_k2": w2(2), "W2_gauss_k16": w2(16),
              "W3_softmax": w3, "W4_add1": w4, "W7_gmm": w7}
    unknown = set(names) - set(makers)
    if unknown:
        raise SystemExit(f"python_peers: unknown workloads {sorted(unknown)};"
                         f" known: {', '.join(WORKLOADS)}")
    workloads = []
    for name in (n for n in WORKLOADS if n in names):
        w = makers[name]()
        w.name, w.expected = name, w.reference()
        workloads.append(w)
    return workloads


#===----------------------------------------------------------------------===#
# The backends
#===----------------------------------------------------------------------===#
#
# Each returns (version, context, prepare): prepare(workload) gives a call
# that computes the whole batch and returns something np.asarray reads once
# the work is done.

def numpy_ops(np):
    def logsumexp(a):
        m = a.max(-1, keepdims=True)
        return (m + np.log(np.exp(a - m).sum(-1, keepdims=True)))[..., 0]

    def softmax(a):
        e = np.exp(a - a.max(-1, keepdims=True))
        return e / e.sum(-1, keepdims=True)
    return types.SimpleNamespace(
        relu=lambda a: np.maximum(a, 0), exp=np.exp, log=np.log,
        sqrt=np.sqrt, sum=lambda a: a.sum(-1), logsumexp=logsumexp,
        softmax=softmax)


def blocked(w, op, inputs, out):
    """Calls w.fn on blocks of w.block_rows rows, writing into `out`."""
    x, rest = inputs[0], (*inputs[1:], *w.consts)
    rows, n = w.block_rows, len(x)

    def run():
        for r in range(0, n, rows):
            out[r:r + rows] = w.fn(op, x[r:r + rows], *rest)
        return out
    return run


def numpy_backend(np):
    op = numpy_ops(np)

    def prepare(w):
        out = np.empty(w.expected.shape, np.float32)
        return blocked(w, op, w.inputs, out)
    return np.__version__, contextlib.nullcontext, prepare


def torch_backend(np):
    import torch
    torch.set_num_threads(1)
    op = types.SimpleNamespace(
        relu=torch.relu, exp=torch.exp, log=torch.log, sqrt=torch.sqrt,
        sum=lambda a: a.sum(-1), logsumexp=lambda a: torch.logsumexp(a, -1),
        softmax=lambda a: torch.softmax(a, -1))

    def prepare(w):
        inputs = [torch.from_numpy(a) for a in w.inputs]
        out = torch.empty(w.expected.shape, dtype=torch.float32)
        return blocked(w, op, inputs, out)
    return torch.__version__, torch.inference_mode, prepare


def jax_backend(np):
    import jax
    import jax.numpy as jnp
    op = types.SimpleNamespace(
        relu=jax.nn.relu, exp=jnp.exp, log=jnp.log, sqrt=jnp.sqrt,
        sum=lambda a: jnp.sum(a, -1), logsumexp=lambda a: jax.nn.logsumexp(
            a, -1), softmax=lambda a: jax.nn.softmax(a, -1))

    def prepare(w):
        def single(*inputs):
            return w.fn(op, *inputs, *w.consts)
        in_axes = (0,) + (None,) * (len(w.inputs) - 1)
        kernel = jax.jit(jax.vmap(single, in_axes=in_axes))
        dev = [jax.device_put(a) for a in w.inputs]
        return lambda: kernel(*dev).block_until_ready()
    return jax.__version__, contextlib.nullcontext, prepare


#===----------------------------------------------------------------------===#
# Checking and timing
#===----------------------------------------------------------------------===#

def scaled_error(np, got, want):
    got = np.asarray(got, dtype=float)
    if got.shape != want.shape:
        return float("inf")
    err = np.abs(got - want) / (np.abs(want) + np.abs(want).mean())
    return float(np.nan_to_num(err, nan=np.inf).max())


def median_time(run, repetitions, seconds):
    """Median CPU seconds per call over the repetitions, each ~`seconds`."""
    t0 = time.process_time()
    run()
    once = max(time.process_time() - t0, 1e-5)
    calls = max(1, int(seconds / once))
    times = []
    for _ in range(repetitions):
        t0 = time.process_time()
        for _ in range(calls):
            run()
        times.append((time.process_time() - t0) / calls)
    return statistics.median(times)


def run_backend(name, setup, np, workloads, args):
    """The backend's JSON entry and whether every check passed."""
    try:
        version, context, prepare = setup(np)
    except Exception as e:  # ImportError, or a library that fails to load
        print(f"python_peers: {name} not available ({e}); skipped",
              file=sys.stderr)
        return {"available": False, "notice": str(e)}, True
    rows, ok = [], True
    with context():
        for w in workloads:
            run = prepare(w)
            err = scaled_error(np, run(), w.expected)
            good = err <= RTOL
            ok &= good
            print(f"check {w.name:<14} {name:<8} max scaled error {err:.2e} "
                  f"{'ok' if good else 'FAILED'}", file=sys.stderr)
            if not good:
                continue
            rows.append({"workload": w.name, "max_scaled_error": err,
                         "time_ms": 1e3 * median_time(
                             run, args.repetitions, args.seconds)})
            print(f"time  {w.name:<14} {name:<8} {rows[-1]['time_ms']:.3f} ms",
                  file=sys.stderr)
    return {"available": True, "version": version, "rows": rows}, ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--repetitions", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=0.2,
                    help="length of one repetition (default 0.2)")
    ap.add_argument("--workloads", help="comma-separated subset "
                    "(default: all six)")
    ap.add_argument("--backends", default=",".join(BACKENDS),
                    help=f"comma-separated subset of {','.join(BACKENDS)}")
    args = ap.parse_args()
    backends = [b for b in args.backends.split(",") if b]
    if set(backends) - set(BACKENDS):
        ap.error(f"unknown backends {sorted(set(backends) - set(BACKENDS))}")

    try:
        import numpy as np
    except ImportError as e:  # every backend's data and reference need it
        entries = {b: {"available": False, "notice": str(e)}
                   for b in backends}
        with open(args.out, "w") as f:
            json.dump({"backends": entries}, f, indent=2)
        print(f"python_peers: NumPy not available ({e}); every Python peer "
              f"skipped", file=sys.stderr)
        return 0
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass

    names = args.workloads.split(",") if args.workloads else WORKLOADS
    workloads = make_workloads(np, names)
    setups = {"numpy": numpy_backend, "torch": torch_backend,
              "jax": jax_backend}
    entries, all_ok = {}, True
    for b in backends:
        entries[b], ok = run_backend(b, setups[b], np, workloads, args)
        all_ok &= ok
    with open(args.out, "w") as f:
        json.dump({"backends": entries}, f, indent=2)
    if not all_ok:
        print("python_peers: a backend disagrees with the float64 reference",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
