//===- SeedKernels.h - The seed workloads as per-example functions -*- C++
//-*-===//
//
// The seven seed workloads written for one example, with the in_axes that
// map them over a batch and the per-example shapes they take. The exporter
// (export_seed_kernels.cpp) traces them to .mlir for vmapc-compile; the AOT
// tests and benchmarks jit the very same functions, so "AOT == JIT" compares
// two compilations of one program.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_EXAMPLES_AOT_SEEDKERNELS_H
#define VMAPC_EXAMPLES_AOT_SEEDKERNELS_H

#include <vmapc/vmapc.h>

#include <cmath>
#include <numbers>
#include <tuple>
#include <utility>

namespace seeds {

namespace vx = vmapc;
using E = vx::Expr<float>;

// W1: NN inference, x [64] -> relu(x W1) . w2 with W1 [64, 256], w2 [256].
constexpr int64_t kNNIn = 64, kNNHidden = 256;
inline auto nn() {
  return [](E x, E w1, E w2) { return vx::dot(vx::relu(vx::dot(x, w1)), w2); };
}
inline vx::InAxes nnAxes() { return vx::in_axes(0, vx::none, vx::none); }

// W2: the Gaussian pdf N(x; mu, Sigma) from the precision matrix and
// det(Sigma), for x of k dims.
inline auto gauss(int64_t k) {
  const float twoPiK = float(std::pow(2.0 * std::numbers::pi, double(k)));
  return [twoPiK](E x, E mu, E prec, E det) {
    E d = x - mu;
    E q = (d * vx::dot(prec, d)).sum();
    return vx::exp(q * -0.5f) * vx::rsqrt(det * twoPiK);
  };
}
inline vx::InAxes gaussAxes() {
  return vx::in_axes(0, vx::none, vx::none, vx::none);
}

// W3: softmax regression, x [64] -> softmax(x W + b) with W [64, 10].
constexpr int64_t kSmIn = 64, kSmOut = 10;
inline auto softmax() {
  return [](E x, E wt, E b) {
    E z = vx::dot(x, wt) + b;
    E e = vx::exp(z - vx::max(z, 0, true));
    return e / vx::sum(e, 0, true);
  };
}
inline vx::InAxes softmaxAxes() { return vx::in_axes(0, vx::none, vx::none); }

// W4: x + 1 on one number.
inline auto addOne() {
  return [](E x) { return x + 1.0f; };
}
inline vx::InAxes addOneAxes() { return 0; }

// W5: Lotka-Volterra, 200 Euler steps of one predator-prey system (a
// fori_loop with a tuple carry); returns the final (x, y).
constexpr int kLvSteps = 200;
inline auto lotkaVolterra() {
  return [](E x0, E y0, E a, E b, E g, E d) {
    using S = std::tuple<E, E>;
    return vx::fori_loop(
        0, kLvSteps,
        [&](auto, const S &s) {
          auto [x, y] = s;
          E xy = x * y;
          return S{x + (a * x - b * xy) * 0.01f, y + (d * xy - g * y) * 0.01f};
        },
        S{x0, y0});
  };
}
inline vx::InAxes lotkaVolterraAxes() { return 0; } // every argument

// W6: a leaky integrate-and-fire network of 16 neurons over 30 steps for
// one run's external current; returns the final potentials plus the spike
// count of each neuron (a scan with a bool output stacked over time).
constexpr int64_t kLifNeurons = 16, kLifSteps = 30;
inline auto lif() {
  return [](E W, E iext) {
    E v0 = vx::broadcast_to(vx::constant<float>(0.0f), {kLifNeurons});
    auto [V, spikes] = vx::scan(
        [&](const E &V, vx::None) {
          vx::Expr<bool> fired = V >= 15.0f;
          E v = vx::where(fired, 0.0f, V);
          E current = vx::dot(W, vx::astype<float>(fired)) + iext;
          v = v + 0.05f * (-v + current);
          return std::make_pair(vx::where(fired, 0.0f, v), fired);
        },
        v0, vx::none, kLifSteps);
    return V + vx::sum(vx::astype<float>(spikes), 0);
  };
}
inline vx::InAxes lifAxes() { return vx::in_axes(vx::none, 0); }

// W7: the GMM E-step per-point log-likelihood with K = 16 diagonal
// Gaussians in D = 8 dims.
constexpr int64_t kGmmK = 16, kGmmD = 8;
inline auto gmm() {
  const float halfDLog2Pi =
      0.5f * kGmmD * float(std::log(2.0 * std::numbers::pi));
  return [halfDLog2Pi](E x, E mu, E prec, E logw) {
    E c = logw + vx::sum(vx::log(prec), 1) * 0.5f - halfDLog2Pi; // [K]
    E d = x - mu;                                                // [K, D]
    E ll = c - vx::sum(d * d * prec, 1) * 0.5f;                  // [K]
    E m = ll.max();
    return m + vx::log(vx::exp(ll - m).sum());
  };
}
inline vx::InAxes gmmAxes() {
  return vx::in_axes(0, vx::none, vx::none, vx::none);
}

/// How a workload is mapped over its batch: the plain vmap (static batch
/// size), serial chunks (any batch size) or parallel chunks (any batch size,
/// on OpenMP threads).
enum class Mapping { Plain, Chunked, Parallel };
constexpr int64_t kChunk = 256;

template <typename F>
auto mapped(F f, vx::InAxes in, Mapping m, int64_t chunk = kChunk) {
  using V = decltype(vx::vmap(f, in));
  switch (m) {
  case Mapping::Chunked:
    return V(vx::vmap(f, in, 0, vx::chunk_size(chunk)));
  case Mapping::Parallel:
    return V(vx::vmap(f, in, 0, vx::chunk_size(chunk), vx::parallel));
  case Mapping::Plain:
    break;
  }
  return V(vx::vmap(f, in));
}

/// Calls `visit(vmapped function, ShapeDtype...)` for seed workload
/// `name` ("W1" ... "W7", W2 with k = 16) with batch size `n`; returns
/// false for an unknown name. `chunk` is the chunk size of the chunked and
/// parallel mappings.
template <typename Visit>
bool withSeed(const std::string &name, Mapping m, int64_t n, Visit visit,
              int64_t chunk = kChunk) {
  using S = vx::ShapeDtype<float>;
  auto mapped = [&](auto f, vx::InAxes in, Mapping m) {
    return seeds::mapped(f, in, m, chunk);
  };
  if (name == "W1") {
    visit(mapped(nn(), nnAxes(), m), S({n, kNNIn}), S({kNNIn, kNNHidden}),
          S({kNNHidden}));
  } else if (name == "W2") {
    constexpr int64_t k = 16;
    visit(mapped(gauss(k), gaussAxes(), m), S({n, k}), S({k}), S({k, k}),
          S({}));
  } else if (name == "W3") {
    visit(mapped(softmax(), softmaxAxes(), m), S({n, kSmIn}),
          S({kSmIn, kSmOut}), S({kSmOut}));
  } else if (name == "W4") {
    visit(mapped(addOne(), addOneAxes(), m), S({n}));
  } else if (name == "W5") {
    visit(mapped(lotkaVolterra(), lotkaVolterraAxes(), m), S({n}), S({n}),
          S({n}), S({n}), S({n}), S({n}));
  } else if (name == "W6") {
    visit(mapped(lif(), lifAxes(), m), S({kLifNeurons, kLifNeurons}),
          S({n, kLifNeurons}));
  } else if (name == "W7") {
    visit(mapped(gmm(), gmmAxes(), m), S({n, kGmmD}), S({kGmmK, kGmmD}),
          S({kGmmK, kGmmD}), S({kGmmK}));
  } else {
    return false;
  }
  return true;
}

} // namespace seeds

#endif // VMAPC_EXAMPLES_AOT_SEEDKERNELS_H
