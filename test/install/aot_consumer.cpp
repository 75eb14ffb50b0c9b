//===- aot_consumer.cpp - A program linking AOT kernels only --------------===//
//
// Links the static libraries vmapc_add_kernel made from Inputs/nn.mlir, and not
// vmapc::vmapc: run.cmake checks with readelf that it needs no libvmapc,
// libMLIR or libLLVM. Checks the kernels against loops for several batch
// sizes (one object serves them all), the serial and parallel kernels
// against each other bit for bit, the static kernel, and the errors of the
// C and C++ entry points. Exits non-zero on failure.
//
//===----------------------------------------------------------------------===//
#include "nn16_kernel.h"
#include "nn_kernel.h"
#include "nn_parallel_kernel.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace vx = vmapc;

int main() {
  const int64_t din = 8, dout = 4;
  vx::Array<float> W({din, dout}), b({dout});
  for (int64_t i = 0; i < W.size(); ++i)
    W.data()[i] = std::cos(0.3f * i) / 4;
  for (int64_t i = 0; i < b.size(); ++i)
    b.data()[i] = 0.1f * i;

  bool ok = true;
  for (int64_t n : {0, 1, 31, 32, 33, 100, 1000}) {
    vx::Array<float> X({n, din});
    for (int64_t i = 0; i < X.size(); ++i)
      X.data()[i] = std::sin(0.1f * i);
    vx::Array<float> Y({n, dout});
    int rc = nn(n, X.data(), W.data(), b.data(), Y.data());
    vx::Array<float> Yp = nn_parallel(X, W, b);
    double worst = 0;
    for (int64_t r = 0; r < n; ++r)
      for (int64_t c = 0; c < dout; ++c) {
        double s = b(c);
        for (int64_t k = 0; k < din; ++k)
          s += double(X(r, k)) * W(k, c);
        worst = std::fmax(worst, std::fabs(std::tanh(s) - Y(r, c)));
      }
    bool same = std::memcmp(Y.data(), Yp.data(), Y.size() * sizeof(float)) == 0;
    std::printf("aot_consumer: n = %lld rc %d max abs error %.3g, "
                "parallel bits equal: %s\n",
                (long long)n, rc, worst, same ? "yes" : "no");
    ok &= rc == 0 && worst < 1e-5 && same;
  }

  vx::Array<float> X16({16, din});
  for (int64_t i = 0; i < X16.size(); ++i)
    X16.data()[i] = std::sin(0.1f * i);
  // nn16 was compiled for x86-64-v2 (SSE4.2, no FMA): other code, so
  // other roundings than the host kernels, but the same numbers.
  vx::Array<float> Y16 = nn16(X16, W, b), Yn = nn(X16, W, b);
  double worst16 = 0;
  for (int64_t i = 0; i < Y16.size(); ++i)
    worst16 = std::fmax(worst16, std::fabs(Y16.data()[i] - Yn.data()[i]));
  std::printf("aot_consumer: nn16 (x86-64-v2) vs nn (host) max abs "
              "difference %.3g\n",
              worst16);
  ok &= worst16 < 1e-6;

  // Errors: a negative batch and a null pointer (C), a shape mismatch (C++).
  ok &= nn(-1, X16.data(), W.data(), b.data(), Yn.data()) == 1;
  ok &= nn(16, nullptr, W.data(), b.data(), Yn.data()) == 1;
  ok &= nn(0, nullptr, W.data(), b.data(), nullptr) == 0;
  try {
    nn16(X16, vx::Array<float>({din + 1, dout}), b);
    ok = false;
  } catch (const vx::Error &e) {
    std::printf("aot_consumer: caught vmapc::Error: %s\n", e.what());
  }
  std::printf("aot_consumer: %s\n", ok ? "OK" : "FAILED");
  return ok ? 0 : 1;
}
