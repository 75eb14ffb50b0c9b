#!/usr/bin/env python3
"""Formats vmapc-seed-bench's Google Benchmark JSON as the peer comparison.

Reads the medians of the repetitions (or the single runs), the machine's own
limits measured by the same binary (machine/triad: bandwidth, machine/fma_peak:
peak FMA rate), and optionally the JAX peer's JSON; prints one table row per
workload and variant and the issue-6 targets, met or not, and writes a summary
JSON. Standard library only.

  compare.py SEED_BENCH.json [--jax JAX.json] [--summary OUT.json]
"""

import argparse
import json
import sys

# Peers: everything else is a vmapc kernel (vmapped, hand, and the chunked
# and parallel forms of vmapped).
PEERS = ("loops", "eigen", "jax")
# The workloads whose vmapped form must be at least as fast as plain loops.
LOOP_TARGETS = ("W1_nn", "W2_gauss_k2", "W2_gauss_k16", "W3_softmax",
                "W4_add1", "W7_gmm")
UNIT_TO_S = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def load_runs(path):
    """name -> {time_s, flops, bytes} from medians (or plain iterations)."""
    with open(path) as f:
        data = json.load(f)
    runs, medians = {}, {}
    for b in data.get("benchmarks", []):
        if b.get("error_occurred"):
            continue
        name = b.get("run_name", b["name"])
        entry = {
            # Wall time: the parallel variants run on several threads.
            "time_s": b["real_time"] * UNIT_TO_S[b.get("time_unit", "ns")],
            "flops": b.get("flop_per_iter", 0.0),
            "bytes": b.get("byte_per_iter", 0.0),
        }
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[name] = entry
        else:
            runs.setdefault(name, entry)
    runs.update(medians)
    return data.get("context", {}), runs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bench_json")
    ap.add_argument("--jax", help="JSON written by bench/jax_peer.py")
    ap.add_argument("--summary", help="where to write the summary JSON")
    args = ap.parse_args()

    context, runs = load_runs(args.bench_json)
    triad, fma = runs.get("machine/triad"), runs.get("machine/fma_peak")
    if not triad or not fma:
        sys.exit("compare.py: the machine probes are missing from the run")
    bandwidth = triad["bytes"] / triad["time_s"]
    peak = fma["flops"] / fma["time_s"]

    workloads = {}
    for name, r in runs.items():
        if name.startswith("machine/") or "/" not in name:
            continue
        wl, variant = name.split("/", 1)
        workloads.setdefault(wl, {})[variant] = r

    jax_notice = None
    if args.jax:
        with open(args.jax) as f:
            jax = json.load(f)
        if jax.get("available"):
            for row in jax.get("rows", []):
                wl = workloads.get(row["workload"])
                if wl is not None:
                    ref = next(iter(wl.values()))
                    wl["jax"] = {"time_s": row["time_ms"] * 1e-3,
                                 "flops": ref["flops"], "bytes": ref["bytes"]}
        else:
            jax_notice = jax.get("notice", "JAX not available")

    rows = []
    header = ("workload", "variant", "time ms", "GFLOP/s", "GB/s",
              "vs best peer", "of bound", "bound")
    for wl in sorted(workloads):
        variants = workloads[wl]
        peers = [v["time_s"] for k, v in variants.items() if k in PEERS]
        best_peer = min(peers) if peers else None
        order = [k for k in ("vmapped", "hand", "loops", "eigen", "jax")
                 if k in variants] + sorted(
                     k for k in variants
                     if k not in ("vmapped", "hand", "loops", "eigen", "jax"))
        for k in order:
            r = variants[k]
            t = r["time_s"]
            flop_time = r["flops"] / peak
            byte_time = r["bytes"] / bandwidth
            bound = "fma" if flop_time >= byte_time else "mem"
            rows.append({
                "workload": wl, "variant": k, "time_ms": t * 1e3,
                "gflops": r["flops"] / t / 1e9, "gbs": r["bytes"] / t / 1e9,
                "ratio_to_best_peer": t / best_peer if best_peer else None,
                "fraction_of_bound": max(flop_time, byte_time) / t,
                "bound": bound,
            })

    widths = (14, 8, 9, 8, 7, 12, 8, 5)
    line = "  ".join(h.rjust(w) if i > 1 else h.ljust(w)
                     for i, (h, w) in enumerate(zip(header, widths)))
    print(f"machine: triad {bandwidth / 1e9:.1f} GB/s, "
          f"FMA peak {peak / 1e9:.1f} GFLOP/s (single thread, measured)")
    if context.get("load_avg"):
        print("load average during the run: " +
              " ".join(f"{x:.2f}" for x in context["load_avg"]))
    if jax_notice:
        print(f"notice: JAX peer skipped ({jax_notice})")
    print(line)
    print("-" * len(line))
    for r in rows:
        ratio = (f"{r['ratio_to_best_peer']:.2f}x"
                 if r["ratio_to_best_peer"] else "-")
        cells = (r["workload"], r["variant"], f"{r['time_ms']:.3f}",
                 f"{r['gflops']:.1f}", f"{r['gbs']:.1f}", ratio,
                 f"{100 * r['fraction_of_bound']:.0f}%", r["bound"])
        print("  ".join(c.rjust(w) if i > 1 else c.ljust(w)
                        for i, (c, w) in enumerate(zip(cells, widths))))
    print("(vs best peer: time / fastest of loops, eigen, jax; "
          "of bound: roofline time from the measured limits / time)")

    # The targets.
    targets = []

    def target(what, ok, detail):
        targets.append({"target": what, "met": ok, "detail": detail})

    for wl, v in sorted(workloads.items()):
        if "vmapped" not in v:
            continue
        tv = v["vmapped"]["time_s"]
        if "hand" in v:
            ratio = tv / v["hand"]["time_s"]
            target(f"{wl}: vmapped within 5% of hand", ratio <= 1.05,
                   f"{ratio:.3f}x")
        if wl in LOOP_TARGETS and "loops" in v:
            ratio = tv / v["loops"]["time_s"]
            target(f"{wl}: vmapped at least as fast as loops", ratio <= 1.0,
                   f"{ratio:.3f}x")
        if "eigen" in v and v["eigen"]["time_s"] < tv:
            ratio = tv / v["eigen"]["time_s"]
            target(f"{wl}: vmapped within 1.5x of Eigen", ratio <= 1.5,
                   f"{ratio:.3f}x")
    # Chunks and cores (issue 15).
    for wl in ("W1_nn", "W2_gauss_k16"):
        v = workloads.get(wl, {})
        if "parallel_t1" in v and "parallel_t2" in v:
            speedup = v["parallel_t1"]["time_s"] / v["parallel_t2"]["time_s"]
            target(f"{wl}: 2 threads >= 1.8x 1 thread", speedup >= 1.8,
                   f"{speedup:.2f}x")
    for wl in ("W1_nn", "W2_gauss_k16", "W3_softmax"):
        v = workloads.get(wl, {})
        if wl == "W1_nn" and "chunk1024" in v and "vmapped" in v:
            ratio = v["chunk1024"]["time_s"] / v["vmapped"]["time_s"]
            target(f"{wl}: chunk_size 1024 within 5% of unchunked",
                   ratio <= 1.05, f"{ratio:.3f}x")
        if "chunk1024_dynN" in v and "chunk1024" in v:
            ratio = v["chunk1024_dynN"]["time_s"] / v["chunk1024"]["time_s"]
            target(f"{wl}: dynamic-N kernel within 5% of static-N (both "
                   f"chunk 1024)", ratio <= 1.05, f"{ratio:.3f}x")
        if "chunk1024_dynN" in v and "vmapped" in v:
            ratio = v["chunk1024_dynN"]["time_s"] / v["vmapped"]["time_s"]
            target(f"{wl}: dynamic-N kernel within 5% of static-N unchunked",
                   ratio <= 1.05, f"{ratio:.3f}x")
    # Ahead of time (issue 17): the same function compiled by vmapc-compile
    # runs as fast as the JIT's kernel.
    for wl, v in workloads.items():
        for aot, jit in (("aot", "vmapped"), ("aot_dynN", "chunk1024_dynN")):
            if aot in v and jit in v:
                ratio = v[aot]["time_s"] / v[jit]["time_s"]
                target(f"{wl}: {aot} within 3% of the JIT's {jit}",
                       ratio <= 1.03, f"{ratio:.3f}x")
    if "vmapped" in workloads.get("W4_add1", {}):
        r = workloads["W4_add1"]["vmapped"]
        frac = r["bytes"] / r["time_s"] / bandwidth
        target("W4_add1: >= 80% of measured bandwidth", frac >= 0.8,
               f"{100 * frac:.0f}%")
    if "vmapped" in workloads.get("W1_nn", {}):
        r = workloads["W1_nn"]["vmapped"]
        frac = r["flops"] / r["time_s"] / peak
        target("W1_nn: >= 40% of measured FMA peak", frac >= 0.4,
               f"{100 * frac:.0f}%")
    print()
    for t in targets:
        print(f"  [{'met ' if t['met'] else 'MISS'}] {t['target']}: "
              f"{t['detail']}")

    if args.summary:
        with open(args.summary, "w") as f:
            json.dump({"bandwidth_GBs": bandwidth / 1e9,
                       "fma_peak_GFLOPs": peak / 1e9,
                       "load_avg": context.get("load_avg"),
                       "jax_notice": jax_notice, "rows": rows,
                       "targets": targets}, f, indent=2)


if __name__ == "__main__":
    main()
