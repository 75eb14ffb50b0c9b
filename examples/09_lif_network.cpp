//===- 09_lif_network.cpp - Leaky integrate-and-fire network with scan ----===//
//
// JAX:  def step(V, _):
//           fired = V >= v_th
//           V = jnp.where(fired, v_reset, V)
//           I = W @ fired + I_ext
//           V = V + dt / tau_m * (-V + v_reset + R * I)
//           return jnp.where(fired, v_reset, V), fired
//       V, spikes = lax.scan(step, V0, None, length=int(t_max / dt))
//       jax.vmap(simulate, in_axes=(None, 0, None))(W, I_exts, V0)
//
// N neurons coupled by W, driven by an external current large enough that
// they fire; the spike trains come out of scan stacked over time. The
// weights and currents are multiples of powers of two, so W @ fired is
// exact in float32 whatever the summation order and the compiled network
// must reproduce the plain C++ loop's spike trains bit for bit. Then the
// simulation is vmapped over several independent runs (different I_ext).
//
//===----------------------------------------------------------------------===//

#include "common.h"

namespace vx = vmapc;
using examples::check;

namespace {

constexpr float kDt = 0.01f, kTauM = 20.0f, kVReset = -65.0f, kVTh = -50.0f,
                kR = 1.0f;
constexpr int64_t kSteps = 10000; // t_max = 100 ms at dt = 0.01 ms

/// Plain C++: final V[N] and spikes[T, N] of one run, in the DSL's order of
/// operations.
void reference(const vx::Array<float> &W, const float *iext, int64_t n,
               vx::Array<float> &V, vx::Array<bool> &spikes) {
  std::vector<float> v(n, kVReset), next(n);
  std::vector<bool> fired(n);
  for (int64_t t = 0; t < kSteps; ++t) {
    for (int64_t i = 0; i < n; ++i) {
      fired[i] = v[i] >= kVTh;
      spikes(t, i) = fired[i];
    }
    for (int64_t i = 0; i < n; ++i) {
      float vi = fired[i] ? kVReset : v[i];
      float current = 0;
      for (int64_t j = 0; j < n; ++j)
        current += W(i, j) * (fired[j] ? 1.0f : 0.0f);
      current += iext[i];
      vi = vi + kDt / kTauM * (-vi + kVReset + kR * current);
      next[i] = fired[i] ? kVReset : vi;
    }
    v.swap(next);
  }
  for (int64_t i = 0; i < n; ++i)
    V(i) = v[i];
}

} // namespace

int main() {
  return examples::run([] {
    std::printf("09 Leaky integrate-and-fire network: scan, then vmap over "
                "runs\n");
    const int64_t n = 64, runs = 8;

    auto simulate = [](vx::Expr<float> W, vx::Expr<float> iext,
                       vx::Expr<float> v0) {
      auto [V, spikes] = vx::scan(
          [&](const vx::Expr<float> &V, vx::None) {
            vx::Expr<bool> fired = V >= kVTh;
            vx::Expr<float> v = vx::where(fired, kVReset, V);
            vx::Expr<float> current =
                vx::dot(W, vx::astype<float>(fired)) + iext;
            v = v + kDt / kTauM * (-v + kVReset + kR * current);
            return std::make_pair(vx::where(fired, kVReset, v), fired);
          },
          v0, vx::none, kSteps);
      return std::make_tuple(V, spikes);
    };

    // Weights in [-1/8, 1/8) in steps of 1/64; currents 14..29 in steps of
    // 1/4 (R * I > v_th - v_reset = 15 makes a neuron fire on its own).
    std::mt19937 gen(9);
    std::uniform_int_distribution<int> w(-8, 7), c(56, 116);
    vx::Array<float> W({n, n});
    for (float &x : W)
      x = w(gen) / 64.0f;
    vx::Array<float> iext({runs, n});
    for (float &x : iext)
      x = c(gen) / 4.0f;
    vx::Array<float> v0({n});
    for (float &x : v0)
      x = kVReset;

    // One run.
    auto one = vx::jit(simulate);
    vx::Array<float> iext0({n});
    std::copy(iext.data(), iext.data() + n, iext0.data());
    auto [V, spikes] = one(W, iext0, v0);
    vx::Array<float> refV({n});
    vx::Array<bool> refSpikes({kSteps, n});
    reference(W, iext0.data(), n, refV, refSpikes);
    int64_t count = 0;
    for (bool s : spikes)
      count += s;
    std::printf("  one run: %lld spikes in %lld steps of %lld neurons\n",
                static_cast<long long>(count), static_cast<long long>(kSteps),
                static_cast<long long>(n));
    check("spike trains == C++ loop", spikes, refSpikes, 0);
    check("final V == C++ loop", V, refV, 0);
    if (count == 0) {
      std::printf("  [FAIL] no neuron fired\n");
      ++examples::failures;
    }

    // Independent runs with different currents, vmapped.
    auto many = vx::jit(vx::vmap(simulate, vx::in_axes(vx::none, 0, vx::none)));
    auto [Vs, trains] = many(W, iext, v0);
    double worstV = 0;
    int64_t mismatches = 0;
    auto loop = [&] {
      for (int64_t r = 0; r < runs; ++r)
        reference(W, iext.data() + r * n, n, refV, refSpikes);
    };
    for (int64_t r = 0; r < runs; ++r) {
      reference(W, iext.data() + r * n, n, refV, refSpikes);
      for (int64_t t = 0; t < kSteps; ++t)
        for (int64_t i = 0; i < n; ++i)
          mismatches += trains(r, t, i) != refSpikes(t, i);
      for (int64_t i = 0; i < n; ++i)
        worstV = std::max(worstV,
                          static_cast<double>(std::fabs(Vs(r, i) - refV(i))));
    }
    bool ok = mismatches == 0 && worstV == 0;
    examples::failures += !ok;
    std::printf("  [%s] vmapped over %lld runs == C++ loops: %lld spike "
                "mismatches, max |dV| %.3g\n",
                ok ? "PASS" : "FAIL", static_cast<long long>(runs),
                static_cast<long long>(mismatches), worstV);
    examples::printTiming("8 runs x 64 neurons x 10000 steps",
                          examples::timeMs([&] { many(W, iext, v0); }, 3),
                          examples::timeMs(loop, 3));
  });
}
