//===- 05_nn_inference.cpp - Batched neural-network inference
//--------------===//
//
// JAX:  def forward(x, W1, W2):            # one example x: [784]
//           return jnp.dot(jax.nn.relu(jnp.dot(x, W1)), W2)
//       batched = jax.vmap(forward, in_axes=(0, None, None))
//
// The vmapped single-example function must equal the hand-vectorized one
// (X: [batch, 784]); the batching pass turns `dot(x, W1)` with W1 unmapped
// into one matrix product over the batch.
//
//===----------------------------------------------------------------------===//

#include "common.h"

namespace vx = vmapc;
using examples::check;

int main() {
  return examples::run([] {
    std::printf("05 batched NN inference: relu(x W1) W2\n");
    auto forward = [](auto x, auto W1, auto W2) {
      return vx::relu(x.dot(W1)).dot(W2);
    };
    auto batched =
        vx::jit(vx::vmap(forward, vx::in_axes(0, vx::none, vx::none)));
    // Written for a batch by hand: the same code happens to work on matrices.
    auto vectorized = vx::jit(forward);
    auto single = vx::jit(forward);

    const int64_t din = 784, dhidden = 512, dout = 10;
    vx::Array<float> W1 = examples::randn<float>({din, dhidden}, 1, 0.05);
    vx::Array<float> W2 = examples::randn<float>({dhidden, dout}, 2, 0.05);

    vx::Array<float> X = examples::randn<float>({8, din}, 3);
    vx::Array<float> yb = batched(X, W1, W2);
    vx::Array<float> yv = vectorized(X, W1, W2);
    std::printf("  batch of 8: output shape %s\n",
                vx::shapeToString(yb.shape()).c_str());
    check("vmapped == vectorized (batch 8)", yb, yv, 1e-4);
    // And both against plain C++ in double.
    vx::Array<double> ref({8, dout});
    for (int64_t b = 0; b < 8; ++b) {
      std::vector<double> h(dhidden, 0.0);
      for (int64_t k = 0; k < din; ++k)
        for (int64_t j = 0; j < dhidden; ++j)
          h[j] += double(X(b, k)) * W1(k, j);
      for (int64_t j = 0; j < dhidden; ++j)
        for (int64_t o = 0; o < dout; ++o)
          ref(b, o) += std::max(h[j], 0.0) * W2(j, o);
    }
    check("vmapped == C++ double loops", yb, ref, 1e-4);

    const int64_t n = 4096;
    vx::Array<float> big = examples::randn<float>({n, din}, 4);
    vx::Array<float> looped({n, dout});
    auto loop = [&] {
      for (int64_t i = 0; i < n; ++i) {
        vx::Array<float> y = single(big.row(i), W1, W2);
        std::copy(y.begin(), y.end(), looped.data() + i * dout);
      }
    };
    vx::Array<float> yBig = batched(big, W1, W2);
    loop();
    check("vmapped == per-example loop (batch 4096)", yBig, looped, 1e-4);
    check("vmapped == vectorized (batch 4096)", yBig, vectorized(big, W1, W2),
          1e-4);
    double tv = examples::timeMs([&] { batched(big, W1, W2); });
    examples::printTiming("batch 4096, 784-512-10", tv,
                          examples::timeMs(loop, 3));
    std::printf("  vmapped kernel: %.1f GFLOP/s\n",
                2.0 * n * (din * dhidden + dhidden * dout) / (tv * 1e6));
  });
}
