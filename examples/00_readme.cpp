//===- 00_readme.cpp - The README's example, built and checked ------------===//
//
// The program shown in README.md, with random weights and a check against
// plain C++ loops, so the README's example cannot rot.
//
//===----------------------------------------------------------------------===//

#include "common.h"

#include <vmapc/vmapc.h>
namespace vx = vmapc;

int main() {
  return examples::run([] {
    // One example: x is [64]; W1 [64, 256]; W2 [256, 10].
    auto forward = [](auto x, auto W1, auto W2) {
      return vx::dot(vx::relu(vx::dot(x, W1)), W2);
    };
    // Map over axis 0 of x only, like jax.vmap(forward, in_axes=(0, None,
    // None)), and compile: traced once per argument shapes, then cached.
    auto kernel =
        vx::jit(vx::vmap(forward, vx::in_axes(0, vx::none, vx::none)));

    const int64_t n = 65536, d = 64, h = 256, o = 10;
    vx::Array<float> X = examples::randn<float>({n, d}, 1);
    vx::Array<float> W1 = examples::randn<float>({d, h}, 2, 0.1);
    vx::Array<float> W2 = examples::randn<float>({h, o}, 3, 0.1);
    vx::Array<float> Y = kernel(X, W1, W2); // [65536, 10], AVX-512 code
    std::printf("00 README example: Y has shape %s\n",
                vx::shapeToString(Y.shape()).c_str());

    // What was compiled: the vmapc IR (the vmap and the single-example
    // function) before batching.
    vx::Compiled c = kernel.lower(X, W1, W2);
    std::printf("%s\n", c.vmapc_ir().c_str());

    vx::Array<double> ref({n, o});
    std::vector<double> hidden(h);
    for (int64_t i = 0; i < n; ++i) {
      std::fill(hidden.begin(), hidden.end(), 0.0);
      for (int64_t k = 0; k < d; ++k)
        for (int64_t j = 0; j < h; ++j)
          hidden[j] += double(X(i, k)) * W1(k, j);
      for (int64_t j = 0; j < h; ++j)
        for (int64_t m = 0; m < o; ++m)
          ref(i, m) += std::max(hidden[j], 0.0) * W2(j, m);
    }
    examples::check("kernel == C++ double loops", Y, ref, 1e-4);
  });
}
