//===- DslControlTest.cpp - fori_loop, scan, while_loop, cond, linalg -----===//
//
// The DSL's control flow and linear algebra, jitted, against plain C++ loops:
// Lotka-Volterra with fori_loop and scan (alone and vmapped over parameter
// sets), while_loop with per-lane trip counts under vmap (the batched
// predicate path), cond and switch_ with batched and unbatched selectors,
// fori_loop with symbolic bounds, inv/det/cholesky/solve_triangular on a
// batch of matrices, and the error messages of bodies with wrong types.
//
//===----------------------------------------------------------------------===//

#include "DslTestUtil.h"

#include <cmath>

using namespace vmapc;
using namespace vmapc::test;

namespace {

using State = std::tuple<Expr<float>, Expr<float>>;

constexpr float kA = 1.1f, kB = 0.4f, kG = 0.4f, kD = 0.1f, kDt = 0.1f;

/// One forward-Euler step of Lotka-Volterra on symbolic arrays (any shape).
template <typename P> State lvStep(const State &s, P a, P b, P g, P d) {
  auto [x, y] = s;
  auto xy = x * y;
  return {x + (a * x - b * xy) * kDt, y + (d * xy - g * y) * kDt};
}

/// The same in plain float32 C++.
std::pair<float, float> lvReference(float x, float y, float a, float b, float g,
                                    float d, int steps) {
  for (int i = 0; i < steps; ++i) {
    float xy = x * y;
    float nx = x + (a * x - b * xy) * kDt;
    float ny = y + (d * xy - g * y) * kDt;
    x = nx;
    y = ny;
  }
  return {x, y};
}

TEST(DslControl, ForiLoopLotkaVolterra) {
  auto simulate = jit([](Expr<float> x0, Expr<float> y0) {
    return fori_loop(
        0, 20, [](auto, const State &s) { return lvStep(s, kA, kB, kG, kD); },
        State{x0, y0});
  });
  auto [x, y] = simulate(10.0f, 5.0f);
  // The figures, and the float32 loop.
  EXPECT_NEAR(x(), 0.76442f, 1e-5);
  EXPECT_NEAR(y(), 4.82224f, 1e-5);
  auto [rx, ry] = lvReference(10, 5, kA, kB, kG, kD, 20);
  EXPECT_NEAR(x(), rx, 1e-5 * std::fabs(rx));
  EXPECT_NEAR(y(), ry, 1e-5 * std::fabs(ry));
}

TEST(DslControl, ScanTrajectory) {
  auto simulate = jit([](Expr<float> x0, Expr<float> y0) {
    auto [last, traj] = scan(
        [](const State &s, None) {
          State next = lvStep(s, kA, kB, kG, kD);
          return std::make_pair(next, next);
        },
        State{x0, y0}, none, 20);
    return std::tuple_cat(last, traj);
  });
  auto [x, y, xs, ys] = simulate(10.0f, 5.0f);
  ASSERT_EQ(xs.shape(), Shape{20});
  float rx = 10, ry = 5;
  for (int i = 0; i < 20; ++i) {
    std::tie(rx, ry) = lvReference(rx, ry, kA, kB, kG, kD, 1);
    EXPECT_NEAR(xs(i), rx, 1e-5 * std::fabs(rx)) << "step " << i;
    EXPECT_NEAR(ys(i), ry, 1e-5 * std::fabs(ry)) << "step " << i;
  }
  EXPECT_EQ(x(), xs(19));
  EXPECT_EQ(y(), ys(19));
}

TEST(DslControl, ScanOverXs) {
  // Running sums of the rows and a per-step weighted output.
  auto f = jit([](Expr<double> c0, Expr<double> xs, Expr<double> ws) {
    auto [c, ys] = scan(
        [](const Expr<double> &c,
           const std::tuple<Expr<double>, Expr<double>> &x) {
          auto [row, w] = x;
          Expr<double> next = c + row;
          return std::make_pair(next, next * w);
        },
        c0, std::make_tuple(xs, ws));
    return std::make_tuple(c, ys);
  });
  Array<double> c0 = randomArray<double>({3}, 1);
  Array<double> xs = randomArray<double>({6, 3}, 2);
  Array<double> ws = randomArray<double>({6}, 3);
  auto [c, ys] = f(c0, xs, ws);
  Ref want(Shape{6, 3});
  std::vector<double> run(c0.data(), c0.data() + 3);
  for (int t = 0; t < 6; ++t)
    for (int j = 0; j < 3; ++j) {
      run[j] += xs(t, j);
      want.v[t * 3 + j] = run[j] * ws(t);
    }
  expectClose(ys, want, 1e-12);
  Ref last(Shape{3});
  last.v = run;
  expectClose(c, last, 1e-12);
}

TEST(DslControl, VmappedLotkaVolterraOverParameterSets) {
  // One simulation per parameter set and initial state, all lanes in one
  // loop over time.
  auto one = [](Expr<float> x0, Expr<float> y0, Expr<float> p) {
    // p = (a, b, g, d) of this lane.
    Expr<float> pa = slice_axis(p, 0, 0, 1, 1).reshape(Shape{});
    Expr<float> pb = slice_axis(p, 0, 1, 2, 1).reshape(Shape{});
    Expr<float> pg = slice_axis(p, 0, 2, 3, 1).reshape(Shape{});
    Expr<float> pd = slice_axis(p, 0, 3, 4, 1).reshape(Shape{});
    return fori_loop(
        0, 50, [&](auto, const State &s) { return lvStep(s, pa, pb, pg, pd); },
        State{x0, y0});
  };
  auto batched = jit(vmap(one, in_axes(0, 0, 0)));
  constexpr int n = 37;
  Array<float> x0 = randomArray<float>({n}, 4, 5.0, 15.0);
  Array<float> y0 = randomArray<float>({n}, 5, 2.0, 8.0);
  Array<float> p = randomArray<float>({n, 4}, 6, 0.05, 1.2);
  auto [x, y] = batched(x0, y0, p);
  ASSERT_EQ(x.shape(), Shape{n});
  for (int i = 0; i < n; ++i) {
    auto [rx, ry] =
        lvReference(x0(i), y0(i), p(i, 0), p(i, 1), p(i, 2), p(i, 3), 50);
    EXPECT_NEAR(x(i), rx, 1e-4 * std::max(1.0f, std::fabs(rx))) << i;
    EXPECT_NEAR(y(i), ry, 1e-4 * std::max(1.0f, std::fabs(ry))) << i;
  }
}

TEST(DslControl, WhileLoopPerLaneTripCounts) {
  // Halve until below 1, counting steps: every lane stops at its own count
  // (a batched predicate: the loop runs until all lanes are done).
  auto halvings = [](Expr<double> v) {
    return while_loop(
        [](const std::tuple<Expr<double>, Expr<int32_t>> &s) {
          return std::get<0>(s) >= 1.0;
        },
        [](const std::tuple<Expr<double>, Expr<int32_t>> &s) {
          auto [x, k] = s;
          return std::make_tuple(x * 0.5, k + 1);
        },
        std::make_tuple(v, constant<int32_t>(0)));
  };
  auto batched = jit(vmap(halvings));
  Array<double> v({6}, {0.5, 1.0, 3.0, 17.0, 1000.0, 0.0});
  auto [x, k] = batched(v);
  for (int i = 0; i < 6; ++i) {
    double rx = v(i);
    int rk = 0;
    while (rx >= 1.0) {
      rx *= 0.5;
      ++rk;
    }
    EXPECT_EQ(k(i), rk) << i;
    EXPECT_EQ(x(i), rx) << i;
  }
}

TEST(DslControl, CondBatchedAndUnbatchedPredicate) {
  auto f = [](Expr<float> x, Expr<bool> flip) {
    Expr<float> r = cond(
        x > 0.0f, [](Expr<float> v) { return sqrt(v); },
        [](Expr<float> v) { return v * v; }, x);
    // An unbatched predicate stays a real branch.
    return cond(
        flip, [](Expr<float> v) { return -v; }, [](Expr<float> v) { return v; },
        r);
  };
  auto batched = jit(vmap(f, in_axes(0, none)));
  Array<float> x = randomArray<float>({9}, 7, -3.0, 3.0);
  for (bool flip : {false, true}) {
    Array<float> r = batched(x, flip);
    for (int i = 0; i < 9; ++i) {
      float v = x(i) > 0 ? std::sqrt(x(i)) : x(i) * x(i);
      EXPECT_NEAR(r(i), flip ? -v : v, 1e-6) << i;
    }
  }
}

TEST(DslControl, SwitchClampsItsIndex) {
  auto f = [](Expr<int32_t> i, Expr<double> x) {
    return switch_(i,
                   std::make_tuple([](Expr<double> v) { return v + 1.0; },
                                   [](Expr<double> v) { return v * 10.0; },
                                   [](Expr<double> v) { return -v; }),
                   x);
  };
  auto batched = jit(vmap(f));
  Array<int32_t> idx({6}, {-2, 0, 1, 2, 3, 9});
  Array<double> x({6}, {1, 2, 3, 4, 5, 6});
  Array<double> r = batched(idx, x);
  double want[] = {2, 3, 30, -4, -5, -6};
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(r(i), want[i]) << i;
  // Unbatched index: a real switch.
  auto plain = jit(f);
  EXPECT_EQ(plain(int32_t{1}, 2.5)(), 25.0);
}

TEST(DslControl, ForiLoopWithPerLaneBounds) {
  // Sum of i for i in [0, n): the bound differs per lane.
  auto f = [](Expr<int64_t> n, Expr<int64_t> start) {
    return fori_loop(
        start * 0, n, [](auto i, const Expr<int64_t> &s) { return s + i; },
        start);
  };
  auto batched = jit(vmap(f, in_axes(0, none)));
  Array<int64_t> n({5}, {-1, 0, 1, 4, 10});
  Array<int64_t> r = batched(n, int64_t{100});
  for (int i = 0; i < 5; ++i) {
    int64_t want = 100;
    for (int64_t j = 0; j < n(i); ++j)
      want += j;
    EXPECT_EQ(r(i), want) << i;
  }
}

/// A batch of symmetric positive definite 3x3 matrices M M^T + 3 I.
Array<double> spdBatch(int n, unsigned seed) {
  Array<double> m = randomArray<double>({n, 3, 3}, seed);
  Array<double> a({n, 3, 3});
  for (int b = 0; b < n; ++b)
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) {
        double s = i == j ? 3.0 : 0.0;
        for (int k = 0; k < 3; ++k)
          s += m(b, i, k) * m(b, j, k);
        a(b, i, j) = s;
      }
  return a;
}

TEST(DslControl, LinalgAgainstLoops) {
  auto f = jit([](Expr<double> a, Expr<double> rhs) {
    Expr<double> l = linalg::cholesky(a);
    Expr<double> y = linalg::solve_triangular(l, rhs, /*lower=*/true);
    return std::make_tuple(linalg::inv(a), linalg::det(a), l, y);
  });
  constexpr int n = 5;
  Array<double> a = spdBatch(n, 8);
  Array<double> rhs = randomArray<double>({n, 3, 2}, 9);
  Array<double> a0 = a, rhs0 = rhs;
  auto [inv, det, l, y] = f(a, rhs);
  // The kernel reads its arguments and never writes them.
  expectEqual(a, Ref::of(a0));
  expectEqual(rhs, Ref::of(rhs0));
  for (int b = 0; b < n; ++b) {
    // A * inv(A) = I.
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) {
        double s = 0;
        for (int k = 0; k < 3; ++k)
          s += a(b, i, k) * inv(b, k, j);
        EXPECT_NEAR(s, i == j ? 1.0 : 0.0, 1e-10);
      }
    // det by cofactor expansion.
    double d =
        a(b, 0, 0) * (a(b, 1, 1) * a(b, 2, 2) - a(b, 1, 2) * a(b, 2, 1)) -
        a(b, 0, 1) * (a(b, 1, 0) * a(b, 2, 2) - a(b, 1, 2) * a(b, 2, 0)) +
        a(b, 0, 2) * (a(b, 1, 0) * a(b, 2, 1) - a(b, 1, 1) * a(b, 2, 0));
    EXPECT_NEAR(det(b), d, 1e-10 * std::fabs(d));
    // L lower triangular with L L^T = A.
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) {
        if (j > i)
          EXPECT_EQ(l(b, i, j), 0.0);
        double s = 0;
        for (int k = 0; k < 3; ++k)
          s += l(b, i, k) * l(b, j, k);
        EXPECT_NEAR(s, a(b, i, j), 1e-10);
      }
    // L y = rhs.
    for (int i = 0; i < 3; ++i)
      for (int c = 0; c < 2; ++c) {
        double s = 0;
        for (int k = 0; k <= i; ++k)
          s += l(b, i, k) * y(b, k, c);
        EXPECT_NEAR(s, rhs(b, i, c), 1e-10);
      }
  }
}

TEST(DslControl, Errors) {
  Array<float> x({3}, {1, 2, 3});
  expectError(
      [&] {
        jit([](Expr<float> v) {
          return fori_loop(
              0, 3, [](auto, Expr<float> c) { return c.sum(); }, v);
        })(x);
      },
      {"fori_loop", "body", "f32[]", "f32[3]"});
  expectError(
      [&] {
        jit([](Expr<float> v) {
          return while_loop([](Expr<float> c) { return c > 0.0f; },
                            [](Expr<float> c) { return c; }, v);
        })(x);
      },
      {"while_loop", "condition", "i1[3]", "i1[]"});
  expectError(
      [&] {
        jit([](Expr<float> v) {
          return cond(
              v.sum() > 0.0f, [](Expr<float> c) { return c; },
              [](Expr<float> c) { return c.sum(); }, v);
        })(x);
      },
      {"cond", "branch 1", "f32[]", "f32[3]"});
  expectError(
      [&] {
        jit([](Expr<float> v, Expr<float> w) {
          return scan(
                     [](Expr<float> c, std::tuple<Expr<float>, Expr<float>> t) {
                       return std::make_pair(c, std::get<0>(t));
                     },
                     v.sum(), std::make_tuple(v, w))
              .second;
        })(x, Array<float>({4}, {1, 2, 3, 4}));
      },
      {"scan", "leading size 4", "3"});
  expectError([&] { jit([](Expr<float> v) { return linalg::inv(v); })(x); },
              {"linalg.inv", "square", "f32[3]"});
  expectError(
      [&] {
        jit([](Expr<float> v) {
          return cond(
              v > 0.0f, [](Expr<float> c) { return c; },
              [](Expr<float> c) { return -c; }, v);
        })(x);
      },
      {"cond", "predicate", "scalar", "i1[3]"});
  expectError(
      [&] {
        jit([](Expr<float> v) {
          Expr<int32_t> n = astype<int32_t>(v);
          return fori_loop(
              n, n, [](auto, Expr<float> c) { return c; }, v);
        })(x);
      },
      {"fori_loop", "bounds", "i32[3]"});
}

} // namespace
