//===- 12_aot_kernels.cpp - Seed kernels compiled ahead of time -----------===//
//
// The NN inference seed (W1), traced from the DSL and compiled by
// vmapc-compile when this example was built (see CMakeLists.txt): no JIT,
// no libvmapc, no MLIR or LLVM in this process. One object takes any batch
// size; the parallel one runs its chunks on OpenMP threads. Results are
// checked against float64 loops, and the C++ overload's shape check is
// shown. Exits non-zero if a check fails.
//
//===----------------------------------------------------------------------===//
#include "seed_nn.h"
#include "seed_nn_parallel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

namespace vx = vmapc;

int main() {
  constexpr int64_t din = 64, hidden = 256;
  std::mt19937 gen(7);
  std::normal_distribution<float> dist(0.0f, 1.0f);
  auto random = [&](vx::Shape shape, float scale) {
    vx::Array<float> a(std::move(shape));
    for (float &v : a)
      v = scale * dist(gen);
    return a;
  };
  vx::Array<float> w1 = random({din, hidden}, 0.125f);
  vx::Array<float> w2 = random({hidden}, 0.0625f);

  bool ok = true;
  for (int64_t n : {1, 255, 1000, 65536}) {
    vx::Array<float> x = random({n, din}, 1.0f);
    // The C entry point: plain pointers and the batch size.
    std::vector<float> y(n);
    auto start = std::chrono::steady_clock::now();
    int rc = seed_nn(n, x.data(), w1.data(), w2.data(), y.data());
    double ms = std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - start)
                    .count();
    // The C++ overload, allocating its result, on the parallel kernel.
    vx::Array<float> yp = seed_nn_parallel(x, w1, w2);

    double worst = 0;
    for (int64_t i = 0; i < n; ++i) {
      double out = 0;
      for (int64_t j = 0; j < hidden; ++j) {
        double h = 0;
        for (int64_t k = 0; k < din; ++k)
          h += double(x(i, k)) * w1(k, j);
        out += std::max(h, 0.0) * w2(j);
      }
      worst = std::max({worst, std::abs(y[i] - out) / (1 + std::abs(out)),
                        std::abs(yp(i) - out) / (1 + std::abs(out))});
    }
    bool same = std::equal(y.begin(), y.end(), yp.begin());
    std::printf("n = %6lld: rc %d, max scaled error vs float64 loops %.2e, "
                "serial == parallel bits: %s (serial %.3f ms)\n",
                (long long)n, rc, worst, same ? "yes" : "NO", ms);
    ok &= rc == 0 && worst < 1e-4 && same;
  }

  try {
    seed_nn(random({4, din + 1}, 1.0f), w1, w2);
    std::printf("expected a shape error\n");
    ok = false;
  } catch (const vx::Error &e) {
    std::printf("shape check: %s\n", e.what());
  }
  std::printf("%s\n", ok ? "OK" : "FAILED");
  return ok ? 0 : 1;
}
