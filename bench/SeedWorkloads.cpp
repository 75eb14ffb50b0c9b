//===- SeedWorkloads.cpp - The seed workloads against their peers -*- C++
//-*-===//
//
// vmapc-seed-bench (issue 6): every seed workload at its fixed size in four
// variants, single-threaded f32 on random-normal inputs:
//   vmapped  the single-example function written with the DSL, vmapped, jitted
//   hand     the same computation written batched by hand with the DSL, jitted
//   loops    plain C++ loops (SeedPeerLoops.cpp, -O3 -march=native -ffast-math)
//   eigen    Eigen 3, idiomatic, blocked by rows so temporaries stay in cache
// plus the chunked and parallel forms of vmapped (issue 15) and the same
// function compiled ahead of time (issue 17: aot, the static batch size;
// aot_dynN, chunks of 1024 for any batch size), linked as static libraries
// made by vmapc_add_kernel and called through their C entry points. The
// per-example functions are examples/aot/SeedKernels.h's, so the JIT and AOT
// kernels compile one program.
// and two probes of the machine (MachineProbes.h: STREAM-like triad
// bandwidth, peak FMA rate) so bench/compare.py can state each row as a
// fraction of the physical bound.
//
// Before anything is timed, every variant's output is checked against a
// float64 reference; a disagreement prints the worst element and exits 1.
// Kernels are compiled once (jit(...).lower) and called with preallocated
// outputs (Compiled::call on TensorRefs): no allocation inside the timed loop,
// since fresh pages cost about 12 us per 4 KiB here.
//
// Each benchmark carries the counters flop_per_iter and byte_per_iter (the
// compulsory traffic: inputs read once, outputs written once) besides the
// GFLOP/s and GB/s rates.
//
//===----------------------------------------------------------------------===//
#include "MachineProbes.h"
#include "SeedKernels.h"
#include "SeedPeers.h"
#include "bench_aot_w1.h"
#include "bench_aot_w1_dyn.h"
#include "bench_aot_w2.h"
#include "bench_aot_w3.h"
#include "bench_aot_w4.h"
#include "bench_aot_w7.h"

#include <vmapc/vmapc.h>

#include <Eigen/Dense>
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <numbers>
#include <random>
#include <string>
#include <vector>

namespace vx = vmapc;
using E = vx::Expr<float>;
using namespace seed;

namespace {

using RowMat =
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MapMat = Eigen::Map<RowMat, Eigen::Aligned64>;
using MapCMat = Eigen::Map<const RowMat, Eigen::Aligned64>;
using MapVec = Eigen::Map<Eigen::VectorXf, Eigen::Aligned64>;
using MapCVec = Eigen::Map<const Eigen::VectorXf, Eigen::Aligned64>;

/// Rows per block of the Eigen peers: temporaries of a few hundred KiB.
constexpr int64_t kEigenRows = 512;

vx::Array<float> normal(vx::Shape shape, unsigned seed, float scale = 1.0f) {
  vx::Array<float> a(std::move(shape));
  std::mt19937 gen(seed);
  std::normal_distribution<float> dist(0.0f, scale);
  for (float &v : a)
    v = dist(gen);
  return a;
}

vx::Array<float> uniform(vx::Shape shape, unsigned seed, float lo, float hi) {
  vx::Array<float> a(std::move(shape));
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  for (float &v : a)
    v = dist(gen);
  return a;
}

/// One way of computing a workload: how to run it and where it writes.
struct Variant {
  std::string name;
  std::function<void()> run;
  const float *out;
  /// Chunked and threaded forms of "vmapped" must give its exact bits.
  bool sameBitsAsVmapped = false;
};

/// A workload, its float64 reference and its variants. `state` keeps the
/// inputs, outputs and compiled kernels alive.
struct Workload {
  std::string name;
  double flops = 0, bytes = 0;
  std::vector<double> reference;
  double rtol = 1e-3;
  std::vector<Variant> variants;
  std::shared_ptr<void> state;
};

/// The variants' output, allocated once and shared: every variant reads the
/// same inputs and writes the same output memory, so the timings compare
/// code, not placement. (With one buffer each, the identical vmapped and
/// hand kernels of W4 differed by 14%: where a 64 MiB stream's output lies
/// relative to its input changes its speed.) main() checks each variant's
/// output right after running it, before the next one overwrites it.
struct Outputs {
  vx::Array<float> shared;
  vx::Array<float> &vmapped = shared, &hand = shared, &loops = shared,
                   &eigen = shared;
  explicit Outputs(const vx::Shape &s) : shared(s) {}
  Outputs(const Outputs &) = delete;
  Outputs &operator=(const Outputs &) = delete;
};

/// Variants (a) and (b): compiled once here, called on preallocated buffers.
template <typename F, typename... A>
std::function<void()> dslRunner(const F &kernel, vx::Array<float> &out,
                                const A &...args) {
  vx::Compiled compiled = kernel.lower(args...);
  std::vector<vx::TensorRef> in{vx::TensorRef(args.tensor())...};
  std::vector<vx::TensorRef> outs{vx::TensorRef(out.tensor())};
  return [compiled, in, outs] { compiled.call(in, outs); };
}

/// The chunk of the chunked and parallel variants.
constexpr int64_t kChunk = 1024;

/// The lanes of "vmapped" run in chunks and on cores (issue 15), each form
/// compiled once and checked bit for bit against "vmapped":
///   chunk1024       serial chunks, the batch size fixed at compile time
///   chunk1024_dynN  the same kernel compiled for any batch size
///   parallel_t1/t2  chunks on 1 or 2 OpenMP threads (any batch size)
template <typename F, typename... A>
void addChunkVariants(Workload &w, const F &single, vx::InAxes in,
                      vx::Array<float> &out, const A &...args) {
  auto chunked = [single, in](auto... xs) {
    return vx::vmap(single, in, 0, vx::chunk_size(kChunk))(xs...);
  };
  auto fixedN = vx::jit(chunked);
  auto anyN = vx::jit(vx::vmap(single, in, 0, vx::chunk_size(kChunk)));
  auto par1 =
      vx::jit(vx::vmap(single, in, 0, vx::chunk_size(kChunk), vx::parallel),
              vx::threads(1));
  auto par2 =
      vx::jit(vx::vmap(single, in, 0, vx::chunk_size(kChunk), vx::parallel),
              vx::threads(2));
  w.variants.push_back(
      {"chunk1024", dslRunner(fixedN, out, args...), out.data(), true});
  w.variants.push_back(
      {"chunk1024_dynN", dslRunner(anyN, out, args...), out.data(), true});
  w.variants.push_back(
      {"parallel_t1", dslRunner(par1, out, args...), out.data(), true});
  w.variants.push_back(
      {"parallel_t2", dslRunner(par2, out, args...), out.data(), true});
}

//===----------------------------------------------------------------------===//
// W1 nn: relu(X @ W1) @ W2
//===----------------------------------------------------------------------===//

Workload makeNN() {
  struct State {
    vx::Array<float> x = normal({kNNRows, kNNIn}, 11);
    vx::Array<float> w1 = normal({kNNIn, kNNHidden}, 12, 0.125f);
    vx::Array<float> w2 = normal({kNNHidden}, 13, 0.0625f);
    Outputs out{{kNNRows}};
    RowMat h = RowMat(kEigenRows, kNNHidden);
  };
  auto s = std::make_shared<State>();
  Workload w;
  w.name = "W1_nn";
  w.flops = 2.0 * kNNRows * (kNNIn * kNNHidden + kNNHidden);
  w.bytes = 4.0 * (kNNRows * kNNIn + kNNIn * kNNHidden + kNNHidden + kNNRows);

  auto single = seeds::nn();
  static_assert(seeds::kNNIn == kNNIn && seeds::kNNHidden == kNNHidden);
  auto batched = [](E x, E w1, E w2) {
    return vx::dot(vx::relu(vx::dot(x, w1)), w2);
  };
  auto vm = vx::jit(vx::vmap(single, vx::in_axes(0, vx::none, vx::none)));
  auto hand = vx::jit(batched);
  w.variants.push_back({"vmapped",
                        dslRunner(vm, s->out.vmapped, s->x, s->w1, s->w2),
                        s->out.vmapped.data()});
  addChunkVariants(w, single, vx::in_axes(0, vx::none, vx::none),
                   s->out.vmapped, s->x, s->w1, s->w2);
  w.variants.push_back({"aot",
                        [s] {
                          bench_aot_w1(s->x.data(), s->w1.data(), s->w2.data(),
                                       s->out.vmapped.data());
                        },
                        s->out.vmapped.data(), true});
  w.variants.push_back({"aot_dynN",
                        [s] {
                          bench_aot_w1_dyn(kNNRows, s->x.data(), s->w1.data(),
                                           s->w2.data(), s->out.vmapped.data());
                        },
                        s->out.vmapped.data(), true});
  w.variants.push_back({"hand",
                        dslRunner(hand, s->out.hand, s->x, s->w1, s->w2),
                        s->out.hand.data()});
  w.variants.push_back({"loops",
                        [s] {
                          nnLoops(s->x.data(), s->w1.data(), s->w2.data(),
                                  s->out.loops.data(), kNNRows);
                        },
                        s->out.loops.data()});
  w.variants.push_back({"eigen",
                        [s] {
                          MapCMat w1(s->w1.data(), kNNIn, kNNHidden);
                          MapCVec w2(s->w2.data(), kNNHidden);
                          for (int64_t r = 0; r < kNNRows; r += kEigenRows) {
                            MapCMat x(s->x.data() + r * kNNIn, kEigenRows,
                                      kNNIn);
                            MapVec y(s->out.eigen.data() + r, kEigenRows);
                            s->h.noalias() = x * w1;
                            y.noalias() = s->h.cwiseMax(0.0f) * w2;
                          }
                        },
                        s->out.eigen.data()});

  w.reference.resize(kNNRows);
  std::vector<double> h(kNNHidden);
  for (int64_t i = 0; i < kNNRows; ++i) {
    std::fill(h.begin(), h.end(), 0.0);
    for (int64_t k = 0; k < kNNIn; ++k)
      for (int64_t j = 0; j < kNNHidden; ++j)
        h[j] += double(s->x(i, k)) * s->w1(k, j);
    double y = 0;
    for (int64_t j = 0; j < kNNHidden; ++j)
      y += std::max(h[j], 0.0) * s->w2(j);
    w.reference[i] = y;
  }
  w.state = s;
  return w;
}

//===----------------------------------------------------------------------===//
// W2 gauss: N(x; mu, Sigma) with Sigma^-1 and det(Sigma) given
//===----------------------------------------------------------------------===//

Workload makeGauss(int64_t k) {
  struct State {
    vx::Array<float> x, mu, prec, det;
    Outputs out{{kGaussRows}};
    RowMat d, t;
  };
  auto s = std::make_shared<State>();
  s->x = normal({kGaussRows, k}, 21);
  s->mu = normal({k}, 22, 0.5f);
  // Sigma = A A^T / k + I: well conditioned, with correlations. Its inverse
  // and determinant are computed in float64 by Gauss-Jordan elimination.
  vx::Array<float> a = normal({k, k}, 23);
  std::vector<double> sigma(k * k), inv(k * k, 0.0);
  for (int64_t i = 0; i < k; ++i)
    for (int64_t j = 0; j < k; ++j) {
      double v = i == j ? 1.0 : 0.0;
      for (int64_t l = 0; l < k; ++l)
        v += double(a(i, l)) * a(j, l) / k;
      sigma[i * k + j] = v;
    }
  for (int64_t i = 0; i < k; ++i)
    inv[i * k + i] = 1.0;
  double det = 1.0;
  std::vector<double> m = sigma;
  for (int64_t c = 0; c < k; ++c) {
    double p = m[c * k + c]; // SPD: no pivoting needed.
    det *= p;
    for (int64_t j = 0; j < k; ++j) {
      m[c * k + j] /= p;
      inv[c * k + j] /= p;
    }
    for (int64_t r = 0; r < k; ++r) {
      if (r == c)
        continue;
      double f = m[r * k + c];
      for (int64_t j = 0; j < k; ++j) {
        m[r * k + j] -= f * m[c * k + j];
        inv[r * k + j] -= f * inv[c * k + j];
      }
    }
  }
  s->prec = vx::Array<float>({k, k});
  for (int64_t i = 0; i < k * k; ++i)
    s->prec.data()[i] = float(inv[i]);
  s->det = vx::Array<float>(vx::Shape{}, {float(det)});
  s->d.resize(kEigenRows, k);
  s->t.resize(kEigenRows, k);

  Workload w;
  w.name = "W2_gauss_k" + std::to_string(k);
  // Per point: k subtractions, the k x k mat-vec and the dot (2k^2 + 2k),
  // two multiplies and the exp (counted as one).
  w.flops = double(kGaussRows) * (k + 2.0 * k * k + 2.0 * k + 3.0);
  w.bytes = 4.0 * (kGaussRows * k + kGaussRows + k * k + k + 1);
  w.rtol = 2e-3;
  const float twoPiK = float(std::pow(2.0 * std::numbers::pi, double(k)));

  auto single = seeds::gauss(k);
  auto batched = [twoPiK](E x, E mu, E prec, E det) {
    E d = x - mu;                           // [N, k]
    E q = vx::sum(vx::dot(d, prec) * d, 1); // prec is symmetric
    return vx::exp(q * -0.5f) * vx::rsqrt(det * twoPiK);
  };
  auto vm =
      vx::jit(vx::vmap(single, vx::in_axes(0, vx::none, vx::none, vx::none)));
  auto hand = vx::jit(batched);
  w.variants.push_back(
      {"vmapped", dslRunner(vm, s->out.vmapped, s->x, s->mu, s->prec, s->det),
       s->out.vmapped.data()});
  addChunkVariants(w, single, vx::in_axes(0, vx::none, vx::none, vx::none),
                   s->out.vmapped, s->x, s->mu, s->prec, s->det);
  if (k == 16) // the seed's k, exported ahead of time
    w.variants.push_back({"aot",
                          [s] {
                            bench_aot_w2(s->x.data(), s->mu.data(),
                                         s->prec.data(), s->det.data(),
                                         s->out.vmapped.data());
                          },
                          s->out.vmapped.data(), true});
  w.variants.push_back(
      {"hand", dslRunner(hand, s->out.hand, s->x, s->mu, s->prec, s->det),
       s->out.hand.data()});
  w.variants.push_back({"loops",
                        [s, k] {
                          gaussLoops(s->x.data(), s->mu.data(), s->prec.data(),
                                     s->det.data()[0], s->out.loops.data(),
                                     kGaussRows, k);
                        },
                        s->out.loops.data()});
  w.variants.push_back(
      {"eigen",
       [s, k, twoPiK] {
         MapCMat prec(s->prec.data(), k, k);
         Eigen::Map<const Eigen::RowVectorXf> mu(s->mu.data(), k);
         float norm = 1.0f / std::sqrt(s->det.data()[0] * twoPiK);
         for (int64_t r = 0; r < kGaussRows; r += kEigenRows) {
           int64_t rows = std::min(kEigenRows, kGaussRows - r);
           Eigen::Map<const RowMat> x(s->x.data() + r * k, rows, k);
           Eigen::Map<Eigen::VectorXf> y(s->out.eigen.data() + r, rows);
           auto d = s->d.topRows(rows);
           auto t = s->t.topRows(rows);
           d = x.rowwise() - mu;
           t.noalias() = d * prec;
           y.array() =
               norm * (-0.5f * t.cwiseProduct(d).rowwise().sum()).array().exp();
         }
       },
       s->out.eigen.data()});

  w.reference.resize(kGaussRows);
  double norm = 1.0 / std::sqrt(det * std::pow(2.0 * std::numbers::pi, k));
  std::vector<double> d(k);
  for (int64_t i = 0; i < kGaussRows; ++i) {
    for (int64_t a = 0; a < k; ++a)
      d[a] = double(s->x(i, a)) - s->mu(a);
    double q = 0;
    for (int64_t a = 0; a < k; ++a)
      for (int64_t b = 0; b < k; ++b)
        q += d[a] * double(s->prec(a, b)) * d[b];
    w.reference[i] = norm * std::exp(-0.5 * q);
  }
  w.state = s;
  return w;
}

//===----------------------------------------------------------------------===//
// W3 softmax(X @ W + b)
//===----------------------------------------------------------------------===//

Workload makeSoftmax() {
  struct State {
    vx::Array<float> x = normal({kSmRows, kSmIn}, 31);
    vx::Array<float> w = normal({kSmIn, kSmOut}, 32, 0.125f);
    vx::Array<float> b = normal({kSmOut}, 33, 0.1f);
    Outputs out{{kSmRows, kSmOut}};
    RowMat z = RowMat(kEigenRows, kSmOut);
  };
  auto s = std::make_shared<State>();
  Workload w;
  w.name = "W3_softmax";
  // Mat-vec, bias, max, subtract, exp (one), sum, divide.
  w.flops = double(kSmRows) * (2.0 * kSmIn * kSmOut + 6.0 * kSmOut);
  w.bytes =
      4.0 * (kSmRows * kSmIn + kSmIn * kSmOut + kSmOut + kSmRows * kSmOut);

  auto single = seeds::softmax();
  static_assert(seeds::kSmIn == kSmIn && seeds::kSmOut == kSmOut);
  auto batched = [](E x, E wt, E b) {
    E z = vx::dot(x, wt) + b;
    E e = vx::exp(z - vx::max(z, 1, true));
    return e / vx::sum(e, 1, true);
  };
  auto vm = vx::jit(vx::vmap(single, vx::in_axes(0, vx::none, vx::none)));
  auto hand = vx::jit(batched);
  w.variants.push_back({"vmapped",
                        dslRunner(vm, s->out.vmapped, s->x, s->w, s->b),
                        s->out.vmapped.data()});
  addChunkVariants(w, single, vx::in_axes(0, vx::none, vx::none),
                   s->out.vmapped, s->x, s->w, s->b);
  w.variants.push_back({"aot",
                        [s] {
                          bench_aot_w3(s->x.data(), s->w.data(), s->b.data(),
                                       s->out.vmapped.data());
                        },
                        s->out.vmapped.data(), true});
  w.variants.push_back({"hand", dslRunner(hand, s->out.hand, s->x, s->w, s->b),
                        s->out.hand.data()});
  w.variants.push_back({"loops",
                        [s] {
                          softmaxLoops(s->x.data(), s->w.data(), s->b.data(),
                                       s->out.loops.data(), kSmRows);
                        },
                        s->out.loops.data()});
  w.variants.push_back(
      {"eigen",
       [s] {
         MapCMat wt(s->w.data(), kSmIn, kSmOut);
         Eigen::Map<const Eigen::RowVectorXf> b(s->b.data(), kSmOut);
         for (int64_t r = 0; r < kSmRows; r += kEigenRows) {
           MapCMat x(s->x.data() + r * kSmIn, kEigenRows, kSmIn);
           MapMat y(s->out.eigen.data() + r * kSmOut, kEigenRows, kSmOut);
           s->z.noalias() = x * wt;
           s->z.rowwise() += b;
           Eigen::VectorXf m = s->z.rowwise().maxCoeff();
           y = (s->z.colwise() - m).array().exp().matrix();
           Eigen::VectorXf sum = y.rowwise().sum();
           y.array().colwise() /= sum.array();
         }
       },
       s->out.eigen.data()});

  w.reference.resize(kSmRows * kSmOut);
  for (int64_t i = 0; i < kSmRows; ++i) {
    double z[kSmOut], m = -INFINITY, sum = 0;
    for (int64_t j = 0; j < kSmOut; ++j) {
      z[j] = s->b(j);
      for (int64_t k = 0; k < kSmIn; ++k)
        z[j] += double(s->x(i, k)) * s->w(k, j);
      m = std::max(m, z[j]);
    }
    for (int64_t j = 0; j < kSmOut; ++j)
      sum += std::exp(z[j] - m);
    for (int64_t j = 0; j < kSmOut; ++j)
      w.reference[i * kSmOut + j] = std::exp(z[j] - m) / sum;
  }
  w.state = s;
  return w;
}

//===----------------------------------------------------------------------===//
// W4 x + 1
//===----------------------------------------------------------------------===//

Workload makeAddOne() {
  struct State {
    vx::Array<float> x = normal({kAddN}, 41);
    Outputs out{{kAddN}};
  };
  auto s = std::make_shared<State>();
  Workload w;
  w.name = "W4_add1";
  w.flops = double(kAddN);
  w.bytes = 8.0 * kAddN;

  auto single = seeds::addOne(); // x is one number
  auto batched = [](E x) { return x + 1.0f; };
  auto vm = vx::jit(vx::vmap(single));
  auto hand = vx::jit(batched);
  w.variants.push_back(
      {"vmapped", dslRunner(vm, s->out.vmapped, s->x), s->out.vmapped.data()});
  w.variants.push_back(
      {"aot", [s] { bench_aot_w4(s->x.data(), s->out.vmapped.data()); },
       s->out.vmapped.data(), true});
  w.variants.push_back(
      {"hand", dslRunner(hand, s->out.hand, s->x), s->out.hand.data()});
  w.variants.push_back(
      {"loops", [s] { addOneLoops(s->x.data(), s->out.loops.data(), kAddN); },
       s->out.loops.data()});
  w.variants.push_back({"eigen",
                        [s] {
                          MapCVec x(s->x.data(), kAddN);
                          MapVec y(s->out.eigen.data(), kAddN);
                          y.array() = x.array() + 1.0f;
                        },
                        s->out.eigen.data()});
  w.reference.resize(kAddN);
  for (int64_t i = 0; i < kAddN; ++i)
    w.reference[i] = double(s->x.data()[i]) + 1.0;
  w.state = s;
  return w;
}

//===----------------------------------------------------------------------===//
// W7 GMM per-point log-likelihood, K diagonal Gaussians
//===----------------------------------------------------------------------===//

Workload makeGmm() {
  struct State {
    vx::Array<float> x = normal({kGmmN, kGmmD}, 71, 2.0f);
    vx::Array<float> mu = normal({kGmmK, kGmmD}, 72, 2.0f);
    vx::Array<float> prec = uniform({kGmmK, kGmmD}, 73, 0.5f, 2.0f);
    vx::Array<float> logw = vx::Array<float>(vx::Shape{kGmmK});
    Outputs out{{kGmmN}};
    // Eigen's expanded form: q = (x*x) prec^T - 2 x (prec*mu)^T +
    // sum(prec*mu^2).
    RowMat precT = RowMat(kGmmD, kGmmK), pmT = RowMat(kGmmD, kGmmK);
    Eigen::RowVectorXf c = Eigen::RowVectorXf(kGmmK);
    RowMat ll = RowMat(kEigenRows, kGmmK), x2 = RowMat(kEigenRows, kGmmD);
  };
  auto s = std::make_shared<State>();
  {
    vx::Array<float> raw = normal({kGmmK}, 74);
    double z = 0;
    for (float v : raw)
      z += std::exp(double(v));
    for (int64_t k = 0; k < kGmmK; ++k)
      s->logw(k) = float(raw(k) - std::log(z));
  }
  Workload w;
  w.name = "W7_gmm";
  // Per point and component: 4 flops per dim, 2 more, then max, exp, sum.
  w.flops = double(kGmmN) * kGmmK * (4.0 * kGmmD + 6.0);
  w.bytes = 4.0 * (kGmmN * kGmmD + kGmmN + 2 * kGmmK * kGmmD + kGmmK);
  const float halfDLog2Pi =
      0.5f * kGmmD * float(std::log(2.0 * std::numbers::pi));

  auto single = seeds::gmm();
  static_assert(seeds::kGmmK == kGmmK && seeds::kGmmD == kGmmD);
  auto batched = [halfDLog2Pi](E x, E mu, E prec, E logw) {
    E c = logw + vx::sum(vx::log(prec), 1) * 0.5f - halfDLog2Pi; // [K]
    E d = vx::reshape(x, {kGmmN, 1, kGmmD}) - mu;                // [N, K, D]
    E ll = c - vx::sum(d * d * prec, 2) * 0.5f;                  // [N, K]
    E m = vx::max(ll, 1, true);
    return vx::reshape(m, {kGmmN}) + vx::log(vx::sum(vx::exp(ll - m), 1));
  };
  auto vm =
      vx::jit(vx::vmap(single, vx::in_axes(0, vx::none, vx::none, vx::none)));
  auto hand = vx::jit(batched);
  w.variants.push_back(
      {"vmapped", dslRunner(vm, s->out.vmapped, s->x, s->mu, s->prec, s->logw),
       s->out.vmapped.data()});
  w.variants.push_back({"aot",
                        [s] {
                          bench_aot_w7(s->x.data(), s->mu.data(),
                                       s->prec.data(), s->logw.data(),
                                       s->out.vmapped.data());
                        },
                        s->out.vmapped.data(), true});
  w.variants.push_back(
      {"hand", dslRunner(hand, s->out.hand, s->x, s->mu, s->prec, s->logw),
       s->out.hand.data()});
  w.variants.push_back({"loops",
                        [s] {
                          gmmLoops(s->x.data(), s->mu.data(), s->prec.data(),
                                   s->logw.data(), s->out.loops.data(), kGmmN);
                        },
                        s->out.loops.data()});
  w.variants.push_back(
      {"eigen",
       [s, halfDLog2Pi] {
         // Parameter set-up is O(K D) and part of every call.
         MapCMat mu(s->mu.data(), kGmmK, kGmmD);
         MapCMat prec(s->prec.data(), kGmmK, kGmmD);
         Eigen::Map<const Eigen::RowVectorXf> logw(s->logw.data(), kGmmK);
         s->precT = prec.transpose();
         s->pmT = (-2.0f * prec.cwiseProduct(mu)).transpose();
         s->c = logw +
                0.5f * prec.array().log().matrix().rowwise().sum().transpose() -
                Eigen::RowVectorXf::Constant(kGmmK, halfDLog2Pi) -
                0.5f * prec.cwiseProduct(mu.cwiseProduct(mu))
                           .rowwise()
                           .sum()
                           .transpose();
         for (int64_t r = 0; r < kGmmN; r += kEigenRows) {
           MapCMat x(s->x.data() + r * kGmmD, kEigenRows, kGmmD);
           MapVec y(s->out.eigen.data() + r, kEigenRows);
           s->x2 = x.cwiseProduct(x);
           s->ll.noalias() = s->x2 * s->precT;
           s->ll.noalias() += x * s->pmT;
           s->ll = (-0.5f * s->ll).rowwise() + s->c;
           Eigen::VectorXf m = s->ll.rowwise().maxCoeff();
           y = m + (s->ll.colwise() - m)
                       .array()
                       .exp()
                       .rowwise()
                       .sum()
                       .log()
                       .matrix();
         }
       },
       s->out.eigen.data()});

  w.reference.resize(kGmmN);
  for (int64_t i = 0; i < kGmmN; ++i) {
    double ll[kGmmK], m = -INFINITY, sum = 0;
    for (int64_t k = 0; k < kGmmK; ++k) {
      double c = s->logw(k) - kGmmD * 0.5 * std::log(2.0 * std::numbers::pi);
      for (int64_t d = 0; d < kGmmD; ++d) {
        double t = double(s->x(i, d)) - s->mu(k, d);
        c +=
            0.5 * std::log(double(s->prec(k, d))) - 0.5 * t * t * s->prec(k, d);
      }
      ll[k] = c;
      m = std::max(m, c);
    }
    for (double v : ll)
      sum += std::exp(v - m);
    w.reference[i] = m + std::log(sum);
  }
  w.state = s;
  return w;
}

//===----------------------------------------------------------------------===//
// Checking
//===----------------------------------------------------------------------===//

/// |y - ref| <= rtol * (|ref| + mean |ref|) everywhere; the mean term keeps
/// elements near zero from demanding more than float32 can give.
bool check(const Workload &w, const Variant &v) {
  double scale = 0;
  for (double r : w.reference)
    scale += std::abs(r);
  scale /= double(w.reference.size());
  double worst = 0;
  size_t at = 0;
  for (size_t i = 0; i < w.reference.size(); ++i) {
    double err = std::abs(double(v.out[i]) - w.reference[i]) /
                 (std::abs(w.reference[i]) + scale);
    if (!(err <= worst)) { // NaN counts as the worst
      worst = err;
      at = i;
      if (std::isnan(err))
        break;
    }
  }
  bool ok = worst <= w.rtol;
  std::fprintf(stderr, "check %-14s %-8s max scaled error %.2e %s\n",
               w.name.c_str(), v.name.c_str(), worst, ok ? "ok" : "FAILED");
  if (!ok)
    std::fprintf(stderr, "  element %zu: got %.9g, float64 reference %.9g\n",
                 at, double(v.out[at]), w.reference[at]);
  return ok;
}

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;

  std::vector<Workload> workloads;
  try {
    workloads.push_back(makeNN());
    workloads.push_back(makeGauss(2));
    workloads.push_back(makeGauss(16));
    workloads.push_back(makeSoftmax());
    workloads.push_back(makeAddOne());
    workloads.push_back(makeGmm());
  } catch (const vx::Error &e) {
    std::fprintf(stderr, "vmapc-seed-bench: %s\n", e.what());
    return 1;
  }

  // Agreement first: a fast wrong answer is no result.
  bool allOk = true;
  for (Workload &w : workloads) {
    std::vector<float> vmappedBits;
    for (Variant &v : w.variants) {
      v.run();
      allOk &= check(w, v);
      size_t n = w.reference.size();
      if (v.name == "vmapped")
        vmappedBits.assign(v.out, v.out + n);
      if (v.sameBitsAsVmapped) {
        bool same =
            vmappedBits.size() == n &&
            std::memcmp(vmappedBits.data(), v.out, n * sizeof(float)) == 0;
        std::fprintf(stderr, "check %-14s %-8s bit-identical to vmapped: %s\n",
                     w.name.c_str(), v.name.c_str(), same ? "yes" : "NO");
        allOk &= same;
      }
    }
  }
  if (!allOk) {
    std::fprintf(stderr, "vmapc-seed-bench: variants disagree with the "
                         "float64 reference; nothing timed\n");
    return 1;
  }

  probes::registerProbes();
  for (Workload &w : workloads)
    for (Variant &v : w.variants)
      probes::registerRow(w.name + "/" + v.name, v.run, w.flops, w.bytes)
          // Wall time: the parallel variants use more than this thread.
          ->UseRealTime();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
