//===- DslVmapTest.cpp - vmap's defining property, jit's cache and IR -----===//
//
// The property `vmap(f)(X)[i] == f(X[i])`, checked through jit for a corpus of
// functions: the batched kernel (after the batching pass) must agree with
// the single-example kernel run on each slice. Also: nested vmaps, out_axes,
// unmapped arguments and results, closures over enclosing symbolic arrays,
// the compile cache (counted), concurrency, and the IR jit exposes.
//
//===----------------------------------------------------------------------===//

#include "DslTestUtil.h"

#include <atomic>
#include <cstdlib>
#include <optional>
#include <thread>

using namespace vmapc;
using namespace vmapc::test;

namespace {

/// Stacks per-example arrays along `axis` (numpy.stack).
template <typename T>
Array<T> stack(const std::vector<Array<T>> &parts, int64_t axis) {
  Shape s = parts.at(0).shape();
  s.insert(s.begin() + axis, static_cast<int64_t>(parts.size()));
  Array<T> r(s);
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= s[d];
  for (size_t d = axis + 1; d < s.size(); ++d)
    inner *= s[d];
  int64_t n = parts.size();
  for (int64_t p = 0; p < n; ++p)
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t j = 0; j < inner; ++j)
        r.data()[(o * n + p) * inner + j] = parts[p].data()[o * inner + j];
  return r;
}

template <typename T>
Array<T> sliceIfMapped(const Array<T> &a, std::optional<int64_t> axis,
                       int64_t i) {
  if (!axis)
    return a;
  int64_t ax = *axis < 0 ? *axis + a.ndim() : *axis;
  return take(a, ax, i);
}

/// single(args sliced at i along their in_axes...).
template <typename S, size_t... I, typename... T>
auto callSliced(const S &single,
                const std::vector<std::optional<int64_t>> &axes, int64_t i,
                std::index_sequence<I...>, const Array<T> &...args) {
  return single(sliceIfMapped(args, axes[I], i)...);
}

/// Checks vmap(f, in, out)(args...) == stack_i f(args sliced at i...) for a
/// function with one result, with `axes` the in_axes (nullopt for none).
template <typename F, typename... T>
void checkVmap(F f, std::vector<std::optional<int64_t>> axes, int64_t outAxis,
               int64_t batch, const Array<T> &...args) {
  ASSERT_EQ(axes.size(), sizeof...(T));
  detail::AxisSpec spec{axes, false};
  auto batched = jit(vmap(f, InAxes(spec), outAxis));
  auto single = jit(f);
  auto got = batched(args...);
  using R = typename std::decay_t<decltype(got)>::value_type;
  std::vector<Array<R>> parts;
  for (int64_t i = 0; i < batch; ++i)
    parts.push_back(
        callSliced(single, axes, i, std::index_sequence_for<T...>(), args...));
  int64_t rank = parts[0].ndim() + 1;
  Array<R> want = stack(parts, outAxis < 0 ? outAxis + rank : outAxis);
  // Batched and per-example kernels may associate sums differently.
  expectClose(got, Ref::of(want), 1e-5, "vmap(f)(X) vs f(X[i])");
}

TEST(DslVmap, Elementwise) {
  checkVmap([](auto x) { return sin(x) * 2 + x; }, {0}, 0, 4,
            randomArray<float>({4, 5}, 1));
}

TEST(DslVmap, MatrixVectorWithUnmappedWeights) {
  checkVmap([](auto x, auto W) { return tanh(dot(x, W)); }, {0, std::nullopt},
            0, 6, randomArray<float>({6, 5}, 2), randomArray<float>({5, 3}, 3));
}

TEST(DslVmap, MappedAlongAxisOne) {
  checkVmap([](auto x, auto W) { return dot(W, x); }, {1, std::nullopt}, 0, 4,
            randomArray<float>({5, 4}, 4), randomArray<float>({3, 5}, 5));
}

TEST(DslVmap, NegativeAxesAndRankZeroResults) {
  checkVmap([](auto x, auto y) { return sum(maximum(x, y)); }, {-1, 0}, 0, 3,
            randomArray<float>({5, 3}, 6), randomArray<float>({3, 5}, 7));
}

TEST(DslVmap, OutAxes) {
  checkVmap([](auto x) { return x.transpose(); }, {1}, -1, 3,
            randomArray<double>({2, 3, 4}, 8));
  checkVmap([](auto x, auto y) { return x + y; }, {0, 0}, 1, 5,
            randomArray<double>({5, 2}, 9), randomArray<double>({5, 2}, 10));
}

TEST(DslVmap, Softmax) {
  checkVmap(
      [](auto x) {
        auto e = exp(x - max(x));
        return e / sum(e);
      },
      {0}, 0, 7, randomArray<float>({7, 10}, 11, -3, 3));
}

TEST(DslVmap, WhereWithUnmappedThreshold) {
  Array<float> t({}, {0.25f});
  checkVmap([](auto x, auto th) { return where(x > th, x, 0); },
            {0, std::nullopt}, 0, 4, randomArray<float>({4, 6}, 12), t);
}

TEST(DslVmap, BatchedMatmulBothMapped) {
  checkVmap([](auto A, auto B) { return matmul(A, B); }, {0, 2}, 0, 3,
            randomArray<double>({3, 4, 5}, 13),
            randomArray<double>({5, 2, 3}, 14));
}

TEST(DslVmap, KeepdimsAndSlicesAndConcat) {
  checkVmap([](auto x) { return x - mean(x, 0, true); }, {0}, 0, 3,
            randomArray<float>({3, 4, 2}, 15));
  checkVmap(
      [](auto x) {
        return concat({slice_axis(x, 0, 1, 3), slice_axis(x, 0, 0, 1)}, 0);
      },
      {-1}, 0, 2, randomArray<float>({4, 2}, 16));
}

TEST(DslVmap, IntegerFunctions) {
  checkVmap([](auto x, auto y) { return x * y + abs(x); }, {0, std::nullopt}, 0,
            5, randomArray<int32_t>({5, 3}, 17, -9, 9),
            randomArray<int32_t>({3}, 18, -9, 9));
}

TEST(DslVmap, DefaultAxesMapEverything) {
  Array<float> x = randomArray<float>({3, 4}, 19);
  Array<float> y = randomArray<float>({3, 4}, 20);
  Array<float> r = jit(vmap([](auto a, auto b) { return dot(a, b); }))(x, y);
  ASSERT_EQ(r.shape(), (Shape{3}));
  for (int i = 0; i < 3; ++i) {
    double s = 0;
    for (int j = 0; j < 4; ++j)
      s += double(x(i, j)) * y(i, j);
    EXPECT_NEAR(r(i), s, 1e-5);
  }
  // A bare int applies to every argument.
  Array<float> r1 =
      jit(vmap([](auto a, auto b) { return dot(a, b); }, 1))(x, y);
  ASSERT_EQ(r1.shape(), (Shape{4}));
  for (int j = 0; j < 4; ++j) {
    double s = 0;
    for (int i = 0; i < 3; ++i)
      s += double(x(i, j)) * y(i, j);
    EXPECT_NEAR(r1(j), s, 1e-5);
  }
}

TEST(DslVmap, NestedVmapOverAMatrix) {
  // vmap(vmap(f)) on a 3x5 matrix applies the scalar f to every element.
  auto f = [](auto x) { return x * x + 1; };
  Array<float> m = randomArray<float>({3, 5}, 21);
  Array<float> r = jit(vmap(vmap(f)))(m);
  ASSERT_EQ(r.shape(), (Shape{3, 5}));
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 5; ++j)
      EXPECT_FLOAT_EQ(r(i, j), m(i, j) * m(i, j) + 1);
  // Inner over columns, outer over rows, out_axes swapping them.
  Array<float> t =
      jit(vmap(vmap([](auto x, auto y) { return x - y; }, in_axes(0, none)),
               in_axes(none, 0), 1))(randomArray<float>({4}, 22),
                                     randomArray<float>({3}, 23));
  ASSERT_EQ(t.shape(), (Shape{4, 3}));
  Array<float> a = randomArray<float>({4}, 22), b = randomArray<float>({3}, 23);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_FLOAT_EQ(t(i, j), a(i) - b(j));
}

TEST(DslVmap, ThreeLevelsDeep) {
  auto f = [](auto x, auto w) { return tanh(x * w); };
  auto g =
      vmap(vmap(vmap(f, in_axes(0, none)), in_axes(0, none)), in_axes(0, none));
  Array<double> x = randomArray<double>({2, 3, 4}, 24);
  Array<double> w({}, {0.5});
  Array<double> r = jit(g)(x, w);
  ASSERT_EQ(r.shape(), (Shape{2, 3, 4}));
  for (int64_t i = 0; i < 24; ++i)
    EXPECT_NEAR(r.data()[i], std::tanh(x.data()[i] * 0.5), 1e-12);
}

TEST(DslVmap, UnmappedResultsAndTuples) {
  auto f = [](auto x, auto w) { return std::make_tuple(x * w, w * 2); };
  Array<float> x = randomArray<float>({4, 3}, 25);
  Array<float> w = randomArray<float>({3}, 26);
  auto [xw, w2] = jit(vmap(f, in_axes(0, none), out_axes(1, none)))(x, w);
  ASSERT_EQ(xw.shape(), (Shape{3, 4}));
  ASSERT_EQ(w2.shape(), (Shape{3}));
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_FLOAT_EQ(xw(j, i), x(i, j) * w(j));
  for (int j = 0; j < 3; ++j)
    EXPECT_FLOAT_EQ(w2(j), w(j) * 2);
}

TEST(DslVmap, AxisSizeWithNothingMapped) {
  Array<float> w = randomArray<float>({3}, 27);
  Array<float> r = jit(vmap([](auto v) { return v * 3; }, none, 0, 5))(w);
  ASSERT_EQ(r.shape(), (Shape{5, 3}));
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_FLOAT_EQ(r(i, j), w(j) * 3);
}

TEST(DslVmap, ClosureOverEnclosingSymbolicArrays) {
  // The inner function uses `b` and `s` of the enclosing trace without
  // taking them as arguments; vmap passes them whole (unmapped).
  auto g = [](auto X, auto b) {
    auto s = sum(b);
    return vmap([&](auto row) { return row * s + b; })(X);
  };
  Array<float> X = randomArray<float>({4, 3}, 28);
  Array<float> b = randomArray<float>({3}, 29);
  Array<float> r = jit(g)(X, b);
  double s = double(b(0)) + b(1) + b(2);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_NEAR(r(i, j), X(i, j) * s + b(j), 1e-5);
  // Once more inside an outer vmap: the captured arrays are themselves
  // batched there.
  checkVmap(g, {0, 0}, 0, 2, randomArray<float>({2, 4, 3}, 30),
            randomArray<float>({2, 3}, 31));
}

TEST(DslVmap, VmapOfJitAndEagerVmap) {
  // jit inside a trace is inlined; vmap called on concrete arrays compiles.
  auto f = jit([](auto x) { return exp(x); });
  Array<double> x = randomArray<double>({3, 2}, 32);
  Array<double> r = vmap(f)(x);
  for (int64_t i = 0; i < 6; ++i)
    EXPECT_NEAR(r.data()[i], std::exp(x.data()[i]), 1e-12);
}

//===----------------------------------------------------------------------===//
// The compile cache
//===----------------------------------------------------------------------===//

TEST(DslJit, CompilesOncePerShapeAndDType) {
  auto k = jit(
      vmap([](auto x, auto w) { return relu(dot(x, w)); }, in_axes(0, none)));
  Array<float> x = randomArray<float>({8, 4}, 33);
  Array<float> w = randomArray<float>({4, 2}, 34);
  size_t before = compile_count();
  Array<float> r1 = k(x, w);
  EXPECT_EQ(compile_count(), before + 1);
  Array<float> r2 = k(x, w);
  Array<float> r3 = k(randomArray<float>({8, 4}, 35), w);
  EXPECT_EQ(compile_count(), before + 1) << "same shapes must not recompile";
  EXPECT_EQ(k.cache_size(), 1u);
  for (int64_t i = 0; i < r1.size(); ++i)
    EXPECT_EQ(r1.data()[i], r2.data()[i]);
  k(randomArray<float>({16, 4}, 36), w); // new batch size
  EXPECT_EQ(compile_count(), before + 2);
  k(randomArray<double>({8, 4}, 37), randomArray<double>({4, 2}, 38));
  EXPECT_EQ(compile_count(), before + 3) << "a new dtype compiles";
  EXPECT_EQ(k.cache_size(), 3u);
  // Copies of a jitted function share its cache.
  auto k2 = k;
  k2(x, w);
  EXPECT_EQ(compile_count(), before + 3);
  // lower() reuses the cache too.
  Compiled c = k.lower(x, w);
  EXPECT_EQ(compile_count(), before + 3);
  EXPECT_EQ(c.inputs().size(), 2u);
  EXPECT_EQ(c.outputs().at(0).shape, (Shape{8, 2}));
}

TEST(DslJit, ConcurrentFirstCallsCompileOnce) {
  auto k = jit([](auto x) { return tanh(x) * 3; });
  Array<float> x = randomArray<float>({64}, 39);
  size_t before = compile_count();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t)
    threads.emplace_back([&] {
      for (int rep = 0; rep < 20; ++rep) {
        Array<float> r = k(x);
        for (int64_t i = 0; i < 64; ++i)
          if (std::fabs(r(i) - std::tanh(x(i)) * 3) > 1e-5)
            ++mismatches;
      }
    });
  for (auto &t : threads)
    t.join();
  EXPECT_EQ(compile_count(), before + 1);
  EXPECT_EQ(mismatches.load(), 0);
}

//===----------------------------------------------------------------------===//
// Seeing what was compiled
//===----------------------------------------------------------------------===//

TEST(DslJit, LowerShowsVmapcAndFinalIR) {
  auto k =
      jit(vmap([](auto x, auto w) { return dot(x, w) + 1; }, in_axes(0, none)));
  Compiled c =
      k.lower(randomArray<float>({8, 4}, 40), randomArray<float>({4, 2}, 41));
  const std::string &ir = c.vmapc_ir();
  EXPECT_NE(ir.find("vmapc.vmap @vmapped_0"), std::string::npos) << ir;
  EXPECT_NE(ir.find("in_axes [0, none]"), std::string::npos) << ir;
  EXPECT_NE(ir.find("func.func private @vmapped_0(%arg0: tensor<4xf32>, "
                    "%arg1: tensor<4x2xf32>) -> tensor<2xf32>"),
            std::string::npos)
      << ir;
  // The scalar 1 became a rank-0 constant broadcast to the result shape.
  EXPECT_NE(ir.find("vmapc.constant dense<1.000000e+00> : tensor<f32>"),
            std::string::npos)
      << ir;
  EXPECT_NE(ir.find("vmapc.broadcast_in_dim"), std::string::npos) << ir;
  const std::string &fin = c.final_ir();
  EXPECT_NE(fin.find("llvm.func"), std::string::npos);
  // No vmapc op is left (attributes such as vmapc.io_type may remain).
  EXPECT_EQ(fin.find("= vmapc."), std::string::npos)
      << "the final IR must be fully lowered";
}

TEST(DslJit, DumpIREnvironmentVariable) {
  ::setenv("VMAPC_DUMP_IR", "1", 1);
  ::testing::internal::CaptureStderr();
  jit([](auto x) { return x * 7; })(randomArray<float>({3}, 42));
  std::string err = ::testing::internal::GetCapturedStderr();
  ::unsetenv("VMAPC_DUMP_IR");
  EXPECT_NE(err.find("vmapc.mul"), std::string::npos) << err;
  EXPECT_NE(err.find("llvm.func"), std::string::npos) << err;
}

} // namespace
