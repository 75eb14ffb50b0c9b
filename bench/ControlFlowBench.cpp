//===- ControlFlowBench.cpp - Loops under vmap vs plain C++ -----*- C++ -*-===//
//
// The control-flow case studies written with the DSL (jitted once outside
// the timed loop) against plain C++ loops (ControlPeerLoops.cpp):
//   W5 Lotka-Volterra, 4096 systems x 1000 Euler steps (fori_loop under
//     vmap) against loops one system at a time, time-outer and blocked
//   W6 leaky integrate-and-fire network, N = 1024, 1000 steps (scan with
//     the spike trains as per-step outputs) against loops with one dot
//     product per row and with register blocks of rows
//   one EM iteration of a 4-class full-covariance GMM on 90,500 2-D points
//     (double-vmap E-step with per-class inv/det, vmapped M-step)
//
// W5 and W6 follow vmapc-seed-bench (SeedWorkloads.cpp): before anything is
// timed every variant's outputs are checked against a float64 reference
// computed by plain loops (a disagreement prints where and exits 1), every
// row carries flop_per_iter and byte_per_iter, and the binary registers the
// machine probes (MachineProbes.h), so `bench/compare.py` prints each row
// as a fraction of its ideal bound from one run.
//
//===----------------------------------------------------------------------===//
#include "ControlPeers.h"
#include "MachineProbes.h"

#include <vmapc/vmapc.h>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <numbers>
#include <random>
#include <string>
#include <vector>

namespace vx = vmapc;
using E = vx::Expr<float>;
using namespace control;

namespace {

vx::Array<float> uniform(vx::Shape shape, unsigned seed, float lo, float hi) {
  vx::Array<float> a(std::move(shape));
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> u(lo, hi);
  for (float &x : a)
    x = u(gen);
  return a;
}

/// One way of computing W5 or W6. All variants of a workload write the same
/// output buffers, as in the seed bench, so timings compare code and not
/// placement.
struct Variant {
  std::string name;
  std::function<void()> run;
};

/// A workload, its variants and the check of its outputs.
struct Workload {
  std::string name;
  double flops = 0, bytes = 0;
  /// What it must read from L3 at least (0: nothing beyond `bytes`).
  double l3Bytes = 0;
  std::vector<Variant> variants;
  /// Fills the outputs with what no variant writes (NaN, all spikes), so a
  /// variant that writes nothing fails instead of passing on the
  /// outputs of the one before.
  std::function<void()> poison;
  /// Compares the outputs with the float64 reference; prints the verdict.
  std::function<bool(const std::string &variant)> check;
  std::shared_ptr<void> state;
};

/// The largest |got - ref| / (|ref| + mean |ref|) over a whole output (the
/// seed bench's measure: the mean keeps elements near zero from demanding
/// more than float32 gives) and where; NaN counts as the worst.
std::pair<double, size_t> scaledError(const float *got,
                                      const std::vector<double> &ref) {
  double mean = 0;
  for (double r : ref)
    mean += std::abs(r) / double(ref.size());
  std::pair<double, size_t> worst{0, 0};
  for (size_t i = 0; i < ref.size(); ++i) {
    double err = std::abs(double(got[i]) - ref[i]) / (std::abs(ref[i]) + mean);
    if (std::isnan(err))
      return {err, i};
    worst = std::max(worst, {err, i});
  }
  return worst;
}

/// Prints and tests one output's scaled error against `rtol`.
bool checkOutput(const std::string &workload, const std::string &variant,
                 const char *output, const float *got,
                 const std::vector<double> &ref, double rtol) {
  auto [err, at] = scaledError(got, ref);
  bool ok = err <= rtol;
  std::fprintf(stderr, "check %-17s %-16s %-6s max scaled error %.2e %s\n",
               workload.c_str(), variant.c_str(), output, err,
               ok ? "ok" : "FAILED");
  if (!ok)
    std::fprintf(stderr, "  element %zu: got %.9g, float64 reference %.9g\n",
                 at, double(got[at]), ref[at]);
  return ok;
}

//===----------------------------------------------------------------------===//
// W5 Lotka-Volterra
//===----------------------------------------------------------------------===//

/// Flops of one Euler step of one system, counted as written: xy = x * y
/// (1), x + (a * x - b * xy) * dt (two multiplies, a subtraction, the
/// multiply by dt and an add: 5), and the same 5 for y. Contracted into FMAs
/// the step is 7 instructions (3 multiplies, 4 FMAs), so at the FMA peak, which
/// counts 2 flops per FMA, this count reaches 11 / 14 = 79% of it at best.
constexpr double kLvFlopPerStep = 11;
/// Compulsory traffic per system: x0, y0, a, b, g, d read once, x and y
/// written once, float32.
constexpr double kLvBytePerSystem = 4.0 * (6 + 2);
/// Accumulated over 1000 steps the float32 state agrees with float64 to
/// 4.4e-6 of its scale.
constexpr double kLvRtol = 1e-4;

Workload makeLotkaVolterra() {
  struct State {
    vx::Array<float> x0 = uniform({kSystems}, 1, 8, 12);
    vx::Array<float> y0 = uniform({kSystems}, 2, 4, 6);
    vx::Array<float> a = uniform({kSystems}, 3, 1.0f, 1.2f);
    vx::Array<float> b = uniform({kSystems}, 4, 0.35f, 0.45f);
    vx::Array<float> g = uniform({kSystems}, 5, 0.35f, 0.45f);
    vx::Array<float> d = uniform({kSystems}, 6, 0.08f, 0.12f);
    vx::Array<float> x{{kSystems}}, y{{kSystems}};
    std::vector<double> refX, refY;
    LvInputs inputs() const {
      return {x0.data(), y0.data(), a.data(), b.data(), g.data(), d.data()};
    }
  };
  auto s = std::make_shared<State>();
  Workload w;
  w.name = "W5_lotka_volterra";
  w.flops = kLvFlopPerStep * kSystems * kLvSteps;
  w.bytes = kLvBytePerSystem * kSystems;

  using LvState = std::tuple<E, E>;
  auto simulate = [](E x0, E y0, E a, E b, E g, E d) {
    return vx::fori_loop(
        0, kLvSteps,
        [&](auto, const LvState &st) {
          auto [x, y] = st;
          E xy = x * y;
          return LvState{x + (a * x - b * xy) * kLvDt,
                         y + (d * xy - g * y) * kLvDt};
        },
        LvState{x0, y0});
  };
  vx::Compiled compiled =
      vx::jit(vx::vmap(simulate)).lower(s->x0, s->y0, s->a, s->b, s->g, s->d);
  w.variants.push_back({"vmapped", [s, compiled] {
                          compiled.call({s->x0.tensor(), s->y0.tensor(),
                                         s->a.tensor(), s->b.tensor(),
                                         s->g.tensor(), s->d.tensor()},
                                        {s->x.tensor(), s->y.tensor()});
                        }});
  // The same kernel with its multiply-adds fused, as the loops peers are by
  // clang's default -ffp-contract=on.
  vx::Compiled fused = vx::jit(vx::vmap(simulate), vx::fp_contract)
                           .lower(s->x0, s->y0, s->a, s->b, s->g, s->d);
  w.variants.push_back({"vmapped_fp_contract", [s, fused] {
                          fused.call({s->x0.tensor(), s->y0.tensor(),
                                      s->a.tensor(), s->b.tensor(),
                                      s->g.tensor(), s->d.tensor()},
                                     {s->x.tensor(), s->y.tensor()});
                        }});
  w.variants.push_back(
      {"loops", [s] { lvLoops(s->inputs(), s->x.data(), s->y.data()); }});
  w.variants.push_back(
      {"loops_time_outer",
       [s] { lvLoopsTimeOuter(s->inputs(), s->x.data(), s->y.data()); }});
  w.variants.push_back({"loops_blocked", [s] {
                          lvLoopsBlocked(s->inputs(), s->x.data(), s->y.data());
                        }});

  // The same float32 parameters and step, in float64.
  s->refX.resize(kSystems);
  s->refY.resize(kSystems);
  const double dt = kLvDt;
  for (int64_t i = 0; i < kSystems; ++i) {
    double x = s->x0(i), y = s->y0(i);
    for (int t = 0; t < kLvSteps; ++t) {
      double xy = x * y;
      double nx = x + (double(s->a(i)) * x - double(s->b(i)) * xy) * dt;
      double ny = y + (double(s->d(i)) * xy - double(s->g(i)) * y) * dt;
      x = nx;
      y = ny;
    }
    s->refX[i] = x;
    s->refY[i] = y;
  }
  w.poison = [s] {
    std::fill(s->x.begin(), s->x.end(),
              std::numeric_limits<float>::quiet_NaN());
    std::fill(s->y.begin(), s->y.end(),
              std::numeric_limits<float>::quiet_NaN());
  };
  w.check = [s, name = w.name](const std::string &variant) {
    bool okX = checkOutput(name, variant, "x", s->x.data(), s->refX, kLvRtol);
    bool okY = checkOutput(name, variant, "y", s->y.data(), s->refY, kLvRtol);
    return okX && okY;
  };
  w.state = s;
  return w;
}

//===----------------------------------------------------------------------===//
// W6 leaky integrate-and-fire network
//===----------------------------------------------------------------------===//

/// Flops of one step of one neuron, counted as written: its row of
/// dot(W, fired), a multiply and an add per synapse (2 N); + iext (1);
/// -v + kVReset + current (2 adds; the negation is a sign flip); the
/// product with kDt / kTauM (1; the quotient of two constants folds); and
/// v + ... (1). The threshold test and the selects are no arithmetic.
constexpr double kLifFlopPerNeuronStep = 2.0 * kNeurons + 5;
/// Compulsory traffic: W, iext and v0 read once, V and the spike trains
/// (one byte per bool) written once. Every step reads all of W again; at
/// 4 MiB it does not fit in this machine's 2 MiB L2, so each step streams
/// it from L3 and no dense form gets near this bound.
constexpr double kLifBytes = 4.0 * (kNeurons * kNeurons + 2 * kNeurons) +
                             4.0 * kNeurons + 1.0 * kLifSteps * kNeurons;
/// What every dense form must read from L3: all of W at every step (a step
/// needs the previous one's spikes, so steps cannot share a pass over W,
/// and 4 MiB is more than the L2). compare.py bounds W6 by this at the
/// machine/l3_read rate, the slowest of its three limits.
constexpr double kLifL3Bytes = 4.0 * kNeurons * kNeurons * kLifSteps;
/// Float32 against float64 over 1000 steps: the potentials agree to 9.5e-7
/// of their scale (all variants alike; the integration's rounding, not the
/// summation order, makes it). The spikes are few (some 300), so
/// dot(W, fired) moves the final potentials little: a variant that drops it
/// for one block of 4 rows is off by 2.6e-6, which this bound catches.
constexpr double kLifRtol = 2e-6;
/// A spike may come a step earlier or later than float64's where the
/// float64 potential is this close to the threshold (mV): float32's ulp
/// there is 4e-6, and 1000 steps of rounding drift by up to 1e-4. Here it
/// happens once: neuron 895 is at -50.0000456 mV at step 757, float32
/// fires then and float64 a step later. The two differences of such a
/// shift count as one; the neuron's final potential is not compared (it
/// reset a step apart); every other spike must be identical.
constexpr double kLifThresholdMargin = 2e-4;
/// More shifts than this fail: a step moves a potential by 0.003 to
/// 0.008 mV, so a few percent of all spikes land within the margin, and a
/// variant with wrong currents shifts several of them (without
/// dot(W, fired): 11 within the margin, 10 spikes wrong beyond it).
constexpr int64_t kLifMaxShifts = 2;

Workload makeLif() {
  struct State {
    vx::Array<float> W = uniform({kNeurons, kNeurons}, 7, -0.05f, 0.05f);
    vx::Array<float> iext = uniform({kNeurons}, 8, 14, 30);
    vx::Array<float> v0 = uniform({kNeurons}, 9, -65, -50);
    vx::Array<float> V{{kNeurons}};
    vx::Array<bool> spikes{{kLifSteps, kNeurons}};
    std::vector<double> refV;
    std::vector<bool> refSpikes, refNearThreshold;
  };
  auto s = std::make_shared<State>();
  Workload w;
  w.name = "W6_lif";
  w.flops = kLifFlopPerNeuronStep * kNeurons * kLifSteps;
  w.bytes = kLifBytes;
  w.l3Bytes = kLifL3Bytes;

  auto simulate = [](E W, E iext, E v0) {
    auto [V, spikes] = vx::scan(
        [&](const E &V, vx::None) {
          vx::Expr<bool> fired = V >= kVTh;
          E v = vx::where(fired, kVReset, V);
          E current = vx::dot(W, vx::astype<float>(fired)) + iext;
          v = v + kDt / kTauM * (-v + kVReset + current);
          return std::make_pair(vx::where(fired, kVReset, v), fired);
        },
        v0, vx::none, kLifSteps);
    return std::make_tuple(V, spikes);
  };
  // Not vmapped (one network), but the DSL kernel: "vmapped" in the table.
  vx::Compiled compiled = vx::jit(simulate).lower(s->W, s->iext, s->v0);
  w.variants.push_back({"vmapped", [s, compiled] {
                          compiled.call(
                              {s->W.tensor(), s->iext.tensor(), s->v0.tensor()},
                              {s->V.tensor(), s->spikes.tensor()});
                        }});
  vx::Compiled fused =
      vx::jit(simulate, vx::fp_contract).lower(s->W, s->iext, s->v0);
  w.variants.push_back({"vmapped_fp_contract", [s, fused] {
                          fused.call(
                              {s->W.tensor(), s->iext.tensor(), s->v0.tensor()},
                              {s->V.tensor(), s->spikes.tensor()});
                        }});
  w.variants.push_back({"loops", [s] {
                          lifLoops(s->W.data(), s->iext.data(), s->v0.data(),
                                   s->V.data(), s->spikes.data());
                        }});
  w.variants.push_back({"loops_blocked", [s] {
                          lifLoopsBlocked(s->W.data(), s->iext.data(),
                                          s->v0.data(), s->V.data(),
                                          s->spikes.data());
                        }});

  // The same float32 parameters and step, in float64.
  s->refV.assign(s->v0.begin(), s->v0.end());
  s->refSpikes.resize(kLifSteps * kNeurons);
  s->refNearThreshold.resize(kLifSteps * kNeurons);
  std::vector<double> next(kNeurons);
  const double rate = kDt / kTauM;
  for (int64_t t = 0; t < kLifSteps; ++t) {
    for (int64_t i = 0; i < kNeurons; ++i) {
      s->refSpikes[t * kNeurons + i] = s->refV[i] >= kVTh;
      s->refNearThreshold[t * kNeurons + i] =
          std::abs(s->refV[i] - kVTh) <= kLifThresholdMargin;
    }
    for (int64_t i = 0; i < kNeurons; ++i) {
      double current = s->iext(i);
      for (int64_t j = 0; j < kNeurons; ++j)
        if (s->refSpikes[t * kNeurons + j])
          current += s->W(i, j);
      bool fired = s->refSpikes[t * kNeurons + i];
      double v = fired ? kVReset : s->refV[i];
      v = v + rate * (-v + kVReset + current);
      next[i] = fired ? kVReset : v;
    }
    s->refV.swap(next);
  }
  w.poison = [s] {
    std::fill(s->V.begin(), s->V.end(),
              std::numeric_limits<float>::quiet_NaN());
    std::fill(s->spikes.begin(), s->spikes.end(), true);
  };
  w.check = [s, name = w.name](const std::string &variant) {
    int64_t wrong = 0, shifted = 0, first = -1, total = 0;
    std::vector<bool> compareV(kNeurons, true);
    // The step of each neuron's last difference at the threshold: the
    // difference the step after it is the other half of the shift.
    std::vector<int64_t> shiftedAt(kNeurons, -2);
    for (int64_t k = 0; k < kLifSteps * kNeurons; ++k) {
      total += s->refSpikes[k];
      if (s->spikes.data()[k] == s->refSpikes[k])
        continue;
      int64_t t = k / kNeurons, i = k % kNeurons;
      if (s->refNearThreshold[k]) {
        ++shifted;
        shiftedAt[i] = t;
        compareV[i] = false;
      } else if (shiftedAt[i] != t - 1 && wrong++ == 0) {
        first = k;
      }
    }
    std::fprintf(stderr,
                 "check %-17s %-16s spikes %lld of %lld wrong, %lld shifted a "
                 "step at the threshold %s\n",
                 name.c_str(), variant.c_str(), (long long)wrong,
                 (long long)total, (long long)shifted,
                 wrong || shifted > kLifMaxShifts ? "FAILED" : "ok");
    if (wrong)
      std::fprintf(stderr, "  first at step %lld, neuron %lld: got %d\n",
                   (long long)(first / kNeurons), (long long)(first % kNeurons),
                   int(s->spikes.data()[first]));
    std::vector<float> got;
    std::vector<double> ref;
    for (int64_t i = 0; i < kNeurons; ++i)
      if (compareV[i]) {
        got.push_back(s->V(i));
        ref.push_back(s->refV[i]);
      }
    bool okV = checkOutput(name, variant, "V", got.data(), ref, kLifRtol);
    return wrong == 0 && shifted <= kLifMaxShifts && okV;
  };
  w.state = s;
  return w;
}

//===----------------------------------------------------------------------===//
// GMM EM iteration
//===----------------------------------------------------------------------===//

constexpr int64_t kPoints = 90500, kK = 4;

vx::Array<double> gmmPoints() {
  const double centers[kK][2] = {{1, -1}, {5, 5}, {8, 7}, {10, 0}};
  vx::Array<double> X({kPoints, 2});
  std::mt19937 gen(10);
  std::normal_distribution<double> z(0.0, 0.7);
  for (int64_t i = 0; i < kPoints; ++i) {
    X(i, 0) = centers[i % kK][0] + z(gen);
    X(i, 1) = centers[i % kK][1] + z(gen);
  }
  return X;
}

using GmmExpr = vx::Expr<double>;

/// Density of every point under every class, [N, K]: the 2-D Gaussian of
/// one point and one class, vmapped over points, then over classes.
auto gmmDensities() {
  auto pdf = [](GmmExpr x, GmmExpr mu, GmmExpr Sinv, GmmExpr norm) {
    GmmExpr d = x - mu;
    return norm * vx::exp(-0.5 * vx::dot(d, vx::dot(Sinv, d)));
  };
  return vx::vmap(vx::vmap(pdf, vx::in_axes(0, vx::none, vx::none, vx::none)),
                  vx::in_axes(vx::none, 0, 0, 0), vx::out_axes(1));
}

/// E-step: responsibilities [N, K] and the log-likelihood.
auto gmmEStep() {
  return
      [pdfs = gmmDensities()](GmmExpr X, GmmExpr mu, GmmExpr cov, GmmExpr w) {
        GmmExpr norm =
            1.0 / (2 * std::numbers::pi * vx::sqrt(vx::linalg::det(cov)));
        GmmExpr weighted = pdfs(X, mu, vx::linalg::inv(cov), norm) * w;
        GmmExpr total = weighted.sum(1, true);
        return std::make_tuple(weighted / total, vx::log(total).sum());
      };
}

/// M-step of one class from its responsibilities r [N]: mean, covariance
/// and mixing weight (vmapped over the classes' columns of r).
auto gmmMStep() {
  auto mStep = [](GmmExpr X, GmmExpr r) {
    GmmExpr nk = r.sum();
    GmmExpr mu = vx::dot(r, X) / nk;
    GmmExpr d = X - mu;
    GmmExpr cov = vx::dot((d * r.reshape({kPoints, 1})).transpose(), d) / nk;
    return std::make_tuple(mu, cov, nk / double(kPoints));
  };
  return vx::vmap(mStep, vx::in_axes(vx::none, 1));
}

/// The points and the starting parameters every GMM benchmark uses.
struct GmmStart {
  vx::Array<double> X = gmmPoints();
  vx::Array<double> mu{{kK, 2}, {0, 0, 4, 4, 9, 8, 9, -1}};
  vx::Array<double> cov{{kK, 2, 2},
                        {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1}};
  vx::Array<double> w{{kK}, {0.25, 0.25, 0.25, 0.25}};
};

void BM_GmmEmIteration_Vmapc(benchmark::State &state) {
  auto emStep = [eStep = gmmEStep(), mStep = gmmMStep()](
                    GmmExpr X, GmmExpr mu, GmmExpr cov, GmmExpr w) {
    auto [r, ll] = eStep(X, mu, cov, w);
    auto [mu2, cov2, w2] = mStep(X, r);
    return std::make_tuple(mu2, cov2, w2, ll);
  };
  GmmStart s;
  vx::Compiled compiled = vx::jit(emStep).lower(s.X, s.mu, s.cov, s.w);
  vx::Array<double> mu2({kK, 2}), cov2({kK, 2, 2}), w2({kK}), ll(vx::Shape{});
  for (auto _ : state)
    compiled.call({s.X.tensor(), s.mu.tensor(), s.cov.tensor(), s.w.tensor()},
                  {mu2.tensor(), cov2.tensor(), w2.tensor(), ll.tensor()});
}
BENCHMARK(BM_GmmEmIteration_Vmapc)->Unit(benchmark::kMillisecond);

// The two halves of the iteration alone, to see where its time goes: the
// E-step (double vmap of the density, responsibilities) and the M-step
// (vmap over classes of the weighted mean and covariance).
void BM_GmmEStep_Vmapc(benchmark::State &state) {
  GmmStart s;
  vx::Compiled compiled = vx::jit(gmmEStep()).lower(s.X, s.mu, s.cov, s.w);
  vx::Array<double> r({kPoints, kK}), ll(vx::Shape{});
  for (auto _ : state)
    compiled.call({s.X.tensor(), s.mu.tensor(), s.cov.tensor(), s.w.tensor()},
                  {r.tensor(), ll.tensor()});
}
BENCHMARK(BM_GmmEStep_Vmapc)->Unit(benchmark::kMillisecond);

void BM_GmmMStep_Vmapc(benchmark::State &state) {
  vx::Array<double> X = gmmPoints();
  vx::Array<double> r({kPoints, kK});
  for (int64_t i = 0; i < kPoints; ++i)
    for (int64_t k = 0; k < kK; ++k)
      r(i, k) = (i + k) % kK == 0 ? 0.7 : 0.1;
  vx::Compiled compiled = vx::jit(gmmMStep()).lower(X, r);
  vx::Array<double> mu2({kK, 2}), cov2({kK, 2, 2}), w2({kK});
  for (auto _ : state)
    compiled.call({X.tensor(), r.tensor()},
                  {mu2.tensor(), cov2.tensor(), w2.tensor()});
}
BENCHMARK(BM_GmmMStep_Vmapc)->Unit(benchmark::kMillisecond);

void BM_GmmEmIteration_Loops(benchmark::State &state) {
  vx::Array<double> X = gmmPoints();
  double mu[kK][2] = {{0, 0}, {4, 4}, {9, 8}, {9, -1}};
  double w[kK] = {0.25, 0.25, 0.25, 0.25};
  std::vector<double> r(kPoints * kK);
  for (auto _ : state) {
    // Identity covariances at the start: inverse and determinant are
    // computed anyway, as a general iteration would.
    double cov[kK][2][2] = {};
    for (int k = 0; k < kK; ++k)
      cov[k][0][0] = cov[k][1][1] = 1;
    double inv[kK][2][2], norm[kK];
    for (int k = 0; k < kK; ++k) {
      double det = cov[k][0][0] * cov[k][1][1] - cov[k][0][1] * cov[k][1][0];
      inv[k][0][0] = cov[k][1][1] / det;
      inv[k][1][1] = cov[k][0][0] / det;
      inv[k][0][1] = -cov[k][0][1] / det;
      inv[k][1][0] = -cov[k][1][0] / det;
      norm[k] = 1.0 / (2 * std::numbers::pi * std::sqrt(det));
    }
    double ll = 0;
    for (int64_t i = 0; i < kPoints; ++i) {
      double tot = 0;
      for (int k = 0; k < kK; ++k) {
        double d0 = X(i, 0) - mu[k][0], d1 = X(i, 1) - mu[k][1];
        double q = d0 * (inv[k][0][0] * d0 + inv[k][0][1] * d1) +
                   d1 * (inv[k][1][0] * d0 + inv[k][1][1] * d1);
        r[i * kK + k] = w[k] * norm[k] * std::exp(-0.5 * q);
        tot += r[i * kK + k];
      }
      ll += std::log(tot);
      for (int k = 0; k < kK; ++k)
        r[i * kK + k] /= tot;
    }
    double newMu[kK][2], newCov[kK][2][2], newW[kK];
    for (int k = 0; k < kK; ++k) {
      double nk = 0, m0 = 0, m1 = 0;
      for (int64_t i = 0; i < kPoints; ++i) {
        nk += r[i * kK + k];
        m0 += r[i * kK + k] * X(i, 0);
        m1 += r[i * kK + k] * X(i, 1);
      }
      m0 /= nk;
      m1 /= nk;
      double c00 = 0, c01 = 0, c11 = 0;
      for (int64_t i = 0; i < kPoints; ++i) {
        double d0 = X(i, 0) - m0, d1 = X(i, 1) - m1, ri = r[i * kK + k];
        c00 += ri * d0 * d0;
        c01 += ri * d0 * d1;
        c11 += ri * d1 * d1;
      }
      newMu[k][0] = m0;
      newMu[k][1] = m1;
      newCov[k][0][0] = c00 / nk;
      newCov[k][0][1] = newCov[k][1][0] = c01 / nk;
      newCov[k][1][1] = c11 / nk;
      newW[k] = nk / kPoints;
    }
    benchmark::DoNotOptimize(newMu);
    benchmark::DoNotOptimize(newCov);
    benchmark::DoNotOptimize(newW);
    benchmark::DoNotOptimize(ll);
  }
}
BENCHMARK(BM_GmmEmIteration_Loops)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;

  std::vector<Workload> workloads;
  try {
    workloads.push_back(makeLotkaVolterra());
    workloads.push_back(makeLif());
  } catch (const vx::Error &e) {
    std::fprintf(stderr, "vmapc-control-bench: %s\n", e.what());
    return 1;
  }

  // Agreement first: a fast wrong answer is no result.
  bool allOk = true;
  for (Workload &w : workloads)
    for (Variant &v : w.variants) {
      w.poison();
      v.run();
      allOk &= w.check(v.name);
    }
  if (!allOk) {
    std::fprintf(stderr, "vmapc-control-bench: variants disagree with the "
                         "float64 reference; nothing timed\n");
    return 1;
  }

  probes::registerProbes();
  for (Workload &w : workloads)
    for (Variant &v : w.variants)
      probes::registerRow(w.name + "/" + v.name, v.run, w.flops, w.bytes,
                          w.l3Bytes);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
