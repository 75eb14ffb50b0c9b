//===- MachineProbes.h - The machine's measured limits ----------*- C++ -*-===//
//
// Two probes of the machine every bench binary registers beside its
// workloads, so bench/compare.py can state each row as a fraction of the
// physical bound measured in the same run: machine/triad (STREAM-like
// bandwidth) and machine/fma_peak (register-resident FMA rate). Also the
// counters compare.py reads from every row, and the registration of a row.
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

/// flop_per_iter and byte_per_iter (what one iteration must compute and
/// move), and the GFLOP/s and GB/s rates they give.
void setCounters(benchmark::State &state, double flops, double bytes);

/// Registers machine/triad and machine/fma_peak.
void registerProbes();

/// Registers one row of compare.py's table, "workload/variant": `run`
/// timed in milliseconds, with the counters of `flops` and `bytes`.
benchmark::internal::Benchmark *registerRow(const std::string &name,
                                            std::function<void()> run,
                                            double flops, double bytes);

} // namespace probes

#endif // VMAPC_BENCH_MACHINEPROBES_H
