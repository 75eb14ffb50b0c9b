//===- ControlFlowBench.cpp - Loops under vmap vs plain C++ -----*- C++ -*-===//
//
// The control-flow case studies written with the DSL (vmapped, jitted once
// outside the timed loop) against plain C++ loops compiled in the same
// binary with -O3 -march=native:
//   Lotka-Volterra, 4096 systems x 1000 Euler steps (fori_loop under vmap)
//   leaky integrate-and-fire network, N = 1024, 1000 steps (scan with the
//     spike trains as per-step outputs)
//   one EM iteration of a 4-class full-covariance GMM on 90,500 2-D points
//     (double-vmap E-step with per-class inv/det, vmapped M-step)
//
//===----------------------------------------------------------------------===//
#include <vmapc/vmapc.h>

#include <benchmark/benchmark.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

namespace vx = vmapc;
using E = vx::Expr<float>;

namespace {

vx::Array<float> uniform(vx::Shape shape, unsigned seed, float lo, float hi) {
  vx::Array<float> a(std::move(shape));
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> u(lo, hi);
  for (float &x : a)
    x = u(gen);
  return a;
}

//===----------------------------------------------------------------------===//
// Lotka-Volterra
//===----------------------------------------------------------------------===//

constexpr int64_t kSystems = 4096;
constexpr int kLvSteps = 1000;
constexpr float kLvDt = 0.01f;

struct LvData {
  vx::Array<float> x0 = uniform({kSystems}, 1, 8, 12);
  vx::Array<float> y0 = uniform({kSystems}, 2, 4, 6);
  vx::Array<float> a = uniform({kSystems}, 3, 1.0f, 1.2f);
  vx::Array<float> b = uniform({kSystems}, 4, 0.35f, 0.45f);
  vx::Array<float> g = uniform({kSystems}, 5, 0.35f, 0.45f);
  vx::Array<float> d = uniform({kSystems}, 6, 0.08f, 0.12f);
};

void BM_LotkaVolterra_Vmapc(benchmark::State &state) {
  using State = std::tuple<E, E>;
  auto simulate = [](E x0, E y0, E a, E b, E g, E d) {
    return vx::fori_loop(
        0, kLvSteps,
        [&](auto, const State &s) {
          auto [x, y] = s;
          E xy = x * y;
          return State{x + (a * x - b * xy) * kLvDt,
                       y + (d * xy - g * y) * kLvDt};
        },
        State{x0, y0});
  };
  auto kernel = vx::jit(vx::vmap(simulate));
  LvData in;
  vx::Compiled compiled = kernel.lower(in.x0, in.y0, in.a, in.b, in.g, in.d);
  vx::Array<float> x({kSystems}), y({kSystems});
  for (auto _ : state)
    compiled.call({in.x0.tensor(), in.y0.tensor(), in.a.tensor(), in.b.tensor(),
                   in.g.tensor(), in.d.tensor()},
                  {x.tensor(), y.tensor()});
  state.counters["systems*steps/s"] =
      benchmark::Counter(double(kSystems) * kLvSteps,
                         benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_LotkaVolterra_Vmapc)->Unit(benchmark::kMillisecond);

void BM_LotkaVolterra_Loops(benchmark::State &state) {
  LvData in;
  std::vector<float> x(kSystems), y(kSystems);
  for (auto _ : state) {
    for (int64_t i = 0; i < kSystems; ++i) {
      float sx = in.x0(i), sy = in.y0(i);
      for (int t = 0; t < kLvSteps; ++t) {
        float xy = sx * sy;
        float nx = sx + (in.a(i) * sx - in.b(i) * xy) * kLvDt;
        float ny = sy + (in.d(i) * xy - in.g(i) * sy) * kLvDt;
        sx = nx;
        sy = ny;
      }
      x[i] = sx;
      y[i] = sy;
    }
    benchmark::DoNotOptimize(x.data());
    benchmark::DoNotOptimize(y.data());
  }
  state.counters["systems*steps/s"] =
      benchmark::Counter(double(kSystems) * kLvSteps,
                         benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_LotkaVolterra_Loops)->Unit(benchmark::kMillisecond);

//===----------------------------------------------------------------------===//
// Leaky integrate-and-fire network
//===----------------------------------------------------------------------===//

constexpr int64_t kNeurons = 1024;
constexpr int64_t kLifSteps = 1000;
constexpr float kDt = 0.01f, kTauM = 20.0f, kVReset = -65.0f, kVTh = -50.0f;

void BM_Lif_Vmapc(benchmark::State &state) {
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
  vx::Array<float> W = uniform({kNeurons, kNeurons}, 7, -0.05f, 0.05f);
  vx::Array<float> iext = uniform({kNeurons}, 8, 14, 30);
  vx::Array<float> v0 = uniform({kNeurons}, 9, -65, -50);
  vx::Compiled compiled = vx::jit(simulate).lower(W, iext, v0);
  vx::Array<float> V({kNeurons});
  vx::Array<bool> spikes({kLifSteps, kNeurons});
  for (auto _ : state)
    compiled.call({W.tensor(), iext.tensor(), v0.tensor()},
                  {V.tensor(), spikes.tensor()});
}
BENCHMARK(BM_Lif_Vmapc)->Unit(benchmark::kMillisecond);

void BM_Lif_Loops(benchmark::State &state) {
  vx::Array<float> W = uniform({kNeurons, kNeurons}, 7, -0.05f, 0.05f);
  vx::Array<float> iext = uniform({kNeurons}, 8, 14, 30);
  vx::Array<float> v0 = uniform({kNeurons}, 9, -65, -50);
  std::vector<float> v(kNeurons), next(kNeurons), fired(kNeurons);
  std::vector<bool> spikes(kLifSteps * kNeurons);
  for (auto _ : state) {
    std::copy(v0.begin(), v0.end(), v.begin());
    for (int64_t t = 0; t < kLifSteps; ++t) {
      for (int64_t i = 0; i < kNeurons; ++i) {
        fired[i] = v[i] >= kVTh ? 1.0f : 0.0f;
        spikes[t * kNeurons + i] = fired[i] != 0;
      }
      for (int64_t i = 0; i < kNeurons; ++i) {
        float current = 0;
        const float *row = W.data() + i * kNeurons;
        for (int64_t j = 0; j < kNeurons; ++j)
          current += row[j] * fired[j];
        current += iext(i);
        float vi = fired[i] != 0 ? kVReset : v[i];
        vi = vi + kDt / kTauM * (-vi + kVReset + current);
        next[i] = fired[i] != 0 ? kVReset : vi;
      }
      v.swap(next);
    }
    benchmark::DoNotOptimize(v.data());
  }
}
BENCHMARK(BM_Lif_Loops)->Unit(benchmark::kMillisecond);

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

BENCHMARK_MAIN();
