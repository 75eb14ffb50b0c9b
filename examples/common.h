//===- common.h - Checks and timing shared by the examples ------*- C++ -*-===//
//
// Not part of vmapc: the small harness the seed-lesson programs use to print
// their checks (PASS/FAIL with the max abs error) and their timings, and to
// exit non-zero when a check fails.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_EXAMPLES_COMMON_H
#define VMAPC_EXAMPLES_COMMON_H

#include <vmapc/vmapc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace examples {

inline int failures = 0;

/// Prints PASS/FAIL for `got` against `want` (same shape, max abs error
/// within `tol`).
template <typename A, typename B>
void check(const std::string &what, const A &got, const B &want, double tol) {
  bool sameShape = got.shape() == want.shape();
  double err = 0;
  if (sameShape)
    for (int64_t i = 0; i < got.size(); ++i) {
      double e = std::fabs(static_cast<double>(got.data()[i]) -
                           static_cast<double>(want.data()[i]));
      err = std::isnan(e) ? INFINITY : std::max(err, e);
    }
  bool ok = sameShape && err <= tol;
  failures += !ok;
  std::printf("  [%s] %s: max abs error %.3g%s\n", ok ? "PASS" : "FAIL",
              what.c_str(), err,
              sameShape ? ""
                        : (" (shape " + vmapc::shapeToString(got.shape()) +
                           " vs " + vmapc::shapeToString(want.shape()) + ")")
                              .c_str());
}

/// Best wall time of `reps` runs of `fn`, in milliseconds.
inline double timeMs(const std::function<void()> &fn, int reps = 5) {
  double best = INFINITY;
  for (int r = 0; r < reps; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    fn();
    auto t1 = std::chrono::steady_clock::now();
    best = std::min(best,
                    std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  return best;
}

inline void printTiming(const std::string &what, double vmapped, double loop) {
  std::printf("  time %s: vmapped jit %.3f ms, per-example loop %.3f ms "
              "(%.1fx)\n",
              what.c_str(), vmapped, loop, loop / vmapped);
}

template <typename T>
vmapc::Array<T> randn(vmapc::Shape shape, unsigned seed, double scale = 1.0) {
  vmapc::Array<T> a(std::move(shape));
  std::mt19937 gen(seed);
  std::normal_distribution<double> dist(0.0, scale);
  for (T &x : a)
    x = static_cast<T>(dist(gen));
  return a;
}

/// Runs an example's body and reports: a vmapc::Error (or any exception)
/// counts as a failure with its message, never as an abort.
inline int run(const std::function<void()> &body) {
  try {
    body();
  } catch (const std::exception &e) {
    std::printf("  [FAIL] %s\n", e.what());
    ++failures;
  }
  std::printf("%s\n", failures ? "FAILED" : "all checks passed");
  return failures ? 1 : 0;
}

} // namespace examples

#endif // VMAPC_EXAMPLES_COMMON_H
