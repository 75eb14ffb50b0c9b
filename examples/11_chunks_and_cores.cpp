//===- 11_chunks_and_cores.cpp - chunk_size, parallel, any batch size -----===//
//
// The README's chunk example, checked: the NN layer vmapped in chunks of
// 1024 on 2 threads, one kernel for every batch size (compiled once), the
// results equal bit for bit to the plain vmapped kernel and close to C++
// double loops, and the two timings side by side.
//
//===----------------------------------------------------------------------===//

#include "common.h"

#include <cstring>

namespace vx = vmapc;

int main() {
  return examples::run([] {
    std::printf("11 chunks and cores: chunk_size, parallel, threads\n");
    auto step = [](auto x, auto W1, auto W2) {
      return vx::dot(vx::relu(vx::dot(x, W1)), W2);
    };
    auto axes = vx::in_axes(0, vx::none, vx::none);
    auto kernel = vx::jit(vx::vmap(step, axes, vx::out_axes(0),
                                   vx::chunk_size(1024), vx::parallel),
                          vx::threads(2));
    auto plain = vx::jit(vx::vmap(step, axes));

    const int64_t d = 64, h = 256, o = 10;
    vx::Array<float> W1 = examples::randn<float>({d, h}, 2, 0.1);
    vx::Array<float> W2 = examples::randn<float>({h, o}, 3, 0.1);
    size_t before = vx::compile_count();
    for (int64_t n : {1, 7, 1000, 65537}) {
      vx::Array<float> X = examples::randn<float>({n, d}, unsigned(n));
      vx::Array<float> Y = kernel(X, W1, W2);
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
      examples::check("N = " + std::to_string(n) + ": == C++ double loops", Y,
                      ref, 1e-4);
      if (n == 65537) {
        vx::Array<float> P = plain(X, W1, W2);
        bool same =
            std::memcmp(P.data(), Y.data(), P.size() * sizeof(float)) == 0;
        std::printf("  [%s] N = %lld: bit-identical to the unchunked serial "
                    "kernel\n",
                    same ? "PASS" : "FAIL", static_cast<long long>(n));
        examples::failures += !same;
        double tPar = examples::timeMs([&] { kernel(X, W1, W2); });
        double tPlain = examples::timeMs([&] { plain(X, W1, W2); });
        // (An odd batch is where chunks also help one thread: the batched
        // function is compiled for exactly 1024 lanes, with no ragged edge.)
        std::printf("  time N = 65537: chunks on 2 threads %.3f ms, plain "
                    "vmapped %.3f ms\n",
                    tPar, tPlain);
      }
    }
    // The chunked kernel once for all four batch sizes, the plain one once.
    size_t compiled = vx::compile_count() - before;
    std::printf(
        "  [%s] kernels compiled: %zu (1 chunked for every N, 1 plain)\n",
        compiled == 2 ? "PASS" : "FAIL", compiled);
    examples::failures += compiled != 2;
  });
}
