//===- SeedPeerLoops.cpp - Plain C++ peers of the seed workloads -*- C++
//-*-===//
//
// The plain-loop peer (variant c) of every seed workload. This file is
// compiled apart from the rest of vmapc-seed-bench with
// -O3 -march=native -ffast-math -fveclib=libmvec: the strongest setting a
// C++ programmer gets without intrinsics (reductions reassociate, expf/logf
// vectorize through glibc's libmvec), so beating it means something.
//
//===----------------------------------------------------------------------===//
#include "SeedPeers.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace seed {

void nnLoops(const float *x, const float *w1, const float *w2, float *y,
             int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    float h[kNNHidden] = {};
    const float *xi = x + i * kNNIn;
    for (int64_t k = 0; k < kNNIn; ++k) {
      float xv = xi[k];
      const float *wk = w1 + k * kNNHidden;
      for (int64_t j = 0; j < kNNHidden; ++j)
        h[j] += xv * wk[j];
    }
    float s = 0.0f;
    for (int64_t j = 0; j < kNNHidden; ++j)
      s += std::max(h[j], 0.0f) * w2[j];
    y[i] = s;
  }
}

void gaussLoops(const float *x, const float *mu, const float *prec, float det,
                float *y, int64_t n, int64_t k) {
  float norm = 1.0f / std::sqrt(det * std::pow(2.0f * float(M_PI), float(k)));
  // Fixed k lets the compiler unroll the k x k quadratic form completely.
  auto body = [&](auto kc) {
    constexpr int64_t K = decltype(kc)::value;
    for (int64_t i = 0; i < n; ++i) {
      float d[K];
      for (int64_t a = 0; a < K; ++a)
        d[a] = x[i * K + a] - mu[a];
      float q = 0.0f;
      for (int64_t a = 0; a < K; ++a) {
        float t = 0.0f;
        for (int64_t b = 0; b < K; ++b)
          t += prec[a * K + b] * d[b];
        q += d[a] * t;
      }
      y[i] = norm * std::exp(-0.5f * q);
    }
  };
  if (k == 2)
    body(std::integral_constant<int64_t, 2>());
  else if (k == 16)
    body(std::integral_constant<int64_t, 16>());
}

void softmaxLoops(const float *x, const float *w, const float *b, float *y,
                  int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    float z[kSmOut];
    for (int64_t j = 0; j < kSmOut; ++j)
      z[j] = b[j];
    for (int64_t k = 0; k < kSmIn; ++k) {
      float xv = x[i * kSmIn + k];
      for (int64_t j = 0; j < kSmOut; ++j)
        z[j] += xv * w[k * kSmOut + j];
    }
    float m = z[0];
    for (int64_t j = 1; j < kSmOut; ++j)
      m = std::max(m, z[j]);
    float s = 0.0f;
    for (int64_t j = 0; j < kSmOut; ++j) {
      z[j] = std::exp(z[j] - m);
      s += z[j];
    }
    float inv = 1.0f / s;
    for (int64_t j = 0; j < kSmOut; ++j)
      y[i * kSmOut + j] = z[j] * inv;
  }
}

void addOneLoops(const float *x, float *y, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    y[i] = x[i] + 1.0f;
}

void gmmLoops(const float *x, const float *mu, const float *prec,
              const float *logw, float *y, int64_t n) {
  float c[kGmmK];
  for (int64_t k = 0; k < kGmmK; ++k) {
    float logDet = 0.0f;
    for (int64_t d = 0; d < kGmmD; ++d)
      logDet += std::log(prec[k * kGmmD + d]);
    c[k] =
        logw[k] + 0.5f * logDet - 0.5f * kGmmD * std::log(2.0f * float(M_PI));
  }
  for (int64_t i = 0; i < n; ++i) {
    const float *xi = x + i * kGmmD;
    float ll[kGmmK];
    for (int64_t k = 0; k < kGmmK; ++k) {
      float q = 0.0f;
      for (int64_t d = 0; d < kGmmD; ++d) {
        float t = xi[d] - mu[k * kGmmD + d];
        q += t * t * prec[k * kGmmD + d];
      }
      ll[k] = c[k] - 0.5f * q;
    }
    float m = ll[0];
    for (int64_t k = 1; k < kGmmK; ++k)
      m = std::max(m, ll[k]);
    float s = 0.0f;
    for (int64_t k = 0; k < kGmmK; ++k)
      s += std::exp(ll[k] - m);
    y[i] = m + std::log(s);
  }
}

} // namespace seed
