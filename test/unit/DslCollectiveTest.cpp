//===- DslCollectiveTest.cpp - psum, pmean, pmax, all_gather, pmap --------===//
//
// The collectives over a named axis, traced from the DSL and compiled, give
// what float64 loops over the batch give: under a vmap with that
// axis_name they reduce (or gather) over the vmap's examples, also from
// inside a nested vmap over another axis. pmap in one process is that vmap,
// bit for bit. Naming no enclosing axis is a vmapc::Error at trace time.
// (Across ranks: test/Integration/pmap.mlir and examples/13_pmap under
// mpirun.)
//
//===----------------------------------------------------------------------===//

#include "DslTestUtil.h"

#include <cstring>
#include <tuple>

using namespace vmapc;
using namespace vmapc::test;
using E = Expr<float>;

namespace {

// x - pmean(x), psum, pmax and all_gather of one function, N = 9 rows of 4.
TEST(DslCollective, VmapReducesOverItsAxis) {
  const int64_t n = 9, d = 4;
  Array<float> x = randomArray<float>({n, d}, 1, -2, 2);
  auto f = [](E v) {
    return std::make_tuple(v - pmean(v, "i"), psum(v * v, "i"), pmax(v, "i"),
                           all_gather(v, "i"));
  };
  auto k =
      jit(vmap(f, in_axes(0), out_axes(0, none, none, none), axis_name("i")));
  auto [centered, squares, maxima, gathered] = k(x);
  ASSERT_EQ(centered.shape(), (Shape{n, d}));
  ASSERT_EQ(squares.shape(), (Shape{d}));
  ASSERT_EQ(gathered.shape(), (Shape{n, d}));
  for (int64_t j = 0; j < d; ++j) {
    double sum = 0, sq = 0, mx = -1e30;
    for (int64_t i = 0; i < n; ++i) {
      sum += x(i, j);
      sq += double(x(i, j)) * x(i, j);
      mx = std::max(mx, double(x(i, j)));
    }
    EXPECT_NEAR(squares(j), sq, 1e-4 * sq);
    EXPECT_EQ(maxima(j), float(mx));
    for (int64_t i = 0; i < n; ++i) {
      EXPECT_NEAR(centered(i, j), x(i, j) - sum / n, 1e-5);
      EXPECT_EQ(gathered(i, j), x(i, j));
    }
  }
}

// Softmax over the batch: each example divided by the psum of all.
TEST(DslCollective, NormalizeOverTheBatch) {
  const int64_t n = 16;
  Array<float> x = randomArray<float>({n, 3}, 2);
  auto f = [](E v) {
    E e = exp(v);
    return e / psum(e, "batch");
  };
  Array<float> y = jit(vmap(f, 0, 0, axis_name("batch")))(x);
  for (int64_t j = 0; j < 3; ++j) {
    double total = 0;
    for (int64_t i = 0; i < n; ++i)
      total += std::exp(double(x(i, j)));
    for (int64_t i = 0; i < n; ++i)
      EXPECT_NEAR(y(i, j), std::exp(double(x(i, j))) / total, 1e-6);
  }
}

// psum over the outer axis from inside an inner vmap, and over the inner
// one: x [5, 3] -> for each (i, j): sum_i' x[i', j] + sum_j' x[i, j'].
TEST(DslCollective, NestedNamedAxes) {
  Array<float> x = randomArray<float>({5, 3}, 3);
  auto inner = [](E v) { return psum(v, "outer") + psum(v, "inner"); };
  auto outer = [&](E row) {
    return vmap(inner, 0, 0, axis_name("inner"))(row);
  };
  Array<float> y = jit(vmap(outer, 0, 0, axis_name("outer")))(x);
  for (int64_t i = 0; i < 5; ++i)
    for (int64_t j = 0; j < 3; ++j) {
      double col = 0, row = 0;
      for (int64_t a = 0; a < 5; ++a)
        col += x(a, j);
      for (int64_t b = 0; b < 3; ++b)
        row += x(i, b);
      EXPECT_NEAR(y(i, j), col + row, 1e-5) << i << ", " << j;
    }
}

// One process: pmap is the vmap with the same axis_name, bit for bit.
TEST(DslCollective, PmapOnOneRankIsVmap) {
  Array<float> x = randomArray<float>({12, 8}, 4),
               w = randomArray<float>({8, 5}, 5);
  auto f = [](E v, E m) {
    E y = tanh(dot(v, m));
    return std::make_tuple(y - pmean(y, "i"), psum(y, "i"));
  };
  auto p = jit(pmap(f, in_axes(0, none), out_axes(0, none), axis_name("i")));
  auto v = jit(vmap(f, in_axes(0, none), out_axes(0, none), axis_name("i")));
  auto [a, b] = p(x, w);
  auto [c, d] = v(x, w);
  EXPECT_EQ(std::memcmp(a.data(), c.data(), a.size() * 4), 0);
  EXPECT_EQ(std::memcmp(b.data(), d.data(), b.size() * 4), 0);
  EXPECT_EQ(process_index(), 0);
  EXPECT_EQ(process_count(), 1);
  EXPECT_NE(p.lower(x, w).vmapc_ir().find("vmapc.pmap"), std::string::npos);
}

TEST(DslCollective, Errors) {
  Array<float> x({4, 2});
  auto unknown = [](E v) { return psum(v, "j"); };
  expectError([&] { jit(vmap(unknown, 0, 0, axis_name("i")))(x); },
              {"psum: unknown axis_name 'j' (the enclosing vmap/pmap axes "
               "are: i)"});
  // A vmap without a name binds none.
  expectError([&] { jit(vmap(unknown))(x); },
              {"psum: unknown axis_name 'j' (no enclosing vmap or pmap has "
               "an axis_name"});
  // Outside every map.
  expectError([&] { jit([](E v) { return pmax(v, "i"); })(x); },
              {"pmax: unknown axis_name 'i'"});
  Array<int32_t> ints({4, 2});
  expectError(
      [&] {
        jit(vmap([](Expr<int32_t> v) { return pmean(v, "i"); }, 0, 0,
                 axis_name("i")))(ints);
      },
      {"pmean: needs a floating-point array"});
  expectError([&] { jit(vmap([](E v) { return v; }, 0, 0, axis_name("")))(x); },
              {"vmap: axis_name must not be empty"});
  // all_gather needs the axis size at trace time.
  expectError(
      [&] {
        jit(vmap([](E v) { return all_gather(v, "i"); }, 0, none, chunk_size(2),
                 axis_name("i")))(x);
      },
      {"all_gather: axis 'i' has a size known only at run time"});
}

// all_gather then dot: each example's dot products with every example,
// s[i, k] = <x_k, x_i>, and pmax of them, against float64 loops.
TEST(DslCollective, GatherThenDot) {
  const int64_t n = 7, d = 5;
  Array<double> x = randomArray<double>({n, d}, 6);
  using D = Expr<double>;
  auto f = [](D v) {
    D s = dot(all_gather(v, "i"), v); // [n]
    return std::make_tuple(s, pmax(s, "i"));
  };
  auto [s, m] = jit(vmap(f, in_axes(0), out_axes(0, none), axis_name("i")))(x);
  ASSERT_EQ(s.shape(), (Shape{n, n}));
  ASSERT_EQ(m.shape(), (Shape{n}));
  for (int64_t k = 0; k < n; ++k) {
    double mx = -1e300;
    for (int64_t i = 0; i < n; ++i) {
      double want = 0;
      for (int64_t j = 0; j < d; ++j)
        want += x(k, j) * x(i, j);
      EXPECT_NEAR(s(i, k), want, 1e-12) << i << ", " << k;
      mx = std::max(mx, want);
    }
    EXPECT_NEAR(m(k), mx, 1e-12) << k;
  }
}

// An inner vmap inside a pmap (one process) reducing over the pmap's axis
// and gathering over its own: x [4, 3] -> y[i, j] = sum_i' x[i', j] *
// max_j' x[i, j'].
TEST(DslCollective, VmapInsidePmap) {
  Array<float> x = randomArray<float>({4, 3}, 7);
  auto inner = [](E v) {
    return psum(v, "rows") * all_gather(v, "cols").max();
  };
  auto outer = [&](E row) { return vmap(inner, 0, 0, axis_name("cols"))(row); };
  Array<float> y = jit(pmap(outer, 0, 0, axis_name("rows")))(x);
  for (int64_t i = 0; i < 4; ++i)
    for (int64_t j = 0; j < 3; ++j) {
      double col = 0, mx = -1e30;
      for (int64_t a = 0; a < 4; ++a)
        col += x(a, j);
      for (int64_t b = 0; b < 3; ++b)
        mx = std::max(mx, double(x(i, b)));
      EXPECT_NEAR(y(i, j), col * mx, 1e-5) << i << ", " << j;
    }
}

// A chunked vmap runs a chunk of examples at a time, so a collective over
// its axis would see only the chunk: an error at trace time, not a wrong
// sum. A chunked vmap may still carry a name nothing uses.
TEST(DslCollective, ChunkedAxisCannotReduce) {
  Array<float> x = randomArray<float>({6, 2}, 8);
  auto centered = [](E v) { return v - pmean(v, "i"); };
  for (auto lanes : {0, 1})
    expectError(
        [&] {
          if (lanes)
            jit(vmap(centered, 0, 0, parallel, axis_name("i")))(x);
          else
            jit(vmap(centered, 0, 0, chunk_size(2), axis_name("i")))(x);
        },
        {"vmap: a collective over axis 'i' needs every example of the axis",
         "drop chunk_size/parallel"});
  // Inside jit the batch is static, and the check still applies.
  expectError(
      [&] {
        jit([&](E xs) {
          return vmap(centered, 0, 0, chunk_size(4), axis_name("i"))(xs);
        })(x);
      },
      {"a collective over axis 'i'"});
  Array<float> y = jit(
      vmap([](E v) { return v * 2; }, 0, 0, chunk_size(4), axis_name("i")))(x);
  for (int64_t i = 0; i < x.size(); ++i)
    EXPECT_EQ(y.data()[i], 2 * x.data()[i]);
}

TEST(DslCollective, PmapErrors) {
  Array<float> x({4, 2}), x3({2, 4, 2});
  auto sum = [](E v) { return psum(v, "i"); };
  // Inside a vmap, a pmap would have to be batched across ranks.
  expectError(
      [&] {
        jit(vmap([&](E xs) { return pmap(sum, 0, 0, axis_name("i"))(xs); }))(
            x3);
      },
      {"pmap: cannot be nested inside a vmap or pmap"});
  expectError(
      [&] {
        jit(pmap([&](E xs) { return pmap(sum, 0, 0, axis_name("i"))(xs); }, 0,
                 0, axis_name("j")))(x3);
      },
      {"pmap: cannot be nested"});
  // Errors name pmap, not the vmap it is traced like.
  expectError([&] { jit(pmap(sum, none, none, axis_name("i")))(x); },
              {"pmap: no argument is mapped"});
  expectError([&] { jit(pmap(sum, in_axes(0, 0), axis_name("i")))(x); },
              {"pmap: in_axes has 2 entries"});
  auto identity = [](E v) { return v; };
  expectError([&] { jit(pmap(identity, 0, none, axis_name("i")))(x); },
              {"pmap: out_axes[0] is none but result 0"});
  expectError([&] { jit(pmap(identity, 0, 0, axis_name("")))(x); },
              {"pmap: axis_name must not be empty"});
  // A collective's result is the same in every example: out_axes none.
  Array<float> s =
      jit(pmap(sum, 0, none, axis_name("i")))(randomArray<float>({4, 2}, 9));
  EXPECT_EQ(s.shape(), (Shape{2}));
}

// all_gather of booleans (collectives are numeric), and under a name that
// only an outer, finished trace had.
TEST(DslCollective, BadAllGather) {
  Array<float> x({4, 2});
  expectError(
      [&] {
        jit(vmap([](E v) { return astype<float>(all_gather(v > 0, "i")); }, 0,
                 0, axis_name("i")))(x);
      },
      {"all_gather: needs a numeric array, got i1[2]"});
  jit(vmap([](E v) { return all_gather(v, "i"); }, 0, none, axis_name("i")))(x);
  expectError([&] { jit([](E v) { return all_gather(v, "i"); })(x); },
              {"all_gather: unknown axis_name 'i' (no enclosing vmap or pmap"});
}

} // namespace
