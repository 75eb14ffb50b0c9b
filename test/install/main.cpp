//===- main.cpp - A program embedding vmapc through find_package ----------===//
//
// Uses only <vmapc/vmapc.h>: jit of a vmapped NN layer, checked against
// loops; a vmapc::Error for a shape mismatch. Exits non-zero on failure.
//
//===----------------------------------------------------------------------===//

#include <vmapc/vmapc.h>

#include <cmath>
#include <cstdio>

namespace vx = vmapc;

int main() {
  auto layer = [](auto x, auto W, auto b) { return vx::tanh(x.dot(W) + b); };
  auto kernel = vx::jit(vx::vmap(layer, vx::in_axes(0, vx::none, vx::none)));

  const int64_t n = 16, din = 8, dout = 4;
  vx::Array<float> X({n, din}), W({din, dout}), b({dout});
  for (int64_t i = 0; i < X.size(); ++i)
    X.data()[i] = std::sin(0.1f * i);
  for (int64_t i = 0; i < W.size(); ++i)
    W.data()[i] = std::cos(0.3f * i) / 4;
  for (int64_t i = 0; i < b.size(); ++i)
    b.data()[i] = 0.1f * i;

  vx::Array<float> Y = kernel(X, W, b);
  double worst = 0;
  for (int64_t r = 0; r < n; ++r)
    for (int64_t c = 0; c < dout; ++c) {
      double s = b(c);
      for (int64_t k = 0; k < din; ++k)
        s += double(X(r, k)) * W(k, c);
      worst = std::fmax(worst, std::fabs(std::tanh(s) - Y(r, c)));
    }
  std::printf("consumer: jit(vmap(layer)) max abs error %.3g\n", worst);
  if (!(worst < 1e-5))
    return 1;

  try {
    kernel(X, vx::Array<float>({din + 1, dout}), b);
    std::printf("consumer: expected a vmapc::Error\n");
    return 1;
  } catch (const vx::Error &e) {
    std::printf("consumer: caught vmapc::Error: %s\n", e.what());
  }
  std::printf("consumer: OK (%zu compilation)\n", vx::compile_count());
  return 0;
}
