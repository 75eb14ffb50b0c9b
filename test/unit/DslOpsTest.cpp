//===- DslOpsTest.cpp - Every DSL operation, jitted, against C++ loops ----===//
//
// Each test jits a one-operation (or few-operation) function, runs it on
// random inputs and compares with a float64 reference computed by plain
// loops, including numpy broadcasting, several dtypes and rank-0 arguments.
//
//===----------------------------------------------------------------------===//

#include "DslTestUtil.h"

#include <cmath>

using namespace vmapc;
using namespace vmapc::test;

namespace {

constexpr double kF32 = 2e-6; // tolerance for f32 results (relative)
constexpr double kF64 = 1e-13;

//===----------------------------------------------------------------------===//
// Elementwise binary ops and broadcasting
//===----------------------------------------------------------------------===//

struct BinaryCase {
  Shape a, b;
};

class Broadcasting : public ::testing::TestWithParam<BinaryCase> {};

TEST_P(Broadcasting, ArithmeticMatchesLoops) {
  const BinaryCase &c = GetParam();
  Array<float> a = randomArray<float>(c.a, 1), b = randomArray<float>(c.b, 2);
  // Keep divisors away from zero.
  for (float &x : b)
    x = x >= 0 ? x + 0.5f : x - 0.5f;
  Ref ra = Ref::of(a), rb = Ref::of(b);
  expectClose(jit([](auto x, auto y) { return x + y; })(a, b),
              map2(ra, rb, std::plus<double>()), kF32, "add");
  expectClose(jit([](auto x, auto y) { return x - y; })(a, b),
              map2(ra, rb, std::minus<double>()), kF32, "sub");
  expectClose(jit([](auto x, auto y) { return x * y; })(a, b),
              map2(ra, rb, std::multiplies<double>()), kF32, "mul");
  expectClose(jit([](auto x, auto y) { return x / y; })(a, b),
              map2(ra, rb, std::divides<double>()), kF32, "div");
  expectClose(jit([](auto x, auto y) { return maximum(x, y); })(a, b),
              map2(ra, rb, [](double x, double y) { return std::max(x, y); }),
              0, "maximum");
  expectClose(jit([](auto x, auto y) { return minimum(x, y); })(a, b),
              map2(ra, rb, [](double x, double y) { return std::min(x, y); }),
              0, "minimum");
}

INSTANTIATE_TEST_SUITE_P(
    Dsl, Broadcasting,
    ::testing::Values(BinaryCase{{3, 4}, {3, 4}}, BinaryCase{{3, 4}, {4}},
                      BinaryCase{{4}, {3, 4}}, BinaryCase{{3, 1}, {1, 4}},
                      BinaryCase{{2, 3, 4}, {3, 1}},
                      BinaryCase{{2, 1, 4}, {5, 1}}, BinaryCase{{3, 4}, {}},
                      BinaryCase{{}, {5}}, BinaryCase{{}, {}},
                      BinaryCase{{1}, {7}}));

TEST(DslOps, ScalarsTakeTheArrayDType) {
  Array<double> a = randomArray<double>({5}, 3);
  Ref ra = Ref::of(a);
  expectClose(jit([](auto x) { return 2 * x + 1; })(a),
              map1(ra, [](double x) { return 2 * x + 1; }), kF64, "2x+1");
  expectClose(jit([](auto x) { return 1.5 - x / 4; })(a),
              map1(ra, [](double x) { return 1.5 - x / 4; }), kF64, "1.5-x/4");
  expectClose(jit([](auto x) { return 3.0 / (x + 2); })(a),
              map1(ra, [](double x) { return 3.0 / (x + 2); }), kF64, "3/x");
  expectClose(jit([](auto x) { return maximum(x, 0.25); })(a),
              map1(ra, [](double x) { return std::max(x, 0.25); }), 0, "max");
  expectClose(jit([](auto x) { return minimum(0.25, x); })(a),
              map1(ra, [](double x) { return std::min(x, 0.25); }), 0, "min");
}

TEST(DslOps, NumbersAsJitArguments) {
  Array<float> a = randomArray<float>({2, 3}, 4);
  Array<float> r = jit([](auto x, auto s) { return x * s; })(a, 3.0f);
  expectClose(r, map1(Ref::of(a), [](double x) { return 3 * x; }), kF32);
  Array<double> z = jit([](auto s, auto t) { return s - t; })(5.0, 1.5);
  EXPECT_TRUE(z.shape().empty());
  EXPECT_EQ(z.data()[0], 3.5);
}

TEST(DslOps, IntegerArithmetic) {
  Array<int32_t> a = randomArray<int32_t>({4, 5}, 5, -50, 50);
  Array<int32_t> b = randomArray<int32_t>({5}, 6, 1, 9);
  Ref ra = Ref::of(a), rb = Ref::of(b);
  expectEqual(jit([](auto x, auto y) { return x * y - x; })(a, b),
              map2(ra, rb, [](double x, double y) { return x * y - x; }),
              "x*y-x");
  // Integer division truncates toward zero, as C++ does.
  expectEqual(jit([](auto x, auto y) { return x / y; })(a, b),
              map2(ra, rb,
                   [](double x, double y) {
                     return static_cast<double>(static_cast<int32_t>(x) /
                                                static_cast<int32_t>(y));
                   }),
              "x/y");
  Array<int64_t> c = randomArray<int64_t>({6}, 7, -1000, 1000);
  expectEqual(jit([](auto x) { return abs(x) + 7; })(c),
              map1(Ref::of(c), [](double x) { return std::fabs(x) + 7; }),
              "abs+7");
}

//===----------------------------------------------------------------------===//
// Elementwise unary ops
//===----------------------------------------------------------------------===//

TEST(DslOps, UnaryFunctions) {
  Array<float> a = randomArray<float>({3, 7}, 8, -2, 2);
  Array<float> pos = randomArray<float>({3, 7}, 9, 0.1, 4);
  Ref ra = Ref::of(a), rp = Ref::of(pos);
  expectClose(jit([](auto x) { return -x; })(a),
              map1(ra, [](double x) { return -x; }), 0, "-x");
  expectClose(jit([](auto x) { return neg(x); })(a),
              map1(ra, [](double x) { return -x; }), 0, "neg");
  expectClose(jit([](auto x) { return exp(x); })(a),
              map1(ra, [](double x) { return std::exp(x); }), 1e-5, "exp");
  expectClose(jit([](auto x) { return log(x); })(pos),
              map1(rp, [](double x) { return std::log(x); }), 1e-5, "log");
  expectClose(jit([](auto x) { return sqrt(x); })(pos),
              map1(rp, [](double x) { return std::sqrt(x); }), 1e-5, "sqrt");
  expectClose(jit([](auto x) { return rsqrt(x); })(pos),
              map1(rp, [](double x) { return 1 / std::sqrt(x); }), 1e-5,
              "rsqrt");
  expectClose(jit([](auto x) { return tanh(x); })(a),
              map1(ra, [](double x) { return std::tanh(x); }), 1e-5, "tanh");
  expectClose(jit([](auto x) { return abs(x); })(a),
              map1(ra, [](double x) { return std::fabs(x); }), 0, "abs");
  expectClose(jit([](auto x) { return sin(x); })(a),
              map1(ra, [](double x) { return std::sin(x); }), 1e-5, "sin");
  expectClose(jit([](auto x) { return cos(x); })(a),
              map1(ra, [](double x) { return std::cos(x); }), 1e-5, "cos");
  expectClose(jit([](auto x) { return sigmoid(x); })(a),
              map1(ra, [](double x) { return 1 / (1 + std::exp(-x)); }), 1e-5,
              "sigmoid");
  expectClose(jit([](auto x) { return relu(x); })(a),
              map1(ra, [](double x) { return x > 0 ? x : 0; }), 0, "relu");
  expectClose(jit([](auto x, auto y) { return pow(x, y); })(pos, a),
              map2(rp, ra, [](double x, double y) { return std::pow(x, y); }),
              1e-5, "pow");
  expectClose(jit([](auto x) { return pow(x, 2); })(a),
              map1(ra, [](double x) { return x * x; }), 1e-5, "pow(x, 2)");
}

TEST(DslOps, UnaryFunctionsF64) {
  Array<double> a = randomArray<double>({9}, 10, 0.2, 3);
  Ref ra = Ref::of(a);
  expectClose(
      jit([](auto x) { return exp(x) + log(x) * sqrt(x); })(a),
      map1(ra,
           [](double x) { return std::exp(x) + std::log(x) * std::sqrt(x); }),
      1e-12, "f64 mix");
}

//===----------------------------------------------------------------------===//
// Comparisons, where, astype
//===----------------------------------------------------------------------===//

TEST(DslOps, Comparisons) {
  Array<float> a = randomArray<float>({4, 3}, 11, -2, 2);
  Array<float> b = randomArray<float>({3}, 12, -2, 2);
  a(1, 2) = b(2); // make equality happen at least once
  Ref ra = Ref::of(a), rb = Ref::of(b);
  auto check = [&](auto f, std::function<bool(double, double)> ref,
                   const char *what) {
    Array<bool> got = jit(f)(a, b);
    expectEqual(
        got,
        map2(ra, rb, [&](double x, double y) { return ref(x, y) ? 1.0 : 0.0; }),
        what);
  };
  check([](auto x, auto y) { return x < y; }, std::less<double>(), "<");
  check([](auto x, auto y) { return x <= y; }, std::less_equal<double>(), "<=");
  check([](auto x, auto y) { return x > y; }, std::greater<double>(), ">");
  check([](auto x, auto y) { return x >= y; }, std::greater_equal<double>(),
        ">=");
  check([](auto x, auto y) { return x == y; }, std::equal_to<double>(), "==");
  check([](auto x, auto y) { return x != y; }, std::not_equal_to<double>(),
        "!=");
  check([](auto x, auto y) { return less(x, y); }, std::less<double>(), "less");
  check([](auto x, auto y) { return greater_equal(x, y); },
        std::greater_equal<double>(), "greater_equal");
  check([](auto x, auto y) { return not_equal(x, y); },
        std::not_equal_to<double>(), "not_equal");
  check([](auto x, auto y) { return compare(x, y, Cmp::le); },
        std::less_equal<double>(), "compare(le)");
  Array<bool> gt0 = jit([](auto x) { return x > 0; })(a);
  expectEqual(gt0, map1(ra, [](double x) { return x > 0 ? 1.0 : 0.0; }),
              "x > 0");
}

TEST(DslOps, WhereBroadcastsAndTakesNumbers) {
  Array<float> a = randomArray<float>({4, 3}, 13);
  Array<float> b = randomArray<float>({3}, 14);
  Ref ra = Ref::of(a), rb = Ref::of(b);
  expectClose(jit([](auto x, auto y) { return where(x > y, x, y); })(a, b),
              map2(ra, rb, [](double x, double y) { return x > y ? x : y; }), 0,
              "where(x>y,x,y)");
  expectClose(jit([](auto x) { return where(x > 0, x, 0.5); })(a),
              map1(ra, [](double x) { return x > 0 ? x : 0.5; }), 0,
              "where(x>0,x,0.5)");
  expectClose(jit([](auto x) { return where(x > 0, -1, x); })(a),
              map1(ra, [](double x) { return x > 0 ? -1 : x; }), 0,
              "where(x>0,-1,x)");
  // A condition of a smaller shape broadcasts against the values.
  expectClose(jit([](auto x, auto y) { return where(y > 0, x, -x); })(a, b),
              map2(ra, rb, [](double x, double y) { return y > 0 ? x : -x; }),
              0, "where(cond[3], x[4,3], -x)");
}

TEST(DslOps, AsType) {
  Array<float> a = randomArray<float>({6}, 15, -10, 10);
  Ref ra = Ref::of(a);
  expectEqual(jit([](auto x) { return astype<int32_t>(x); })(a),
              map1(ra, [](double x) { return std::trunc(x); }), "f32->i32");
  Array<int64_t> i = randomArray<int64_t>({6}, 16, -100, 100);
  expectClose(jit([](auto x) { return astype<double>(x) / 2; })(i),
              map1(Ref::of(i), [](double x) { return x / 2; }), kF64,
              "i64->f64");
  expectClose(jit([](auto x) { return astype<float>(x > 0); })(a),
              map1(ra, [](double x) { return x > 0 ? 1.0 : 0.0; }), 0,
              "bool->f32");
}

//===----------------------------------------------------------------------===//
// dot and matmul
//===----------------------------------------------------------------------===//

/// numpy.dot computed with loops: contracts a's last axis with b's
/// second-to-last (or only) axis.
Ref refDot(const Ref &a, const Ref &b) {
  int64_t ra = a.shape.size(), rb = b.shape.size();
  int64_t cb = rb == 1 ? 0 : rb - 2, k = a.shape.back();
  Shape out(a.shape.begin(), a.shape.end() - 1);
  for (int64_t d = 0; d < rb; ++d)
    if (d != cb)
      out.push_back(b.shape[d]);
  Ref r(out);
  for (int64_t i = 0; i < r.size(); ++i) {
    auto idx = r.unravel(i);
    std::vector<int64_t> ia(idx.begin(), idx.begin() + (ra - 1));
    std::vector<int64_t> rest(idx.begin() + (ra - 1), idx.end());
    double s = 0;
    for (int64_t j = 0; j < k; ++j) {
      std::vector<int64_t> fa = ia, fb = rest;
      fa.push_back(j);
      fb.insert(fb.begin() + cb, j);
      s += a.atBroadcast(fa) * b.atBroadcast(fb);
    }
    r.v[i] = s;
  }
  return r;
}

class DotShapes : public ::testing::TestWithParam<std::pair<Shape, Shape>> {};

TEST_P(DotShapes, MatchesNumpyDot) {
  auto [sa, sb] = GetParam();
  Array<float> a = randomArray<float>(sa, 17), b = randomArray<float>(sb, 18);
  Ref want = refDot(Ref::of(a), Ref::of(b));
  expectClose(jit([](auto x, auto y) { return dot(x, y); })(a, b), want, 1e-5,
              "dot");
  expectClose(jit([](auto x, auto y) { return x.dot(y); })(a, b), want, 1e-5,
              "x.dot(y)");
}

INSTANTIATE_TEST_SUITE_P(
    Dsl, DotShapes,
    ::testing::Values(std::pair<Shape, Shape>{{7}, {7}},
                      std::pair<Shape, Shape>{{3, 7}, {7}},
                      std::pair<Shape, Shape>{{7}, {7, 4}},
                      std::pair<Shape, Shape>{{3, 7}, {7, 4}},
                      std::pair<Shape, Shape>{{2, 3, 7}, {7, 4}},
                      std::pair<Shape, Shape>{{3, 7}, {2, 7, 4}},
                      std::pair<Shape, Shape>{{33, 65}, {65, 17}}));

TEST(DslOps, DotWithAScalarMultiplies) {
  Array<double> a = randomArray<double>({4}, 19);
  Array<double> s({}, {2.5});
  expectClose(jit([](auto x, auto y) { return dot(x, y); })(a, s),
              map1(Ref::of(a), [](double x) { return 2.5 * x; }), kF64);
}

TEST(DslOps, MatmulBroadcastsBatches) {
  Array<double> a = randomArray<double>({2, 1, 3, 4}, 20);
  Array<double> b = randomArray<double>({5, 4, 6}, 21);
  Array<double> r = jit([](auto x, auto y) { return matmul(x, y); })(a, b);
  ASSERT_EQ(r.shape(), (Shape{2, 5, 3, 6}));
  for (int64_t i = 0; i < 2; ++i)
    for (int64_t j = 0; j < 5; ++j)
      for (int64_t m = 0; m < 3; ++m)
        for (int64_t n = 0; n < 6; ++n) {
          double s = 0;
          for (int64_t k = 0; k < 4; ++k)
            s += a(i, 0, m, k) * b(j, k, n);
          EXPECT_NEAR(r(i, j, m, n), s, 1e-12);
        }
  // 1-D operands are promoted and the added axis dropped.
  Array<double> v = randomArray<double>({4}, 22);
  Array<double> mv = jit([](auto x, auto y) { return matmul(x, y); })(
      jit([](auto x) {
        return x.reshape({3, 4});
      })(randomArray<double>({12}, 23)),
      v);
  EXPECT_EQ(mv.shape(), (Shape{3}));
  Array<double> vm =
      jit([](auto x, auto y) { return matmul(x, y); })(v, take(b, 0, 0));
  ASSERT_EQ(vm.shape(), (Shape{6}));
  for (int64_t n = 0; n < 6; ++n) {
    double s = 0;
    for (int64_t k = 0; k < 4; ++k)
      s += v(k) * b(0, k, n);
    EXPECT_NEAR(vm(n), s, 1e-12);
  }
}

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

/// Reduces `a` over `axes` with `f` from `init`; keepdims keeps size-1 axes.
Ref refReduce(const Ref &a, std::vector<int64_t> axes, double init,
              const std::function<double(double, double)> &f,
              bool keepdims = false) {
  int64_t rank = a.shape.size();
  for (int64_t &x : axes)
    x = x < 0 ? x + rank : x;
  Shape kept, ones = a.shape;
  for (int64_t d = 0; d < rank; ++d) {
    bool reduced = std::find(axes.begin(), axes.end(), d) != axes.end();
    if (reduced)
      ones[d] = 1;
    else
      kept.push_back(a.shape[d]);
  }
  Ref r(keepdims ? ones : kept);
  std::fill(r.v.begin(), r.v.end(), init);
  Ref full(ones);
  for (int64_t i = 0; i < a.size(); ++i) {
    auto idx = a.unravel(i);
    int64_t flat = 0;
    for (int64_t d = 0; d < rank; ++d)
      flat = flat * ones[d] + (ones[d] == 1 ? 0 : idx[d]);
    r.v[flat] = f(r.v[flat], a.v[i]);
  }
  return r;
}

TEST(DslOps, Reductions) {
  Array<float> a = randomArray<float>({3, 4, 5}, 24);
  Ref ra = Ref::of(a);
  auto plus = std::plus<double>();
  auto mx = [](double x, double y) { return std::max(x, y); };
  auto mn = [](double x, double y) { return std::min(x, y); };
  const double inf = INFINITY;
  expectClose(jit([](auto x) { return sum(x); })(a),
              refReduce(ra, {0, 1, 2}, 0, plus), 1e-5, "sum()");
  expectClose(jit([](auto x) { return sum(x, 1); })(a),
              refReduce(ra, {1}, 0, plus), 1e-5, "sum(1)");
  expectClose(jit([](auto x) { return x.sum(-1); })(a),
              refReduce(ra, {2}, 0, plus), 1e-5, "sum(-1)");
  expectClose(jit([](auto x) {
                return sum(x, {0, -1});
              })(a),
              refReduce(ra, {0, 2}, 0, plus), 1e-5, "sum({0,-1})");
  expectClose(jit([](auto x) { return sum(x, 1, true); })(a),
              refReduce(ra, {1}, 0, plus, true), 1e-5, "sum keepdims");
  expectClose(jit([](auto x) { return max(x, 0); })(a),
              refReduce(ra, {0}, -inf, mx), 0, "max(0)");
  expectClose(jit([](auto x) { return x.max(); })(a),
              refReduce(ra, {0, 1, 2}, -inf, mx), 0, "max()");
  expectClose(jit([](auto x) {
                return min(x, {1, 2});
              })(a),
              refReduce(ra, {1, 2}, inf, mn), 0, "min({1,2})");
  expectClose(jit([](auto x) { return x.min(-2, true); })(a),
              refReduce(ra, {1}, inf, mn, true), 0, "min keepdims");
  Ref s = refReduce(ra, {2}, 0, plus);
  expectClose(jit([](auto x) { return mean(x, 2); })(a),
              map1(s, [](double x) { return x / 5; }), 1e-5, "mean(2)");
  Ref all = refReduce(ra, {0, 1, 2}, 0, plus);
  expectClose(jit([](auto x) { return mean(x); })(a),
              map1(all, [](double x) { return x / 60; }), 1e-5, "mean()");
  expectClose(jit([](auto x) { return x - mean(x, -1, true); })(a),
              map2(ra,
                   map1(refReduce(ra, {2}, 0, plus, true),
                        [](double x) { return x / 5; }),
                   std::minus<double>()),
              1e-5, "x - mean keepdims");
}

TEST(DslOps, IntegerReductions) {
  Array<int32_t> a = randomArray<int32_t>({4, 6}, 25, -20, 20);
  Ref ra = Ref::of(a);
  expectEqual(jit([](auto x) { return sum(x, 0); })(a),
              refReduce(ra, {0}, 0, std::plus<double>()), "i32 sum");
  expectEqual(jit([](auto x) { return max(x, 1); })(a),
              refReduce(ra, {1}, -1e300,
                        [](double x, double y) { return std::max(x, y); }),
              "i32 max");
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

TEST(DslOps, Transpose) {
  Array<float> a = randomArray<float>({2, 3, 4}, 26);
  Array<float> r = jit([](auto x) { return transpose(x); })(a);
  ASSERT_EQ(r.shape(), (Shape{4, 3, 2}));
  Array<float> p = jit([](auto x) { return x.transpose({1, -1, 0}); })(a);
  ASSERT_EQ(p.shape(), (Shape{3, 4, 2}));
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 4; ++k) {
        EXPECT_EQ(r(k, j, i), a(i, j, k));
        EXPECT_EQ(p(j, k, i), a(i, j, k));
      }
}

TEST(DslOps, ReshapeAndBroadcastTo) {
  Array<float> a = randomArray<float>({2, 6}, 27);
  Array<float> r = jit([](auto x) { return reshape(x, {3, -1, 2}); })(a);
  ASSERT_EQ(r.shape(), (Shape{3, 2, 2}));
  for (int64_t i = 0; i < 12; ++i)
    EXPECT_EQ(r.data()[i], a.data()[i]);
  Array<float> v = randomArray<float>({3, 1}, 28);
  Array<float> b = jit([](auto x) { return broadcast_to(x, {2, 3, 4}); })(v);
  ASSERT_EQ(b.shape(), (Shape{2, 3, 4}));
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 4; ++k)
        EXPECT_EQ(b(i, j, k), v(j, 0));
}

TEST(DslOps, SliceAndSliceAxis) {
  Array<int32_t> a = randomArray<int32_t>({5, 7}, 29, -100, 100);
  Array<int32_t> s = jit([](auto x) {
    return slice(x, {1, 0}, {5, 7}, {2, 3});
  })(a);
  ASSERT_EQ(s.shape(), (Shape{2, 3}));
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_EQ(s(i, j), a(1 + 2 * i, 3 * j));
  // x[:, -4:-1] and x[1::2, :].
  Array<int32_t> t = jit([](auto x) { return slice_axis(x, 1, -4, -1); })(a);
  ASSERT_EQ(t.shape(), (Shape{5, 3}));
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_EQ(t(i, j), a(i, 3 + j));
  Array<int32_t> u = jit([](auto x) { return slice_axis(x, 0, 1, 100, 2); })(a);
  ASSERT_EQ(u.shape(), (Shape{2, 7}));
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 7; ++j)
      EXPECT_EQ(u(i, j), a(1 + 2 * i, j));
}

TEST(DslOps, Concat) {
  Array<double> a = randomArray<double>({2, 3}, 30);
  Array<double> b = randomArray<double>({4, 3}, 31);
  Array<double> c = randomArray<double>({2, 5}, 32);
  Array<double> r0 = jit([](auto x, auto y) {
    return concat({x, y, x}, 0);
  })(a, b);
  ASSERT_EQ(r0.shape(), (Shape{8, 3}));
  for (int j = 0; j < 3; ++j) {
    for (int i = 0; i < 2; ++i) {
      EXPECT_EQ(r0(i, j), a(i, j));
      EXPECT_EQ(r0(6 + i, j), a(i, j));
    }
    for (int i = 0; i < 4; ++i)
      EXPECT_EQ(r0(2 + i, j), b(i, j));
  }
  Array<double> r1 = jit([](auto x, auto y) {
    return concat({x, y}, -1);
  })(a, c);
  ASSERT_EQ(r1.shape(), (Shape{2, 8}));
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j)
      EXPECT_EQ(r1(i, j), a(i, j));
    for (int j = 0; j < 5; ++j)
      EXPECT_EQ(r1(i, 3 + j), c(i, j));
  }
}

//===----------------------------------------------------------------------===//
// Several results, views
//===----------------------------------------------------------------------===//

TEST(DslOps, TupleResults) {
  Array<float> a = randomArray<float>({3, 4}, 33);
  auto [s, sq] =
      jit([](auto x) { return std::make_tuple(sum(x, 1), x * x); })(a);
  Ref ra = Ref::of(a);
  expectClose(s, refReduce(ra, {1}, 0, std::plus<double>()), 1e-5, "sum");
  expectClose(sq, map1(ra, [](double x) { return x * x; }), kF32, "square");
}

TEST(DslOps, ViewsOfUserMemory) {
  std::vector<float> mem = {1, 2, 3, 4, 5, 6};
  ArrayView<float> v(mem.data(), {2, 3});
  const std::vector<float> cmem = {1, 1, 1};
  ArrayView<const float> cv(cmem.data(), {3});
  Array<float> r = jit([](auto x, auto y) { return x + y; })(v, cv);
  ASSERT_EQ(r.shape(), (Shape{2, 3}));
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(r.data()[i], mem[i] + 1);
  // Rows of an Array are views; they are not copied.
  Array<float> m = array<float>({{1, 2}, {3, 4}});
  Array<float> row1 = jit([](auto x) { return x * 10; })(m.row(1));
  EXPECT_EQ(row1(0), 30);
  EXPECT_EQ(row1(1), 40);
}

TEST(DslOps, DeepTracesAreReleasedWithoutRecursion) {
  // A 200000-deep chain built while tracing and then dropped: releasing it
  // must not recurse once per level (that would overflow the stack).
  Array<float> a = randomArray<float>({3}, 41);
  Array<float> r = jit([](auto x) {
    auto s = sum(x);
    for (int i = 0; i < 200000; ++i)
      s = s + s;
    return x * 2;
  })(a);
  expectClose(r, map1(Ref::of(a), [](double x) { return 2 * x; }), 0);
}

} // namespace
