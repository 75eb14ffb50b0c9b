//===- MachineProbes.cpp - The machine's measured limits ------------------===//
//
// Shared by vmapc-seed-bench and vmapc-control-bench (one copy, so both
// state their rows against the same probe code).
//
//===----------------------------------------------------------------------===//
#include "MachineProbes.h"

#include <vmapc/vmapc.h>

#include <algorithm>
#include <immintrin.h>

namespace probes {

void triad(float *a, const float *b, const float *c, float s, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    a[i] = b[i] + s * c[i];
}

namespace {
#if defined(__AVX512F__)
using V = __m512;
constexpr int64_t kLanes = 16;
V set1(float v) { return _mm512_set1_ps(v); }
V load(const float *p) { return _mm512_loadu_ps(p); }
V fma(V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); }
V add(V a, V b) { return _mm512_add_ps(a, b); }
float sum(V a) { return _mm512_reduce_add_ps(a); }
#elif defined(__AVX2__) && defined(__FMA__)
using V = __m256;
constexpr int64_t kLanes = 8;
V set1(float v) { return _mm256_set1_ps(v); }
V load(const float *p) { return _mm256_loadu_ps(p); }
V fma(V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); }
V add(V a, V b) { return _mm256_add_ps(a, b); }
float sum(V a) {
  alignas(32) float t[8];
  _mm256_store_ps(t, a);
  float s = 0;
  for (float v : t)
    s += v;
  return s;
}
#else
#error "the machine probes need AVX2+FMA or AVX-512"
#endif
} // namespace

float fmaPeak(int64_t iterations) {
  // Independent accumulator chains: FMA latency (4 cycles) times the FMA
  // pipes (2) needs at least 8 in flight; 16 leaves margin and still fits
  // the register file. `acc = acc * a + b` with a < 1 stays bounded.
  constexpr int kChains = 16;
  V acc[kChains];
  for (int c = 0; c < kChains; ++c)
    acc[c] = set1(float(c) * 0.01f);
  V a = set1(0.999f), b = set1(0.001f);
  for (int64_t i = 0; i < iterations; ++i) {
    // An empty asm keeps the compiler from folding the recurrence.
    asm volatile("" : "+v"(a));
    for (int c = 0; c < kChains; ++c)
      acc[c] = fma(acc[c], a, b);
  }
  V total = acc[0];
  for (int c = 1; c < kChains; ++c)
    total = add(total, acc[c]);
  return sum(total);
}

int64_t fmaPeakFlopsPerIteration() { return 16 * 2 * kLanes; }

float readSum(const float *x, int64_t n) {
  // Eight accumulators: two loads per cycle with the add latency covered.
  constexpr int kChains = 8;
  V acc[kChains];
  for (int c = 0; c < kChains; ++c)
    acc[c] = set1(0);
  for (int64_t i = 0; i < n; i += kChains * kLanes)
    for (int c = 0; c < kChains; ++c)
      acc[c] = add(acc[c], load(x + i + c * kLanes));
  V total = acc[0];
  for (int c = 1; c < kChains; ++c)
    total = add(total, acc[c]);
  return sum(total);
}

void setCounters(benchmark::State &state, double flops, double bytes,
                 double l3Bytes) {
  state.counters["flop_per_iter"] = flops;
  if (l3Bytes > 0)
    state.counters["l3_byte_per_iter"] = l3Bytes;
  state.counters["byte_per_iter"] = bytes;
  state.counters["GFLOP/s"] = benchmark::Counter(
      flops / 1e9, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["GB/s"] = benchmark::Counter(
      bytes / 1e9, benchmark::Counter::kIsIterationInvariantRate);
}

void registerProbes() {
  benchmark::RegisterBenchmark("machine/triad", [](benchmark::State &state) {
    // Three 64 MiB arrays: far beyond the caches.
    constexpr int64_t n = 16 * 1024 * 1024;
    vmapc::Array<float> a({n}), b({n}), c({n});
    std::fill(b.begin(), b.end(), 1.0f);
    std::fill(c.begin(), c.end(), 2.0f);
    for (auto _ : state) {
      triad(a.data(), b.data(), c.data(), 3.0f, n);
      benchmark::DoNotOptimize(a.data());
      benchmark::ClobberMemory();
    }
    setCounters(state, 2.0 * n, 12.0 * n);
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("machine/fma_peak", [](benchmark::State &state) {
    constexpr int64_t iterations = 1 << 22;
    for (auto _ : state)
      benchmark::DoNotOptimize(fmaPeak(iterations));
    setCounters(state, double(iterations) * fmaPeakFlopsPerIteration(), 0);
  })->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("machine/l3_read", [](benchmark::State &state) {
    // 4 MiB, W6's weight matrix, read whole 64 times per iteration: after
    // the first pass it is in L3, and no L2 of today's x86 cores holds it.
    constexpr int64_t n = 1024 * 1024, passes = 64;
    vmapc::Array<float> x({n});
    std::fill(x.begin(), x.end(), 1.0f);
    for (auto _ : state)
      for (int64_t p = 0; p < passes; ++p)
        benchmark::DoNotOptimize(readSum(x.data(), n));
    setCounters(state, double(passes) * n, 4.0 * passes * n);
  })->Unit(benchmark::kMillisecond);
}

benchmark::internal::Benchmark *registerRow(const std::string &name,
                                            std::function<void()> run,
                                            double flops, double bytes,
                                            double l3Bytes) {
  return benchmark::RegisterBenchmark(name.c_str(),
                                      [run = std::move(run), flops, bytes,
                                       l3Bytes](benchmark::State &state) {
                                        for (auto _ : state) {
                                          run();
                                          benchmark::ClobberMemory();
                                        }
                                        setCounters(state, flops, bytes,
                                                    l3Bytes);
                                      })
      ->Unit(benchmark::kMillisecond);
}

} // namespace probes
