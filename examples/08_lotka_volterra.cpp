//===- 08_lotka_volterra.cpp - Predator-prey with fori_loop and scan ------===//
//
// JAX:  def step(s, p):                       # s = (x, y), p = (a, b, g, d)
//           x, y = s; a, b, g, d = p
//           return (x + (a*x - b*x*y)*dt, y + (d*x*y - g*y)*dt)
//       final = lax.fori_loop(0, n, lambda i, s: step(s, p), (x0, y0))
//       _, traj = lax.scan(lambda s, _: (step(s, p),) * 2, (x0, y0), None, n)
//       jax.vmap(simulate)(x0s, y0s, ps)      # many systems at once
//
// Forward Euler on prey x and predator y. The final state (fori_loop) and
// the trajectory (scan) of the textbook system are checked against a plain
// float32 C++ loop and the known values; then the simulation is vmapped over
// 4096 parameter sets and initial states (all lanes advance together in one
// compiled loop over time) and checked system by system.
//
//===----------------------------------------------------------------------===//

#include "common.h"

namespace vx = vmapc;
using examples::check;

namespace {

using State = std::tuple<vx::Expr<float>, vx::Expr<float>>;

/// One Euler step; the parameters are numbers or rank-0 symbolic arrays.
template <typename P> State step(const State &s, P a, P b, P g, P d, float dt) {
  auto [x, y] = s;
  auto xy = x * y;
  return {x + (a * x - b * xy) * dt, y + (d * xy - g * y) * dt};
}

/// The same in plain float32 C++, in the same operation order.
void referenceStep(float &x, float &y, float a, float b, float g, float d,
                   float dt) {
  float xy = x * y;
  float nx = x + (a * x - b * xy) * dt;
  float ny = y + (d * xy - g * y) * dt;
  x = nx;
  y = ny;
}

} // namespace

int main() {
  return examples::run([] {
    std::printf("08 Lotka-Volterra: fori_loop, scan, and vmap over systems\n");
    const int steps = 20;

    // The textbook system: a=1.1, b=0.4, g=0.4, d=0.1 from (10, 5).
    auto final = vx::jit([&](vx::Expr<float> x0, vx::Expr<float> y0) {
      return vx::fori_loop(
          0, steps,
          [](auto, const State &s) {
            return step(s, 1.1f, 0.4f, 0.4f, 0.1f, 0.1f);
          },
          State{x0, y0});
    });
    auto [x, y] = final(10.0f, 5.0f);
    float rx = 10, ry = 5;
    vx::Array<float> refTraj({steps, 2});
    for (int i = 0; i < steps; ++i) {
      referenceStep(rx, ry, 1.1f, 0.4f, 0.4f, 0.1f, 0.1f);
      refTraj(i, 0) = rx;
      refTraj(i, 1) = ry;
    }
    std::printf("  fori_loop final state: (%.5f, %.5f), C++ loop (%.5f, "
                "%.5f)\n",
                x(), y(), rx, ry);
    check("fori_loop == C++ loop", vx::Array<float>({2}, {x(), y()}),
          vx::Array<float>({2}, {rx, ry}), 1e-5);
    check("fori_loop == (0.76442, 4.82224)", vx::Array<float>({2}, {x(), y()}),
          vx::Array<float>({2}, {0.76442f, 4.82224f}), 1e-5);

    auto trajectory = vx::jit([&](vx::Expr<float> x0, vx::Expr<float> y0) {
      auto [last, traj] = vx::scan(
          [](const State &s, vx::None) {
            State next = step(s, 1.1f, 0.4f, 0.4f, 0.1f, 0.1f);
            return std::make_pair(next, next);
          },
          State{x0, y0}, vx::none, steps);
      auto [xs, ys] = traj;
      return vx::concat<float>({xs.reshape({steps, 1}), ys.reshape({steps, 1})},
                               1);
    });
    check("scan trajectory == C++ loop", trajectory(10.0f, 5.0f), refTraj,
          1e-5);

    // Many systems: parameters and initial states per lane, 1000 steps of
    // dt = 0.01 (with dt = 0.1, Euler's outward spiral drives some systems
    // to the edge of float range within 1000 steps).
    const int64_t n = 4096;
    const int longSteps = 1000;
    const float dt = 0.01f;
    // One system's parameters are scalars here; vmap maps every argument
    // over axis 0 of its array (a struct-of-arrays layout, so each step
    // reads whole vectors of lanes).
    auto simulate = [&](vx::Expr<float> x0, vx::Expr<float> y0,
                        vx::Expr<float> a, vx::Expr<float> b, vx::Expr<float> g,
                        vx::Expr<float> d) {
      return vx::fori_loop(
          0, longSteps,
          [&](auto, const State &s) { return step(s, a, b, g, d, dt); },
          State{x0, y0});
    };
    auto batched = vx::jit(vx::vmap(simulate));
    std::mt19937 gen(8);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    vx::Array<float> x0({n}), y0({n}), pa({n}), pb({n}), pg({n}), pd({n});
    for (int64_t i = 0; i < n; ++i) {
      // Around the textbook system, where Euler stays bounded.
      x0(i) = 8 + 4 * u(gen);
      y0(i) = 4 + 2 * u(gen);
      pa(i) = 1.0f + 0.2f * u(gen);
      pb(i) = 0.35f + 0.1f * u(gen);
      pg(i) = 0.35f + 0.1f * u(gen);
      pd(i) = 0.08f + 0.04f * u(gen);
    }
    auto [xs, ys] = batched(x0, y0, pa, pb, pg, pd);
    vx::Array<float> refX({n}), refY({n});
    auto loop = [&] {
      for (int64_t i = 0; i < n; ++i) {
        float sx = x0(i), sy = y0(i);
        for (int t = 0; t < longSteps; ++t)
          referenceStep(sx, sy, pa(i), pb(i), pg(i), pd(i), dt);
        refX(i) = sx;
        refY(i) = sy;
      }
    };
    loop();
    // 1000 float32 steps: rounding (and FMA contraction in either
    // compiler's code) accumulates, so agree to 1e-3 relative.
    double scale = std::max(*std::max_element(refX.begin(), refX.end()),
                            *std::max_element(refY.begin(), refY.end()));
    check("vmapped (4096 systems, 1000 steps) == C++ loops: x", xs, refX,
          1e-3 * scale);
    check("vmapped (4096 systems, 1000 steps) == C++ loops: y", ys, refY,
          1e-3 * scale);
    examples::printTiming("4096 systems x 1000 steps", examples::timeMs([&] {
                            batched(x0, y0, pa, pb, pg, pd);
                          }),
                          examples::timeMs(loop));
  });
}
