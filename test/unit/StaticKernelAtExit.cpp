//===- StaticKernelAtExit.cpp - Kernels in static objects, destroyed at exit
//===//
//
// A user keeps a jitted kernel in a global or a function-local static. Its
// compiled module is then destroyed among the exit handlers, after statics
// of LLVM that its compilation created; tearing the JIT down there read
// freed memory (exit codes 1, 133 or 139 about every other run). ctest runs
// this program 20 times (test/unit/CMakeLists.txt); every run must check
// its results and exit 0.
//
//===----------------------------------------------------------------------===//
#include <vmapc/vmapc.h>

#include <cmath>
#include <cstdio>
#include <tuple>

namespace vx = vmapc;
using E = vx::Expr<float>;

namespace {
auto rotate = [](E x0, E y0) {
  using S = std::tuple<E, E>;
  return vx::fori_loop(
      0, 20,
      [&](auto, const S &s) {
        auto [x, y] = s;
        return S{x + y * 0.1f, y - x * 0.1f};
      },
      S{x0, y0});
};
// Compiled before main's other kernels, destroyed after them.
auto globalKernel = vx::jit(vx::vmap(rotate, 0, 0, vx::chunk_size(256)));

float tanhTwice(const vx::Array<float> &a) {
  static auto kernel =
      vx::jit(vx::vmap([](E x) { return vx::tanh(x) * 2.0f; }, 0, 0,
                       vx::chunk_size(64), vx::parallel));
  return kernel(a)(3);
}
} // namespace

int main() {
  vx::Array<float> a({100}), b({100});
  for (int i = 0; i < 100; ++i) {
    a(i) = 0.01f * i;
    b(i) = 1.0f;
  }
  auto [x, y] = globalKernel(a, b);
  // Each explicit Euler step of the rotation multiplies x^2 + y^2 by 1.01.
  double r0 = std::pow(1.01, 20), r = double(x(0)) * x(0) + double(y(0)) * y(0);
  float t = tanhTwice(a);
  bool ok = std::abs(r - r0) < 1e-4 && std::abs(t - 2 * std::tanh(0.03)) < 1e-6;
  std::printf("static kernels: |p|^2 %.4f, 2 tanh(0.03) %.6f: %s\n", r, t,
              ok ? "ok" : "WRONG");
  return ok ? 0 : 1;
}
