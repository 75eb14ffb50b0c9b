//===- DslChunkTest.cpp - vmap's chunk_size and parallel, jit's threads ---===//
//
// A chunked or parallel vmap must give the same bits as the plain serial
// kernel (its lanes never interact), on every seed workload, for batch sizes
// that are and are not multiples of the chunk. jit of a chunked vmap compiles
// one kernel for the per-example shapes, so new batch sizes never recompile.
// Expected values of the first workload also come from float64 loops, so
// that "equal to the serial kernel" cannot hide a wrong serial kernel.
//
//===----------------------------------------------------------------------===//

#include "DslTestUtil.h"

#include <cstring>
#include <tuple>

using namespace vmapc;
using namespace vmapc::test;
using E = Expr<float>;

namespace {

template <typename T>
void expectBitIdentical(const Array<T> &a, const Array<T> &b,
                        const std::string &what) {
  ASSERT_EQ(a.shape(), b.shape()) << what;
  EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(T)), 0)
      << what << ": results differ in their bits";
}

/// The three ways of running one vmap: serial whole batch, serial chunks of
/// 7 (never a multiple of the batch sizes used), parallel chunks of 16 on 2
/// threads. Returns the results of each on `args`.
template <typename F, typename... A>
auto threeWays(F f, InAxes in, OutAxes out, const A &...args) {
  auto plain = jit(vmap(f, in, out));
  auto chunked = jit(vmap(f, in, out, chunk_size(7)));
  auto par = jit(vmap(f, in, out, chunk_size(16), parallel), threads(2));
  return std::make_tuple(plain(args...), chunked(args...), par(args...));
}

template <typename T>
void expectSame3(const std::tuple<Array<T>, Array<T>, Array<T>> &r,
                 const std::string &what) {
  expectBitIdentical(std::get<0>(r), std::get<1>(r), what + ", chunk_size 7");
  expectBitIdentical(std::get<0>(r), std::get<2>(r), what + ", parallel");
}

// W1: NN inference, x [d] -> relu(x W1) W2.
TEST(DslChunk, NNBitIdenticalAndMatchesLoops) {
  const int64_t n = 101, d = 48, h = 32;
  Array<float> x = randomArray<float>({n, d}, 1),
               w1 = randomArray<float>({d, h}, 2),
               w2 = randomArray<float>({h}, 3);
  auto r = threeWays(nnExample, in_axes(0, none, none), 0, x, w1, w2);
  expectSame3(r, "W1 nn");
  for (int64_t i = 0; i < n; ++i) {
    double y = nnReference(x, w1, w2, i);
    EXPECT_NEAR(std::get<2>(r)(i), y, 1e-4 * (1 + std::abs(y))) << "lane " << i;
  }
}

// W2: Gaussian pdf with k = 16.
TEST(DslChunk, GaussianBitIdentical) {
  const int64_t n = 77, k = 16;
  Array<float> x = randomArray<float>({n, k}, 4),
               mu = randomArray<float>({k}, 5),
               prec = randomArray<float>({k, k}, 6, 0.0, 0.1),
               det = randomArray<float>({}, 7, 0.5, 1.0);
  auto pdf = [](E x, E mu, E prec, E det) {
    E d = x - mu;
    E q = (d * dot(prec, d)).sum();
    return exp(q * -0.5f) * rsqrt(det * 6.2831853f);
  };
  expectSame3(threeWays(pdf, in_axes(0, none, none, none), 0, x, mu, prec, det),
              "W2 gauss");
}

// W3: softmax regression.
TEST(DslChunk, SoftmaxBitIdentical) {
  const int64_t n = 50, d = 40, c = 10;
  Array<float> x = randomArray<float>({n, d}, 8),
               wt = randomArray<float>({d, c}, 9),
               b = randomArray<float>({c}, 10);
  auto sm = [](E x, E wt, E b) {
    E z = dot(x, wt) + b;
    E e = exp(z - max(z, 0, true));
    return e / sum(e, 0, true);
  };
  expectSame3(threeWays(sm, in_axes(0, none, none), 0, x, wt, b), "W3 softmax");
}

// W4: the scalar add, mapped on every argument.
TEST(DslChunk, ScalarAddBitIdentical) {
  Array<float> x = randomArray<float>({1001}, 11);
  expectSame3(threeWays([](E x) { return x + 1.0f; }, 0, 0, x), "W4 add");
}

// W5: Lotka-Volterra, a fori_loop with a tuple carry in every lane.
TEST(DslChunk, LotkaVolterraBitIdentical) {
  const int64_t n = 45;
  Array<float> x0 = randomArray<float>({n}, 12, 8, 12),
               y0 = randomArray<float>({n}, 13, 4, 6),
               a = randomArray<float>({n}, 14, 1.0, 1.2);
  expectSame3(threeWays(lotkaVolterraExample, 0, 0, x0, y0, a),
              "W5 Lotka-Volterra");
}

// W6: a LIF network, scan with a bool output stacked over time.
TEST(DslChunk, LifBitIdentical) {
  const int64_t runs = 19, n = 16, steps = 30;
  Array<float> w = randomArray<float>({n, n}, 15, -0.1, 0.1),
               iext = randomArray<float>({runs, n}, 16, 14, 29);
  auto sim = [](E W, E iext) {
    E v0 = broadcast_to(constant<float>(0.0f), {16});
    auto [V, spikes] = scan(
        [&](const E &V, None) {
          Expr<bool> fired = V >= 15.0f;
          E v = where(fired, 0.0f, V);
          E current = dot(W, astype<float>(fired)) + iext;
          v = v + 0.05f * (-v + current);
          return std::make_pair(where(fired, 0.0f, v), fired);
        },
        v0, none, steps);
    return V + sum(astype<float>(spikes), 0);
  };
  expectSame3(threeWays(sim, in_axes(none, 0), 0, w, iext), "W6 LIF");
}

// W7: the GMM E-step log-likelihood.
TEST(DslChunk, GmmBitIdentical) {
  const int64_t n = 63, k = 4, d = 8;
  Array<float> x = randomArray<float>({n, d}, 17),
               mu = randomArray<float>({k, d}, 18),
               prec = randomArray<float>({k, d}, 19, 0.5, 2.0),
               logw = randomArray<float>({k}, 20, -2, -1);
  auto ll = [](E x, E mu, E prec, E logw) {
    E c = logw + sum(log(prec), 1) * 0.5f;
    E dd = x - mu;
    E l = c - sum(dd * dd * prec, 1) * 0.5f;
    E m = l.max();
    return m + log(exp(l - m).sum());
  };
  expectSame3(threeWays(ll, in_axes(0, none, none, none), 0, x, mu, prec, logw),
              "W7 gmm");
}

// One kernel for every batch size: the cache keys on per-example shapes.
TEST(DslChunk, DynamicBatchCompilesOnce) {
  auto f = [](E x, E w) { return sum(tanh(x * w)); };
  auto k = jit(vmap(f, in_axes(0, none), 0, chunk_size(64)));
  Array<float> w = randomArray<float>({8}, 21);
  size_t before = compile_count();
  for (int64_t n : {1, 7, 1000, 65537, 0}) {
    Array<float> x = randomArray<float>({n, 8}, 22 + n);
    Array<float> y = k(x, w);
    ASSERT_EQ(y.shape(), Shape{n});
    for (int64_t i = 0; i < n; ++i) {
      double s = 0;
      for (int64_t j = 0; j < 8; ++j)
        s += std::tanh(double(x(i, j)) * w(j));
      ASSERT_NEAR(y(i), s, 1e-5) << "n = " << n << ", lane " << i;
    }
  }
  EXPECT_EQ(compile_count() - before, 1u);
  EXPECT_EQ(k.cache_size(), 1u);
  // A new per-example shape is a new kernel.
  k(randomArray<float>({5, 3}, 30), randomArray<float>({3}, 31));
  EXPECT_EQ(k.cache_size(), 2u);
}

TEST(DslChunk, IRCarriesTheOptions) {
  auto f = [](E x, E w) { return x * w; };
  Array<float> x({10, 4}), w({4});
  Compiled c =
      jit(vmap(f, in_axes(0, none), 0, chunk_size(4), parallel), threads(2))
          .lower(x, w);
  EXPECT_NE(c.vmapc_ir().find("tensor<?x4xf32>"), std::string::npos)
      << c.vmapc_ir();
  EXPECT_NE(c.vmapc_ir().find("chunk_size = 4 parallel"), std::string::npos)
      << c.vmapc_ir();
  EXPECT_NE(c.final_ir().find("omp.parallel"), std::string::npos);
  ASSERT_EQ(c.inputs().at(0).shape, (Shape{-1, 4}));
  // Serial chunks need no OpenMP.
  Compiled s = jit(vmap(f, in_axes(0, none), 0, chunk_size(4))).lower(x, w);
  EXPECT_EQ(s.final_ir().find("omp."), std::string::npos);
  // parallel alone picks a chunk.
  Compiled p = jit(vmap(f, in_axes(0, none), parallel)).lower(x, w);
  EXPECT_NE(p.vmapc_ir().find("chunk_size = 256 parallel"), std::string::npos)
      << p.vmapc_ir();
}

// A result with out_axes none that depends on nothing mapped is computed
// once, whatever the chunking.
TEST(DslChunk, UnmappedResultOfChunkedVmap) {
  auto f = [](E x, E w) { return std::make_tuple(x * w, w * 2.0f); };
  auto k = jit(vmap(f, in_axes(0, none), out_axes(0, none), chunk_size(3)));
  Array<float> x = randomArray<float>({10, 2}, 40), w({2}, {1.5f, -2.0f});
  auto [y, w2] = k(x, w);
  ASSERT_EQ(w2.shape(), Shape{2});
  EXPECT_EQ(w2(0), 3.0f);
  EXPECT_EQ(w2(1), -4.0f);
  for (int64_t i = 0; i < 10; ++i)
    EXPECT_EQ(y(i, 1), x(i, 1) * -2.0f);
}

TEST(DslChunk, Errors) {
  auto f = [](E x) { return x * 2.0f; };
  Array<float> x({6, 2});
  expectError([&] { jit(vmap(f, 0, 0, chunk_size(0)))(x); },
              {"vmap", "chunk_size must be positive", "0"});
  expectError([&] { jit(vmap(f, 0, 0, chunk_size(-3)))(x); },
              {"vmap", "chunk_size must be positive", "-3"});
  expectError([&] { jit(vmap(f), threads(0)); }, {"jit", "threads", "got 0"});
  expectError([&] { jit(vmap(f), threads(-2)); }, {"jit", "threads", "got -2"});
  // Mapped axes that disagree are found at run time when the batch is
  // dynamic.
  auto g = [](E a, E b) { return a + b; };
  auto k = jit(vmap(g, 0, 0, chunk_size(4)));
  expectError(
      [&] {
        k(Array<float>({5, 2}), Array<float>({6, 2}));
      },
      {"batch size", "5", "6"});
  // Per-example shapes still checked at trace time.
  expectError(
      [&] {
        k(Array<float>({5, 2}), Array<float>({5, 3}));
      },
      {"add", "f32[2]", "f32[3]"});
}

} // namespace
