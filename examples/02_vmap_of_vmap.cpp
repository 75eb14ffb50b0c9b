//===- 02_vmap_of_vmap.cpp - Nested vmap over a matrix
//----------------------===//
//
// JAX:  f = lambda x: x ** 2 + 1.
//       jax.vmap(jax.vmap(f))(jnp.arange(15.).reshape(3, 5))
//
// The inner vmap maps f over the columns of one row, the outer over the rows:
// the scalar function reaches every element of the 3x5 matrix.
//
//===----------------------------------------------------------------------===//

#include "common.h"

namespace vx = vmapc;
using examples::check;

int main() {
  return examples::run([] {
    std::printf("02 vmap of vmap over a 3x5 matrix\n");
    auto f = [](auto x) { return x * x + 1; };
    auto both = vx::jit(vx::vmap(vx::vmap(f)));

    vx::Array<float> m({3, 5});
    for (int64_t i = 0; i < 15; ++i)
      m.data()[i] = static_cast<float>(i);
    vx::Array<float> r = both(m);
    std::printf("  vmap(vmap(f))(arange(15).reshape(3, 5)) =\n");
    for (int i = 0; i < 3; ++i) {
      std::printf("    [");
      for (int j = 0; j < 5; ++j)
        std::printf("%s%6g", j ? ", " : "", r(i, j));
      std::printf("]\n");
    }
    vx::Array<float> want({3, 5});
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 5; ++j)
        want(i, j) = m(i, j) * m(i, j) + 1;
    check("vmap(vmap(f)) == elementwise f", r, want, 0);

    // Larger: 2000 x 1000, against jitting vmap(f) once and calling it per row.
    const int64_t rows = 2000, cols = 1000;
    vx::Array<float> big = examples::randn<float>({rows, cols}, 3);
    auto perRow = vx::jit(vx::vmap(f));
    vx::Array<float> looped({rows, cols});
    auto loop = [&] {
      for (int64_t i = 0; i < rows; ++i) {
        vx::Array<float> row = perRow(big.row(i));
        std::copy(row.begin(), row.end(), looped.data() + i * cols);
      }
    };
    vx::Array<float> batched = both(big);
    loop();
    check("vmapped == per-row loop (2000 x 1000)", batched, looped, 0);
    examples::printTiming("2000 x 1000", examples::timeMs([&] { both(big); }),
                          examples::timeMs(loop));
  });
}
