//===- 01_scalar_add.cpp - vmap of a scalar function
//------------------------===//
//
// JAX:  add = lambda x, y: x + y
//       jax.vmap(add)(jnp.array([1., 2., 3.]), jnp.array([4., 5., 6.]))
//
// `add` is written for two scalars; vmap maps it over the leading axis of
// both arguments.
//
//===----------------------------------------------------------------------===//

#include "common.h"

namespace vx = vmapc;
using examples::check;

int main() {
  return examples::run([] {
    std::printf("01 scalar add by vmap\n");
    auto add = [](auto x, auto y) { return x + y; };
    auto vadd = vx::jit(vx::vmap(add));

    vx::Array<float> x = vx::array<float>({1, 2, 3});
    vx::Array<float> y = vx::array<float>({4, 5, 6});
    vx::Array<float> z = vadd(x, y);
    std::printf("  vmap(add)([1, 2, 3], [4, 5, 6]) = [%g, %g, %g]\n", z(0),
                z(1), z(2));
    check("vmap(add) == [5, 7, 9]", z, vx::array<float>({5, 7, 9}), 0);

    // A larger batch: the vmapped kernel against the seed's custom_vmap, which
    // calls the jitted scalar kernel once per element.
    const int64_t n = 200000;
    vx::Array<float> a = examples::randn<float>({n}, 1);
    vx::Array<float> b = examples::randn<float>({n}, 2);
    auto scalarAdd = vx::jit(add);
    vx::Array<float> looped({n});
    auto loop = [&] {
      for (int64_t i = 0; i < n; ++i)
        looped(i) = scalarAdd(a(i), b(i))();
    };
    vx::Array<float> batched = vadd(a, b);
    loop();
    check("vmapped == per-example loop (n = 200000)", batched, looped, 0);
    vx::Array<float> want({n});
    for (int64_t i = 0; i < n; ++i)
      want(i) = a(i) + b(i);
    check("vmapped == C++ loop", batched, want, 0);
    examples::printTiming("n = 200000", examples::timeMs([&] { vadd(a, b); }),
                          examples::timeMs(loop, 2));
  });
}
