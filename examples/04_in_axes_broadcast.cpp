//===- 04_in_axes_broadcast.cpp - in_axes=(0, None, None)
//------------------===//
//
// JAX:  f = lambda x, y, z: x + y + z
//       jax.vmap(f, in_axes=(0, None, None))(jnp.array([1., 2., 3.]),
//                                            jnp.array([10., 20., 30.]),
//                                            jnp.array([100., 200., 300.]))
//
// Only x is mapped; y and z are passed whole to every call, so each of the
// three calls returns a length-3 vector and the result is 3x3.
//
//===----------------------------------------------------------------------===//

#include "common.h"

namespace vx = vmapc;
using examples::check;

int main() {
  return examples::run([] {
    std::printf("04 in_axes=(0, None, None)\n");
    auto f = [](auto x, auto y, auto z) { return x + y + z; };
    auto g = vx::jit(vx::vmap(f, vx::in_axes(0, vx::none, vx::none)));

    vx::Array<float> x = vx::array<float>({1, 2, 3});
    vx::Array<float> y = vx::array<float>({10, 20, 30});
    vx::Array<float> z = vx::array<float>({100, 200, 300});
    vx::Array<float> r = g(x, y, z);
    std::printf("  result (%s):\n", vx::shapeToString(r.shape()).c_str());
    for (int i = 0; i < r.shape()[0]; ++i)
      std::printf("    [%g, %g, %g]\n", r(i, 0), r(i, 1), r(i, 2));
    check("3x3 broadcast result", r,
          vx::array<float>({{111, 221, 331}, {112, 222, 332}, {113, 223, 333}}),
          0);

    const int64_t n = 20000, d = 256;
    vx::Array<float> X = examples::randn<float>({n}, 7);
    vx::Array<float> Y = examples::randn<float>({d}, 8);
    vx::Array<float> Z = examples::randn<float>({d}, 9);
    auto single = vx::jit(f);
    vx::Array<float> looped({n, d});
    auto loop = [&] {
      for (int64_t i = 0; i < n; ++i) {
        vx::Array<float> row = single(X(i), Y, Z);
        std::copy(row.begin(), row.end(), looped.data() + i * d);
      }
    };
    vx::Array<float> batched = g(X, Y, Z);
    loop();
    check("vmapped == per-example loop (20000 x 256)", batched, looped, 0);
    examples::printTiming("n = 20000, d = 256",
                          examples::timeMs([&] { g(X, Y, Z); }),
                          examples::timeMs(loop, 2));
  });
}
