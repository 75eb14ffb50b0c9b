//===- SeedPeers.h - Sizes and plain C++ peers of the seed bench -*- C++
//-*-===//
//
// The fixed sizes of the seed workloads (issue 6; fixed so figures compare
// over time) and the plain-loop peers, which live in their own translation
// unit because they are built with other flags.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_BENCH_SEEDPEERS_H
#define VMAPC_BENCH_SEEDPEERS_H

#include <cstdint>

namespace seed {

// W1 nn: relu(X @ W1) @ W2.
constexpr int64_t kNNRows = 65536, kNNIn = 64, kNNHidden = 256;
// W2 gauss: multivariate normal pdf of 1,000,000 points, k = 2 and 16.
constexpr int64_t kGaussRows = 1000000;
// W3 softmax(X @ W + b).
constexpr int64_t kSmRows = 65536, kSmIn = 64, kSmOut = 10;
// W4 x + 1.
constexpr int64_t kAddN = 16777216;
// W7 GMM log-likelihood: K diagonal Gaussians in D dims.
constexpr int64_t kGmmN = 65536, kGmmK = 16, kGmmD = 8;

void nnLoops(const float *x, const float *w1, const float *w2, float *y,
             int64_t n);
void gaussLoops(const float *x, const float *mu, const float *prec, float det,
                float *y, int64_t n, int64_t k);
void softmaxLoops(const float *x, const float *w, const float *b, float *y,
                  int64_t n);
void addOneLoops(const float *x, float *y, int64_t n);
void gmmLoops(const float *x, const float *mu, const float *prec,
              const float *logw, float *y, int64_t n);

} // namespace seed

#endif // VMAPC_BENCH_SEEDPEERS_H
