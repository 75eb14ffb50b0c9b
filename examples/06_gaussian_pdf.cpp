//===- 06_gaussian_pdf.cpp - Multivariate normal density
//-------------------===//
//
// JAX:  def pdf(x, mu, Sinv, norm):         # one sample x: [d]
//           diff = x - mu
//           return norm * jnp.exp(-0.5 * diff @ Sinv @ diff)
//       jax.vmap(pdf, in_axes=(0, None, None, None))(X, mu, Sinv, norm)
//
// The vmapped single-sample form and a hand-vectorized form are both checked
// against a reference density computed in plain C++ with double loops (its
// own Cholesky factorization, no shared code). The covariance's inverse and
// normalizer are computed once on the host and passed in.
//
//===----------------------------------------------------------------------===//

#include "common.h"

#include <numbers>

namespace vx = vmapc;
using examples::check;

namespace {

/// A symmetric positive definite covariance: A A^T / d + I.
std::vector<double> makeCovariance(int64_t d) {
  vx::Array<double> a = examples::randn<double>({d, d}, 11);
  std::vector<double> s(d * d);
  for (int64_t i = 0; i < d; ++i)
    for (int64_t j = 0; j < d; ++j) {
      double v = i == j ? 1.0 : 0.0;
      for (int64_t k = 0; k < d; ++k)
        v += a(i, k) * a(j, k) / d;
      s[i * d + j] = v;
    }
  return s;
}

/// Lower Cholesky factor of the d x d matrix s.
std::vector<double> cholesky(const std::vector<double> &s, int64_t d) {
  std::vector<double> l(d * d, 0.0);
  for (int64_t j = 0; j < d; ++j) {
    double diag = s[j * d + j];
    for (int64_t k = 0; k < j; ++k)
      diag -= l[j * d + k] * l[j * d + k];
    l[j * d + j] = std::sqrt(diag);
    for (int64_t i = j + 1; i < d; ++i) {
      double v = s[i * d + j];
      for (int64_t k = 0; k < j; ++k)
        v -= l[i * d + k] * l[j * d + k];
      l[i * d + j] = v / l[j * d + j];
    }
  }
  return l;
}

/// The reference density at each row of X: solve L z = x - mu, then
/// pdf = exp(-|z|^2 / 2) / ((2 pi)^(d/2) prod(diag L)).
vx::Array<double> referencePdf(const vx::Array<double> &X,
                               const vx::Array<double> &mu,
                               const std::vector<double> &l) {
  int64_t n = X.shape()[0], d = X.shape()[1];
  double logNorm = -0.5 * d * std::log(2 * std::numbers::pi);
  for (int64_t i = 0; i < d; ++i)
    logNorm -= std::log(l[i * d + i]);
  vx::Array<double> p({n});
  std::vector<double> z(d);
  for (int64_t s = 0; s < n; ++s) {
    double q = 0;
    for (int64_t i = 0; i < d; ++i) {
      double v = X(s, i) - mu(i);
      for (int64_t k = 0; k < i; ++k)
        v -= l[i * d + k] * z[k];
      z[i] = v / l[i * d + i];
      q += z[i] * z[i];
    }
    p(s) = std::exp(logNorm - 0.5 * q);
  }
  return p;
}

/// The inverse of the SPD matrix with Cholesky factor l: L^-T L^-1.
vx::Array<double> inverseFromCholesky(const std::vector<double> &l, int64_t d) {
  std::vector<double> linv(d * d, 0.0);
  for (int64_t j = 0; j < d; ++j) {
    linv[j * d + j] = 1.0 / l[j * d + j];
    for (int64_t i = j + 1; i < d; ++i) {
      double v = 0;
      for (int64_t k = j; k < i; ++k)
        v -= l[i * d + k] * linv[k * d + j];
      linv[i * d + j] = v / l[i * d + i];
    }
  }
  vx::Array<double> inv({d, d});
  for (int64_t i = 0; i < d; ++i)
    for (int64_t j = 0; j < d; ++j)
      for (int64_t k = std::max(i, j); k < d; ++k)
        inv(i, j) += linv[k * d + i] * linv[k * d + j];
  return inv;
}

} // namespace

int main() {
  return examples::run([] {
    std::printf("06 Gaussian pdf: vmapped single-sample vs vectorized vs "
                "reference\n");
    auto pdf = [](auto x, auto mu, auto Sinv, auto norm) {
      auto diff = x - mu;
      return norm * vx::exp(-0.5 * diff.dot(Sinv.dot(diff)));
    };
    auto vectorizedPdf = [](auto X, auto mu, auto Sinv, auto norm) {
      auto diff = X - mu;                         // [n, d]
      auto q = vx::sum(diff.dot(Sinv) * diff, 1); // [n]
      return norm * vx::exp(-0.5 * q);
    };
    auto batched =
        vx::jit(vx::vmap(pdf, vx::in_axes(0, vx::none, vx::none, vx::none)));
    auto vectorized = vx::jit(vectorizedPdf);
    auto single = vx::jit(pdf);

    const int64_t d = 8;
    std::vector<double> cov = makeCovariance(d);
    std::vector<double> l = cholesky(cov, d);
    vx::Array<double> Sinv = inverseFromCholesky(l, d);
    double detRoot = 1;
    for (int64_t i = 0; i < d; ++i)
      detRoot *= l[i * d + i];
    double norm = 1.0 / (std::pow(2 * std::numbers::pi, d / 2.0) * detRoot);
    vx::Array<double> mu = examples::randn<double>({d}, 12, 0.5);

    for (int64_t n : {5, 50000}) {
      vx::Array<double> X = examples::randn<double>({n, d}, 13 + n);
      vx::Array<double> ref = referencePdf(X, mu, l);
      vx::Array<double> pb = batched(X, mu, Sinv, norm);
      vx::Array<double> pv = vectorized(X, mu, Sinv, norm);
      if (n == 5)
        std::printf("  pdf of 5 samples: %.6g %.6g %.6g %.6g %.6g\n", pb(0),
                    pb(1), pb(2), pb(3), pb(4));
      std::string tag = " (n = " + std::to_string(n) + ")";
      // Densities in 8 dimensions are small (~1e-6); demand agreement to
      // 1e-10 of the largest one (double precision throughout).
      double tol = 1e-10 * *std::max_element(ref.begin(), ref.end());
      check("vmapped == reference" + tag, pb, ref, tol);
      check("vectorized == reference" + tag, pv, ref, tol);
      if (n > 5) {
        vx::Array<double> looped({n});
        auto loop = [&] {
          for (int64_t i = 0; i < n; ++i)
            looped(i) = single(X.row(i), mu, Sinv, norm)();
        };
        loop();
        check("vmapped == per-example loop" + tag, pb, looped, tol);
        examples::printTiming("n = 50000, d = 8", examples::timeMs([&] {
                                batched(X, mu, Sinv, norm);
                              }),
                              examples::timeMs(loop, 2));
      }
    }
  });
}
