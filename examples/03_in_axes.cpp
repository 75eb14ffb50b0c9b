//===- 03_in_axes.cpp - in_axes=(0, 0, 0) and the default
//------------------===//
//
// JAX:  f = lambda x, y, z: x * y + z
//       jax.vmap(f, in_axes=(0, 0, 0))(xs, ys, zs) == jax.vmap(f)(xs, ys, zs)
//
// Mapping every argument on axis 0 is vmap's default; spelling it out gives
// the same function. Mapping axis 1 instead walks the columns.
//
//===----------------------------------------------------------------------===//

#include "common.h"

namespace vx = vmapc;
using examples::check;

int main() {
  return examples::run([] {
    std::printf("03 in_axes=(0, 0, 0) and default axes\n");
    auto f = [](auto x, auto y, auto z) { return vx::dot(x, y) + z; };
    auto explicitAxes = vx::jit(vx::vmap(f, vx::in_axes(0, 0, 0)));
    auto defaultAxes = vx::jit(vx::vmap(f));
    auto columns = vx::jit(vx::vmap(f, vx::in_axes(1, 1, 0)));

    vx::Array<float> xs = vx::array<float>({{1, 2}, {3, 4}, {5, 6}});
    vx::Array<float> ys = vx::array<float>({{1, 0}, {0, 1}, {1, 1}});
    vx::Array<float> zs = vx::array<float>({10, 20, 30});
    vx::Array<float> a = explicitAxes(xs, ys, zs);
    vx::Array<float> b = defaultAxes(xs, ys, zs);
    std::printf("  in_axes=(0,0,0): [%g, %g, %g]\n", a(0), a(1), a(2));
    check("in_axes=(0,0,0) == [11, 24, 41]", a, vx::array<float>({11, 24, 41}),
          0);
    check("default in_axes == in_axes=(0,0,0)", b, a, 0);
    vx::Array<float> c = columns(xs, ys, vx::array<float>({100, 200}));
    check("in_axes=(1,1,0) walks columns: [106, 210]", c,
          vx::array<float>({1 + 0 + 5 + 100, 0 + 4 + 6 + 200}), 0);

    const int64_t n = 100000, d = 16;
    vx::Array<float> X = examples::randn<float>({n, d}, 4);
    vx::Array<float> Y = examples::randn<float>({n, d}, 5);
    vx::Array<float> Z = examples::randn<float>({n}, 6);
    auto single = vx::jit(f);
    vx::Array<float> looped({n});
    auto loop = [&] {
      for (int64_t i = 0; i < n; ++i)
        looped(i) = single(X.row(i), Y.row(i), Z.row(i))();
    };
    vx::Array<float> batched = defaultAxes(X, Y, Z);
    loop();
    check("vmapped == per-example loop (n = 100000)", batched, looped, 1e-5);
    examples::printTiming("n = 100000, d = 16",
                          examples::timeMs([&] { defaultAxes(X, Y, Z); }),
                          examples::timeMs(loop, 2));
  });
}
