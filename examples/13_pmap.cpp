//===- 13_pmap.cpp - The seed workloads split across MPI ranks ------------===//
//
//   ./13_pmap                       one rank: pmap is vmap
//   mpirun -np 4 ./13_pmap          the batch split over 4 ranks
//
// jax.pmap in C++: every rank holds the same inputs, runs its N/R examples
// and gets the whole result; collectives over the axis name cross the
// ranks. Three cases, each compared with the single-process vmap that
// every rank also computes:
//   W1 NN inference and W2 Gaussian pdf (k = 16), mapped over the ranks;
//   a data-parallel GMM E-step: per-point responsibilities, and the
//     sufficient statistics of the M-step (responsibility sums, weighted
//     sums of the points) summed over all ranks' points with psum.
// Then the time of W1 (N = 65536) against the one-rank vmap: strong
// scaling (meaningful while ranks <= cores: oversubscribed ranks slow the
// one-rank baseline too). Rank 0 prints; exit status 1 if a result
// disagrees.
//
//===----------------------------------------------------------------------===//
#include "aot/SeedKernels.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

namespace vx = vmapc;
using E = vx::Expr<float>;

namespace {

vx::Array<float> normal(vx::Shape shape, unsigned seed, float scale = 1.0f) {
  vx::Array<float> a(std::move(shape));
  std::mt19937 gen(seed);
  std::normal_distribution<float> dist(0.0f, scale);
  for (float &v : a)
    v = dist(gen);
  return a;
}

/// max |a - b| / (1 + |b|): the scaled difference of two results.
double scaledDifference(const vx::Array<float> &a, const vx::Array<float> &b) {
  double worst = a.shape() == b.shape() ? 0 : INFINITY;
  for (int64_t i = 0; worst < INFINITY && i < a.size(); ++i)
    worst = std::max(worst, std::abs(double(a.data()[i]) - b.data()[i]) /
                                (1 + std::abs(double(b.data()[i]))));
  return worst;
}

bool report(const char *what, double difference, double tolerance) {
  bool ok = difference <= tolerance;
  if (vx::process_index() == 0)
    std::printf("  %-44s %.2e (tolerance %.0e) %s\n", what, difference,
                tolerance, ok ? "ok" : "FAILED");
  return ok;
}

template <typename K, typename... A>
double millisecondsPerCall(const K &kernel, const A &...args) {
  kernel(args...); // compiles
  constexpr int kCalls = 20;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kCalls; ++i)
    kernel(args...);
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
             .count() /
         kCalls;
}

/// The checks; 0 if every one passes.
int runChecks() {
  int rank = vx::process_index(), ranks = vx::process_count();
  if (rank == 0)
    std::printf("pmap over %d rank(s)\n", ranks);
  bool ok = true;
  // Every rank's results are all of them; the tolerances cover only the
  // different summation order of reductions split over ranks (psum adds
  // the ranks' partial sums), which is exact in real arithmetic.

  // W1: relu(x W1) . w2, N = 65536 (a multiple of 1, 2, 4 ranks).
  const int64_t n = 65536;
  vx::Array<float> x = normal({n, seeds::kNNIn}, 1);
  vx::Array<float> w1 = normal({seeds::kNNIn, seeds::kNNHidden}, 2, 0.125f);
  vx::Array<float> w2 = normal({seeds::kNNHidden}, 3, 0.0625f);
  auto nnP = vx::jit(vx::pmap(seeds::nn(), seeds::nnAxes(), vx::out_axes(0),
                              vx::axis_name("i")));
  auto nnV = vx::jit(vx::vmap(seeds::nn(), seeds::nnAxes()));
  vx::Array<float> yP = nnP(x, w1, w2), yV = nnV(x, w1, w2);
  ok &= report("W1 nn inference, 65536 x [64], pmap vs vmap",
               scaledDifference(yP, yV), 0);

  // W2: the Gaussian pdf with k = 16 (a diagonal precision, det 1).
  const int64_t k = 16, m = 1 << 18;
  vx::Array<float> pts = normal({m, k}, 4), mu = normal({k}, 5, 0.5f);
  vx::Array<float> prec({k, k}), det(vx::Shape{}, {1.0f});
  for (int64_t i = 0; i < k; ++i)
    prec(i, i) = 1.0f;
  auto pdfP = vx::jit(vx::pmap(seeds::gauss(k), seeds::gaussAxes(),
                               vx::out_axes(0), vx::axis_name("i")));
  auto pdfV = vx::jit(vx::vmap(seeds::gauss(k), seeds::gaussAxes()));
  ok &= report(
      "W2 Gaussian pdf, 262144 x [16], pmap vs vmap",
      scaledDifference(pdfP(pts, mu, prec, det), pdfV(pts, mu, prec, det)), 0);

  // GMM E-step on 4 diagonal components in 2-D, 90000 points: per point the
  // responsibilities r (softmax over components of the log-likelihoods);
  // over all points (all ranks) the M-step's statistics psum(r) and
  // psum(r x).
  constexpr int64_t kK = 4, kD = 2, kPoints = 90000;
  vx::Array<float> g = normal({kPoints, kD}, 6, 2.0f);
  vx::Array<float> means = normal({kK, kD}, 7, 2.0f);
  vx::Array<float> precs({kK, kD}), logw({kK});
  for (int64_t c = 0; c < kK; ++c) {
    logw(c) = std::log(0.25f);
    for (int64_t d = 0; d < kD; ++d)
      precs(c, d) = 0.5f + 0.25f * float(c + d);
  }
  auto eStep = [](E p, E mu, E prec, E lw) {
    E diff = p - mu; // [K, D]
    E ll = lw + vx::sum(vx::log(prec) * 0.5f - diff * diff * prec * 0.5f, 1);
    E e = vx::exp(ll - ll.max());
    E r = e / e.sum();                                            // [K]
    E counts = vx::psum(r, "points");                             // [K]
    E weighted = vx::psum(vx::reshape(r, {kK, 1}) * p, "points"); // [K, D]
    return std::make_tuple(r, counts, weighted);
  };
  auto axes = vx::in_axes(0, vx::none, vx::none, vx::none);
  auto outs = vx::out_axes(0, vx::none, vx::none);
  auto emP = vx::jit(vx::pmap(eStep, axes, outs, vx::axis_name("points")));
  auto emV = vx::jit(vx::vmap(eStep, axes, outs, vx::axis_name("points")));
  auto [rP, countsP, weightedP] = emP(g, means, precs, logw);
  auto [rV, countsV, weightedV] = emV(g, means, precs, logw);
  ok &=
      report("GMM responsibilities, pmap vs vmap", scaledDifference(rP, rV), 0);
  // The statistics add 90000 float32 numbers: pmap adds each rank's
  // partial sums, vmap one sequence, so both are held to float64 sums of
  // the (identical) responsibilities rather than to each other.
  vx::Array<float> counts64({kK}), weighted64({kK, kD});
  {
    std::vector<double> c(kK, 0.0), w(kK * kD, 0.0);
    for (int64_t i = 0; i < kPoints; ++i)
      for (int64_t j = 0; j < kK; ++j) {
        c[j] += rV(i, j);
        for (int64_t d = 0; d < kD; ++d)
          w[j * kD + d] += double(rV(i, j)) * g(i, d);
      }
    for (int64_t j = 0; j < kK; ++j) {
      counts64(j) = float(c[j]);
      for (int64_t d = 0; d < kD; ++d)
        weighted64(j, d) = float(w[j * kD + d]);
    }
  }
  auto relative = [](const vx::Array<float> &a, const vx::Array<float> &ref) {
    double worst = 0, scale = 0;
    for (float v : ref)
      scale = std::max(scale, double(std::abs(v)));
    for (int64_t i = 0; i < a.size(); ++i)
      worst = std::max(worst,
                       std::abs(double(a.data()[i]) - ref.data()[i]) / scale);
    return worst;
  };
  if (rank == 0)
    std::printf("  (vmap's float32 sums vs float64: %.2e, %.2e)\n",
                relative(countsV, counts64), relative(weightedV, weighted64));
  ok &= report("GMM psum(r) over all points, vs float64",
               relative(countsP, counts64), 1e-4);
  ok &= report("GMM psum(r x) over all points, vs float64",
               relative(weightedP, weighted64), 1e-4);
  // The counts of all points' responsibilities add up to the point count.
  double total = 0;
  for (float c : countsP)
    total += c;
  ok &= report("GMM: sum of psum(r) vs 90000 points",
               std::abs(total - kPoints) / kPoints, 1e-5);
  // The M-step means, statistics over counts: from the ranks' psums, from
  // the one-process vmap's, and from the float64 sums. A mean carries the
  // float32 rounding of its two sums (each within 1e-4 above).
  auto mStepMeans = [](const vx::Array<float> &weighted,
                       const vx::Array<float> &counts) {
    vx::Array<float> mean({kK, kD});
    for (int64_t c = 0; c < kK; ++c)
      for (int64_t d = 0; d < kD; ++d)
        mean(c, d) = weighted(c, d) / counts(c);
    return mean;
  };
  vx::Array<float> meansP = mStepMeans(weightedP, countsP);
  ok &= report("GMM M-step means, pmap vs vmap",
               scaledDifference(meansP, mStepMeans(weightedV, countsV)), 1e-4);
  ok &=
      report("GMM M-step means, pmap vs float64",
             scaledDifference(meansP, mStepMeans(weighted64, counts64)), 1e-4);
  if (rank == 0) {
    std::printf("  M-step means from the ranks' statistics:");
    for (int64_t c = 0; c < kK; ++c)
      std::printf(" (%.3f, %.3f)", meansP(c, 0), meansP(c, 1));
    std::printf("\n");
  }

  // Strong scaling of W1: the same 65536 examples on `ranks` ranks.
  double one = millisecondsPerCall(nnV, x, w1, w2);
  double split = millisecondsPerCall(nnP, x, w1, w2);
  if (rank == 0)
    std::printf("  W1 time per call: vmap on one rank %.2f ms, pmap on %d "
                "rank(s) %.2f ms: %.2fx\n",
                one, ranks, split, one / split);
  if (rank == 0)
    std::printf("%s\n", ok ? "OK" : "FAILED");
  return ok ? 0 : 1;
}
} // namespace

int main() {
  // A vx::Error (e.g. a batch that is not a multiple of the rank count,
  // which every rank hits while compiling) is a failed run, reported once.
  try {
    return runChecks();
  } catch (const std::exception &e) {
    if (vx::process_index() == 0)
      std::printf("FAILED: %s\n", e.what());
    return 1;
  }
}
