//===- 10_gmm_em.cpp - Gaussian mixture EM with a double vmap -------------===//
//
// JAX:  def pdf(x, mu, Sinv, norm):                      # one point, one class
//           d = x - mu
//           return norm * jnp.exp(-0.5 * d @ Sinv @ d)
//       pdfs = vmap(vmap(pdf, (0, None, None, None)),     # over points
//                   (None, 0, 0, 0), out_axes=1)          # over classes
//       def m_step(X, r):                                 # one class
//           nk = r.sum(); mu = r @ X / nk; d = X - mu
//           return mu, (d * r[:, None]).T @ d / nk, nk / len(X)
//       new = vmap(m_step, (None, 1))(X, R)
//       lax.while_loop(lambda s: |ll - ll_prev| >= 1e-4, em_step, init)
//
// Full-covariance EM on 90,500 2-D points drawn from four blobs centered at
// (1,-1), (5,5), (8,7), (10,0). The E-step's densities come from a double
// vmap using per-class inv and det; the M-step is a vmap over classes. Checks:
// the log-likelihood never decreases, the recovered centers are within 0.1
// of the true ones, EM run to convergence inside one compiled while_loop
// agrees with the step-by-step run, and both agree with EM in plain C++
// double loops.
//
//===----------------------------------------------------------------------===//

#include "common.h"

#include <numbers>

namespace vx = vmapc;
using examples::check;
using E = vx::Expr<double>;

namespace {

constexpr int64_t kK = 4;
constexpr double kTol = 1e-4;
constexpr int kMaxIters = 500;
const double kCenters[kK][2] = {{1, -1}, {5, 5}, {8, 7}, {10, 0}};

/// Plain C++ EM state and one iteration (E-step with the given parameters,
/// then the M-step); returns the log-likelihood of the given parameters.
struct Params {
  double mu[kK][2], cov[kK][2][2], w[kK];
};

double referenceStep(const vx::Array<double> &X, Params &p) {
  int64_t n = X.shape()[0];
  double norm[kK], inv[kK][2][2];
  for (int k = 0; k < kK; ++k) {
    double(&c)[2][2] = p.cov[k];
    double det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
    inv[k][0][0] = c[1][1] / det;
    inv[k][1][1] = c[0][0] / det;
    inv[k][0][1] = -c[0][1] / det;
    inv[k][1][0] = -c[1][0] / det;
    norm[k] = 1.0 / (2 * std::numbers::pi * std::sqrt(det));
  }
  std::vector<double> r(n * kK);
  double ll = 0;
  for (int64_t i = 0; i < n; ++i) {
    double tot = 0;
    for (int k = 0; k < kK; ++k) {
      double d0 = X(i, 0) - p.mu[k][0], d1 = X(i, 1) - p.mu[k][1];
      double q = d0 * (inv[k][0][0] * d0 + inv[k][0][1] * d1) +
                 d1 * (inv[k][1][0] * d0 + inv[k][1][1] * d1);
      r[i * kK + k] = p.w[k] * norm[k] * std::exp(-0.5 * q);
      tot += r[i * kK + k];
    }
    ll += std::log(tot);
    for (int k = 0; k < kK; ++k)
      r[i * kK + k] /= tot;
  }
  for (int k = 0; k < kK; ++k) {
    double nk = 0, m0 = 0, m1 = 0;
    for (int64_t i = 0; i < n; ++i) {
      nk += r[i * kK + k];
      m0 += r[i * kK + k] * X(i, 0);
      m1 += r[i * kK + k] * X(i, 1);
    }
    m0 /= nk;
    m1 /= nk;
    double c00 = 0, c01 = 0, c11 = 0;
    for (int64_t i = 0; i < n; ++i) {
      double d0 = X(i, 0) - m0, d1 = X(i, 1) - m1, ri = r[i * kK + k];
      c00 += ri * d0 * d0;
      c01 += ri * d0 * d1;
      c11 += ri * d1 * d1;
    }
    p.mu[k][0] = m0;
    p.mu[k][1] = m1;
    p.cov[k][0][0] = c00 / nk;
    p.cov[k][0][1] = p.cov[k][1][0] = c01 / nk;
    p.cov[k][1][1] = c11 / nk;
    p.w[k] = nk / n;
  }
  return ll;
}

} // namespace

int main() {
  return examples::run([] {
    std::printf("10 Gaussian mixture EM: double vmap E-step, vmapped M-step, "
                "while_loop\n");
    // 90,500 points, a quarter per blob, each blob with its own covariance.
    const int64_t n = 90500;
    vx::Array<double> X({n, 2});
    std::mt19937 gen(10);
    std::normal_distribution<double> z(0.0, 1.0);
    const double shape[kK][2][2] = {{{0.8, 0}, {0.3, 0.5}},
                                    {{1.0, 0}, {-0.4, 0.6}},
                                    {{0.5, 0}, {0.2, 0.7}},
                                    {{0.9, 0}, {0.0, 0.4}}};
    for (int64_t i = 0; i < n; ++i) {
      int k = static_cast<int>(i % kK);
      double a = z(gen), b = z(gen);
      X(i, 0) = kCenters[k][0] + shape[k][0][0] * a;
      X(i, 1) = kCenters[k][1] + shape[k][1][0] * a + shape[k][1][1] * b;
    }

    // The model, written for one point and one class.
    auto pdf = [](E x, E mu, E Sinv, E norm) {
      E d = x - mu;
      return norm * vx::exp(-0.5 * vx::dot(d, vx::dot(Sinv, d)));
    };
    auto pdfs =
        vx::vmap(vx::vmap(pdf, vx::in_axes(0, vx::none, vx::none, vx::none)),
                 vx::in_axes(vx::none, 0, 0, 0), vx::out_axes(1)); // [N, K]
    auto mStep = [](E X, E r) {
      E nk = r.sum();
      E mu = vx::dot(r, X) / nk;
      E d = X - mu;
      E cov = vx::dot((d * r.reshape({n, 1})).transpose(), d) / nk;
      return std::make_tuple(mu, cov, nk / static_cast<double>(n));
    };
    // One EM iteration: the new parameters and the log-likelihood of the
    // old ones.
    auto emStep = [=](E X, E mu, E cov, E w) {
      E norm = 1.0 / (2 * std::numbers::pi * vx::sqrt(vx::linalg::det(cov)));
      E weighted = pdfs(X, mu, vx::linalg::inv(cov), norm) * w; // [N, K]
      E total = weighted.sum(1, /*keepdims=*/true);
      E ll = vx::log(total).sum();
      auto [mu2, cov2, w2] =
          vx::vmap(mStep, vx::in_axes(vx::none, 1))(X, weighted / total);
      return std::make_tuple(mu2, cov2, w2, ll);
    };

    vx::Array<double> mu0({kK, 2}, {0, 0, 4, 4, 9, 8, 9, -1});
    vx::Array<double> cov0({kK, 2, 2});
    for (int k = 0; k < kK; ++k)
      for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j)
          cov0(k, i, j) = i == j ? 1.0 : 0.0;
    vx::Array<double> w0({kK}, {0.25, 0.25, 0.25, 0.25});

    // Step by step from C++, recording the log-likelihood.
    auto step = vx::jit(emStep);
    vx::Array<double> mu = mu0, cov = cov0, w = w0;
    std::vector<double> history;
    while (static_cast<int>(history.size()) < kMaxIters) {
      auto [mu2, cov2, w2, ll] = step(X, mu, cov, w);
      history.push_back(ll());
      mu = mu2;
      cov = cov2;
      w = w2;
      size_t h = history.size();
      if (h >= 2 && std::fabs(history[h - 1] - history[h - 2]) < kTol)
        break;
    }
    int iters = static_cast<int>(history.size());
    bool monotone = true;
    for (size_t i = 1; i < history.size(); ++i)
      monotone &= history[i] >= history[i - 1] - 1e-9 * std::fabs(history[i]);
    examples::failures += !monotone;
    std::printf("  [%s] log-likelihood never decreases: %.6f -> %.6f in %d "
                "iterations\n",
                monotone ? "PASS" : "FAIL", history.front(), history.back(),
                iters);

    // Recovered centers, matched to the true ones by nearest center.
    double worst = 0;
    for (int c = 0; c < kK; ++c) {
      double best = INFINITY;
      for (int k = 0; k < kK; ++k)
        best = std::min(best, std::hypot(mu(k, 0) - kCenters[c][0],
                                         mu(k, 1) - kCenters[c][1]));
      worst = std::max(worst, best);
    }
    bool near = worst < 0.1;
    examples::failures += !near;
    std::printf("  [%s] recovered centers within 0.1 of the true ones (worst "
                "%.4f)\n",
                near ? "PASS" : "FAIL", worst);

    // The whole loop in one kernel: while |ll - ll_prev| >= tol.
    auto fit = vx::jit([=](E X, E mu, E cov, E w) {
      using State = std::tuple<E, E, E, E, E, vx::Expr<int32_t>>;
      // prev and cur start far apart so the loop runs at least once.
      State init{mu,
                 cov,
                 w,
                 vx::constant<double>(-1e30),
                 vx::constant<double>(1e30),
                 vx::constant<int32_t>(0)};
      State done = vx::while_loop(
          [](const State &s) {
            auto [m, c, ww, prev, cur, it] = s;
            // Both hold: where(a, b, false) is a logical and.
            return vx::where(vx::abs(cur - prev) >= kTol, it < kMaxIters,
                             false);
          },
          [&](const State &s) {
            auto [m, c, ww, prev, cur, it] = s;
            auto [m2, c2, w2, ll] = emStep(X, m, c, ww);
            return State{m2, c2, w2, cur, ll, it + 1};
          },
          init);
      auto [m, c, ww, prev, cur, it] = done;
      return std::make_tuple(m, c, ww, cur, it);
    });
    auto [fmu, fcov, fw, fll, fit_iters] = fit(X, mu0, cov0, w0);
    std::printf("  while_loop: %d iterations, log-likelihood %.6f\n",
                fit_iters(), fll());
    check("while_loop means == step-by-step", fmu, mu, 1e-9);
    check("while_loop covariances == step-by-step", fcov, cov, 1e-9);
    check("while_loop weights == step-by-step", fw, w, 1e-9);
    check("while_loop iterations == step-by-step",
          vx::Array<int32_t>({1}, {fit_iters()}),
          vx::Array<int32_t>({1}, {iters}), 0);

    // Plain C++ EM for the same number of iterations.
    Params p;
    for (int k = 0; k < kK; ++k) {
      p.w[k] = w0(k);
      for (int i = 0; i < 2; ++i) {
        p.mu[k][i] = mu0(k, i);
        for (int j = 0; j < 2; ++j)
          p.cov[k][i][j] = cov0(k, i, j);
      }
    }
    double refLL = 0;
    for (int i = 0; i < iters; ++i)
      refLL = referenceStep(X, p);
    vx::Array<double> refMu({kK, 2}), refCov({kK, 2, 2}), refW({kK});
    for (int k = 0; k < kK; ++k) {
      refW(k) = p.w[k];
      for (int i = 0; i < 2; ++i) {
        refMu(k, i) = p.mu[k][i];
        for (int j = 0; j < 2; ++j)
          refCov(k, i, j) = p.cov[k][i][j];
      }
    }
    check("means == C++ EM", mu, refMu, 1e-7);
    check("covariances == C++ EM", cov, refCov, 1e-7);
    check("weights == C++ EM", w, refW, 1e-9);
    check("log-likelihood == C++ EM", vx::Array<double>({1}, {history.back()}),
          vx::Array<double>({1}, {refLL}), 1e-6 * std::fabs(refLL));

    Params timing = p;
    examples::printTiming("one EM iteration, N = 90500, K = 4",
                          examples::timeMs([&] { step(X, mu, cov, w); }),
                          examples::timeMs([&] { referenceStep(X, timing); }));
  });
}
