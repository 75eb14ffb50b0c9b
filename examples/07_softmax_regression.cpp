//===- 07_softmax_regression.cpp - Softmax regression
//-----------------------===//
//
// JAX:  def predict(x, W, b):               # one example x: [d]
//           logits = x @ W + b
//           e = jnp.exp(logits - logits.max())
//           return e / e.sum()
//       def loss(x, y, W, b):               # y: one-hot [k]
//           return -jnp.sum(y * jnp.log(predict(x, W, b)))
//       jax.vmap(loss, in_axes=(0, 0, None, None))
//
// The vmapped single-example forms (class probabilities and the
// cross-entropy) must equal the vectorized ones, which need keepdims.
//
//===----------------------------------------------------------------------===//

#include "common.h"

namespace vx = vmapc;
using examples::check;

int main() {
  return examples::run([] {
    std::printf("07 softmax regression: vmapped vs vectorized\n");
    auto predict = [](auto x, auto W, auto b) {
      auto logits = x.dot(W) + b;
      auto e = vx::exp(logits - vx::max(logits));
      return e / vx::sum(e);
    };
    auto loss = [predict](auto x, auto y, auto W, auto b) {
      return -vx::sum(y * vx::log(predict(x, W, b)));
    };
    auto predictBatch = [](auto X, auto W, auto b) {
      auto logits = X.dot(W) + b; // [n, k]
      auto e = vx::exp(logits - vx::max(logits, -1, true));
      return e / vx::sum(e, -1, true);
    };
    auto lossBatch = [predictBatch](auto X, auto Y, auto W, auto b) {
      return -vx::sum(Y * vx::log(predictBatch(X, W, b)), -1);
    };

    auto vPredict =
        vx::jit(vx::vmap(predict, vx::in_axes(0, vx::none, vx::none)));
    auto vLoss = vx::jit(vx::vmap(loss, vx::in_axes(0, 0, vx::none, vx::none)));
    auto bPredict = vx::jit(predictBatch);
    auto bLoss = vx::jit(lossBatch);
    auto single = vx::jit(loss);

    const int64_t d = 64, k = 10;
    vx::Array<float> W = examples::randn<float>({d, k}, 21, 0.3);
    vx::Array<float> b = examples::randn<float>({k}, 22, 0.1);
    for (int64_t n : {4, 20000}) {
      vx::Array<float> X = examples::randn<float>({n, d}, 23 + n);
      vx::Array<float> Y({n, k});
      for (int64_t i = 0; i < n; ++i)
        Y(i, (i * 7) % k) = 1;
      std::string tag = " (n = " + std::to_string(n) + ")";
      vx::Array<float> p = vPredict(X, W, b);
      check("vmapped probabilities == vectorized" + tag, p, bPredict(X, W, b),
            1e-6);
      vx::Array<float> l = vLoss(X, Y, W, b);
      check("vmapped loss == vectorized" + tag, l, bLoss(X, Y, W, b), 1e-5);
      // Rows of probabilities sum to one.
      vx::Array<float> rowSums({n}), ones({n});
      for (int64_t i = 0; i < n; ++i) {
        for (int64_t c = 0; c < k; ++c)
          rowSums(i) += p(i, c);
        ones(i) = 1;
      }
      check("probabilities sum to 1" + tag, rowSums, ones, 1e-5);
      if (n == 4)
        std::printf("  losses of 4 examples: %.5f %.5f %.5f %.5f\n", l(0), l(1),
                    l(2), l(3));
      else {
        vx::Array<float> looped({n});
        auto loop = [&] {
          for (int64_t i = 0; i < n; ++i)
            looped(i) = single(X.row(i), Y.row(i), W, b)();
        };
        loop();
        check("vmapped loss == per-example loop" + tag, l, looped, 1e-5);
        examples::printTiming("n = 20000, d = 64, k = 10",
                              examples::timeMs([&] { vLoss(X, Y, W, b); }),
                              examples::timeMs(loop, 2));
      }
    }
  });
}
