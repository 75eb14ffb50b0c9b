//===- MachineProbes.h - The machine's measured limits ----------*- C++ -*-===//
//
// The probes of the machine every bench binary registers beside its
// workloads, so bench/compare.py can state each row as a fraction of the
// physical bound measured in the same run: machine/triad (STREAM-like
// bandwidth), machine/fma_peak (register-resident FMA rate) and
// machine/l3_read (the read rate of a 4 MiB working set: beyond the L2 of
// today's x86 cores, within their L3). Also the counters compare.py reads
// from every row, and the registration of a row.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_BENCH_MACHINEPROBES_H
#define VMAPC_BENCH_MACHINEPROBES_H

#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <string>

namespace probes {

/// a = b + s * c (STREAM triad).
void triad(float *a, const float *b, const float *c, float s, int64_t n);
/// Runs a register-resident FMA loop; returns a value to keep it alive.
float fmaPeak(int64_t iterations);
int64_t fmaPeakFlopsPerIteration();
/// The sum of x[0, n), read with independent vector accumulators (n a
/// multiple of 128).
float readSum(const float *x, int64_t n);

/// flop_per_iter and byte_per_iter (what one iteration must compute and
/// move), and the GFLOP/s and GB/s rates they give; l3_byte_per_iter when
/// `l3Bytes` is given: what the iteration must at least read from L3 (a
/// working set reread every step that the L2 cannot hold).
void setCounters(benchmark::State &state, double flops, double bytes,
                 double l3Bytes = 0);

/// Registers machine/triad, machine/fma_peak and machine/l3_read.
void registerProbes();

/// Registers one row of compare.py's table, "workload/variant": `run`
/// timed in milliseconds, with the counters of `flops` and `bytes`.
benchmark::internal::Benchmark *registerRow(const std::string &name,
                                            std::function<void()> run,
                                            double flops, double bytes,
                                            double l3Bytes = 0);

} // namespace probes

#endif // VMAPC_BENCH_MACHINEPROBES_H
