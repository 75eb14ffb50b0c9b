// Not a test: the C++ program of aot.mlir. It calls AOT kernels through
// the C++20 overloads of their headers, on vmapc::Array and
// vmapc::ArrayView: the allocating overload (one result, or a std::tuple
// of several), the one writing into given arrays, and their shape checks
// (vmapc::Error, caught and printed). Results print as vmapc-run prints
// them (aot_print.h). Inputs are those of aot_driver.c.
#include "aot_print.h"

#include "mixed.h"
#include "serial.h"

#include <cstdio>
#include <vector>

namespace {

template <typename T> aot_dtype dtypeOf();
template <> aot_dtype dtypeOf<float>() { return AOT_F32; }
template <> aot_dtype dtypeOf<double>() { return AOT_F64; }
template <> aot_dtype dtypeOf<bool>() { return AOT_I1; }
template <> aot_dtype dtypeOf<int32_t>() { return AOT_I32; }

template <typename T> void show(const vmapc::Array<T> &a) {
  aot_print(dtypeOf<T>(), a.data(), static_cast<int>(a.ndim()),
            a.shape().data());
}

vmapc::Array<float> makeX(int64_t n) {
  vmapc::Array<float> x({n, 3});
  for (int64_t k = 0; k < n; ++k) {
    x(k, 0) = static_cast<float>(k - 6);
    x(k, 1) = 2;
    x(k, 2) = static_cast<float>(k % 3 - 1);
  }
  return x;
}

const vmapc::Array<float> w({3, 2}, {1, 2, -1, 0, 3, -2});

template <typename F> void expectError(const char *what, F f) {
  try {
    f();
    std::printf("%s: no error\n", what);
  } catch (const vmapc::Error &e) {
    std::printf("%s: %s\n", what, e.what());
  }
}

} // namespace

int main() {
  // Allocating, two results: a std::tuple.
  for (int64_t n : {0, 1, 5, 13}) {
    auto [y, w2] = serial(makeX(n), w);
    show(y);
    show(w2);
  }

  // Into given arrays, one of them a view of a std::vector.
  {
    vmapc::Array<float> x = makeX(4);
    std::vector<float> storage(8, 99);
    vmapc::ArrayView<float> y(storage.data(), {4, 2});
    vmapc::Array<float> w2({3, 2});
    serial(x, w, y, w2);
    show(vmapc::Array<float>({4, 2}, storage));
    show(w2);
  }

  // Static, several dtypes, a rank-0 result.
  {
    vmapc::Array<double> a({2, 3}, {0.5, -1.25, 2, 3, -0.5, 1.5});
    vmapc::Array<int32_t> b({3}, {-3, 0, 7});
    vmapc::Array<float> x({4}, {0, 1, -1, 0.5f});
    vmapc::Array<bool> p({3}, {false, true, true});
    auto [sq, sel, gt, ex, th, sum] = mixed(a, b, x, p);
    show(sq);
    show(sel);
    show(gt);
    show(ex);
    show(th);
    show(sum);
    expectError("mixed b[4]", [&] {
      mixed(a, vmapc::Array<int32_t>({4}, {1, 2, 3, 4}), x, p);
    });
    expectError("mixed sum[1]", [&] {
      vmapc::Array<double> o0({2, 3}), o4({2, 3}), o5({1});
      vmapc::Array<int32_t> o1({3});
      vmapc::Array<bool> o2({2, 3});
      vmapc::Array<float> o3({4});
      mixed(a, b, x, p, o0, o1, o2, o3, o4, o5);
    });
  }

  // Shape errors, thrown before the kernel runs.
  vmapc::Array<float> x5 = makeX(5);
  vmapc::Array<float> y5({5, 2}), w2({3, 2});
  expectError("x[5, 4]", [&] { serial(vmapc::Array<float>({5, 4}), w); });
  expectError("x[15]", [&] { serial(vmapc::Array<float>({15}), w); });
  expectError("w[2, 3]", [&] { serial(x5, vmapc::Array<float>({2, 3})); });
  expectError("y[4, 2]", [&] {
    vmapc::Array<float> y4({4, 2});
    serial(x5, w, y4, w2);
  });
  expectError("w2[3, 2, 1]", [&] {
    vmapc::Array<float> w2bad({3, 2, 1});
    serial(x5, w, y5, w2bad);
  });
  // A null pointer for an array with elements: the entry point's 1.
  expectError("null x", [&] {
    serial(vmapc::ArrayView<const float>(nullptr, {2, 3}), w);
  });
  // ...but none for an empty batch.
  expectError("null x[0, 3]", [&] {
    auto [y, w2e] = serial(vmapc::ArrayView<const float>(nullptr, {0, 3}), w);
    show(y);
    show(w2e);
  });
  // The right shapes after all that: the kernel still works.
  serial(x5, w, y5, w2);
  show(y5);
  return 0;
}
