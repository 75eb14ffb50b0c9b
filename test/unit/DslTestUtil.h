//===- DslTestUtil.h - Shared helpers of the DSL unit tests -----*- C++ -*-===//
//
// Random inputs, a float64 reference array with numpy broadcasting done by
// plain index arithmetic, and comparisons. The references here deliberately
// share nothing with the DSL: every expected value is computed in double with
// C++ loops.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_TEST_UNIT_DSLTESTUTIL_H
#define VMAPC_TEST_UNIT_DSLTESTUTIL_H

#include "vmapc/vmapc.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace vmapc::test {

/// Uniform values in [lo, hi) (integers: rounded), reproducible per seed.
template <typename T>
Array<T> randomArray(Shape shape, unsigned seed, double lo = -1.0,
                     double hi = 1.0) {
  Array<T> a(std::move(shape));
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> dist(lo, hi);
  for (T &x : a) {
    double v = dist(gen);
    if constexpr (std::is_floating_point_v<T>)
      x = static_cast<T>(v);
    else if constexpr (std::is_same_v<T, bool>)
      x = v > 0;
    else
      x = static_cast<T>(std::lround(v));
  }
  return a;
}

/// A float64 array for expected values.
struct Ref {
  Shape shape;
  std::vector<double> v;

  Ref() = default;
  explicit Ref(Shape s) : shape(std::move(s)), v(numElementsOf(shape)) {}
  template <typename T> static Ref of(const Array<T> &a) {
    Ref r(a.shape());
    for (int64_t i = 0; i < a.size(); ++i)
      r.v[i] = static_cast<double>(a.data()[i]);
    return r;
  }
  int64_t size() const { return static_cast<int64_t>(v.size()); }

  /// Multi-index of linear index `i`.
  std::vector<int64_t> unravel(int64_t i) const {
    std::vector<int64_t> idx(shape.size());
    for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
      idx[d] = shape[d] ? i % shape[d] : 0;
      i = shape[d] ? i / shape[d] : 0;
    }
    return idx;
  }
  /// Element at a multi-index of a shape this array broadcasts to (numpy
  /// rules: trailing alignment, size-1 axes repeat).
  double atBroadcast(const std::vector<int64_t> &idx) const {
    int64_t flat = 0;
    size_t off = idx.size() - shape.size();
    for (size_t d = 0; d < shape.size(); ++d)
      flat = flat * shape[d] + (shape[d] == 1 ? 0 : idx[off + d]);
    return v[flat];
  }
  double at(std::initializer_list<int64_t> idx) const {
    return atBroadcast(std::vector<int64_t>(idx));
  }
};

inline Shape broadcastShape(const Shape &a, const Shape &b) {
  size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    out[i] = da == 1 ? db : da;
  }
  return out;
}

inline Ref map1(const Ref &a, const std::function<double(double)> &f) {
  Ref r(a.shape);
  for (int64_t i = 0; i < a.size(); ++i)
    r.v[i] = f(a.v[i]);
  return r;
}

inline Ref map2(const Ref &a, const Ref &b,
                const std::function<double(double, double)> &f) {
  Ref r(broadcastShape(a.shape, b.shape));
  for (int64_t i = 0; i < r.size(); ++i) {
    auto idx = r.unravel(i);
    r.v[i] = f(a.atBroadcast(idx), b.atBroadcast(idx));
  }
  return r;
}

/// Fails the test unless `got` has `want`'s shape and every element is
/// within `tol` (absolute, plus relative to the magnitude of the expected
/// value).
template <typename T>
void expectClose(const Array<T> &got, const Ref &want, double tol,
                 const std::string &what = "") {
  ASSERT_EQ(got.shape(), want.shape) << what;
  double worst = 0;
  int64_t worstAt = -1;
  for (int64_t i = 0; i < want.size(); ++i) {
    double g = static_cast<double>(got.data()[i]), w = want.v[i];
    if (std::isnan(w) && std::isnan(g))
      continue;
    double err = std::fabs(g - w) / (1.0 + std::fabs(w));
    if (std::isnan(err) || err > worst) {
      worst = err;
      worstAt = i;
      if (std::isnan(err))
        break;
    }
  }
  EXPECT_LE(worst, tol) << what << ": worst element " << worstAt << " got "
                        << static_cast<double>(got.data()[worstAt]) << " want "
                        << want.v[worstAt];
}

/// Exact equality, for integer and boolean results.
template <typename T>
void expectEqual(const Array<T> &got, const Ref &want,
                 const std::string &what = "") {
  ASSERT_EQ(got.shape(), want.shape) << what;
  for (int64_t i = 0; i < want.size(); ++i)
    ASSERT_EQ(static_cast<double>(got.data()[i]), want.v[i])
        << what << " at element " << i;
}

/// Slice `i` of `a` along `axis` (a copy), as numpy's `np.take(a, i, axis)`.
template <typename T>
Array<T> take(const Array<T> &a, int64_t axis, int64_t i) {
  const Shape &s = a.shape();
  Shape out = s;
  out.erase(out.begin() + axis);
  Array<T> r(out);
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= s[d];
  for (size_t d = axis + 1; d < s.size(); ++d)
    inner *= s[d];
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t j = 0; j < inner; ++j)
      r.data()[o * inner + j] = a.data()[(o * s[axis] + i) * inner + j];
  return r;
}

/// Fails unless `fn` throws vmapc::Error whose message contains each of
/// `parts`.
template <typename Fn>
void expectError(Fn &&fn, std::initializer_list<std::string> parts) {
  try {
    fn();
  } catch (const Error &e) {
    std::string msg = e.what();
    for (const std::string &p : parts)
      EXPECT_NE(msg.find(p), std::string::npos)
          << "message \"" << msg << "\" lacks \"" << p << "\"";
    return;
  } catch (const std::exception &e) {
    ADD_FAILURE() << "threw a non-vmapc exception: " << e.what();
    return;
  }
  ADD_FAILURE() << "no vmapc::Error thrown";
}

/// Seed workloads written for one example, for the tests that run each
/// several ways (chunked, parallel, with fp_contract).
///
/// W1: relu(x W1) . W2.
inline const auto nnExample = [](Expr<float> x, Expr<float> w1,
                                 Expr<float> w2) {
  return dot(relu(dot(x, w1)), w2);
};
/// nnExample on row `i` of `x`, in float64 loops.
inline double nnReference(const Array<float> &x, const Array<float> &w1,
                          const Array<float> &w2, int64_t i) {
  const int64_t d = w1.shape()[0], h = w1.shape()[1];
  double y = 0;
  for (int64_t j = 0; j < h; ++j) {
    double a = 0;
    for (int64_t k = 0; k < d; ++k)
      a += double(x(i, k)) * w1(k, j);
    y += std::max(a, 0.0) * w2(j);
  }
  return y;
}

/// W5: kLvSteps Euler steps of Lotka-Volterra, a fori_loop with a tuple
/// carry; the final x * y.
inline constexpr int64_t kLvSteps = 200;
inline const auto lotkaVolterraExample = [](Expr<float> x0, Expr<float> y0,
                                            Expr<float> a) {
  using S = std::tuple<Expr<float>, Expr<float>>;
  S s = fori_loop(
      0, kLvSteps,
      [&](auto, const S &s) {
        auto [x, y] = s;
        Expr<float> nx = x + 0.01f * (a * x - 0.4f * x * y);
        Expr<float> ny = y + 0.01f * (0.4f * x * y - 0.1f * y);
        return S{nx, ny};
      },
      S{x0, y0});
  return std::get<0>(s) * std::get<1>(s);
};

} // namespace vmapc::test

#endif // VMAPC_TEST_UNIT_DSLTESTUTIL_H
