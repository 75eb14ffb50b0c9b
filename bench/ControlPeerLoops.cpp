//===- ControlPeerLoops.cpp - Plain C++ peers of W5 and W6 ----------------===//
//
// The plain-loop peers of vmapc-control-bench's W5 and W6, compiled apart
// from the rest with -O3 -march=native -mprefer-vector-width=512: without
// the last flag clang vectorizes for 256-bit registers on this AVX-512
// machine (W5 blocked: 0.45 ms against 0.30 ms), while the FMA probe, and
// the JIT, use 512-bit ones. No -ffast-math: neither workload has an exp or
// a log, and the blocked forms vectorize without reassociation.
//
//===----------------------------------------------------------------------===//
#include "ControlPeers.h"

#include <algorithm>

namespace control {

void lvLoops(const LvInputs &in, float *x, float *y) {
  for (int64_t i = 0; i < kSystems; ++i) {
    float sx = in.x0[i], sy = in.y0[i];
    for (int t = 0; t < kLvSteps; ++t) {
      float xy = sx * sy;
      float nx = sx + (in.a[i] * sx - in.b[i] * xy) * kLvDt;
      float ny = sy + (in.d[i] * xy - in.g[i] * sy) * kLvDt;
      sx = nx;
      sy = ny;
    }
    x[i] = sx;
    y[i] = sy;
  }
}

void lvLoopsTimeOuter(const LvInputs &in, float *__restrict x,
                      float *__restrict y) {
  const float *__restrict a = in.a, *__restrict b = in.b, *__restrict g = in.g,
                          *__restrict d = in.d;
  std::copy(in.x0, in.x0 + kSystems, x);
  std::copy(in.y0, in.y0 + kSystems, y);
  for (int t = 0; t < kLvSteps; ++t)
    for (int64_t i = 0; i < kSystems; ++i) {
      float sx = x[i], sy = y[i], xy = sx * sy;
      x[i] = sx + (a[i] * sx - b[i] * xy) * kLvDt;
      y[i] = sy + (d[i] * xy - g[i] * sy) * kLvDt;
    }
}

/// Systems per block of lvLoopsBlocked: 4 vectors of 16 per quantity, 24
/// registers for state and parameters, and 4 independent chains per step to
/// cover the FMA latency. Measured (ms, 512-bit): 16: 1.04, 32: 0.55,
/// 64: 0.30, 128: 0.34 (spills), 256 and more: 0.41.
constexpr int64_t kLvBlock = 64;
static_assert(kSystems % kLvBlock == 0);

void lvLoopsBlocked(const LvInputs &in, float *x, float *y) {
  for (int64_t i0 = 0; i0 < kSystems; i0 += kLvBlock) {
    float sx[kLvBlock], sy[kLvBlock], a[kLvBlock], b[kLvBlock], g[kLvBlock],
        d[kLvBlock];
    for (int64_t i = 0; i < kLvBlock; ++i) {
      sx[i] = in.x0[i0 + i];
      sy[i] = in.y0[i0 + i];
      a[i] = in.a[i0 + i];
      b[i] = in.b[i0 + i];
      g[i] = in.g[i0 + i];
      d[i] = in.d[i0 + i];
    }
    for (int t = 0; t < kLvSteps; ++t)
      for (int64_t i = 0; i < kLvBlock; ++i) {
        float xy = sx[i] * sy[i];
        float nx = sx[i] + (a[i] * sx[i] - b[i] * xy) * kLvDt;
        float ny = sy[i] + (d[i] * xy - g[i] * sy[i]) * kLvDt;
        sx[i] = nx;
        sy[i] = ny;
      }
    std::copy(sx, sx + kLvBlock, x + i0);
    std::copy(sy, sy + kLvBlock, y + i0);
  }
}

namespace {
/// The membrane update of one neuron from its synaptic input.
float lifUpdate(float v, bool fired, float synaptic, float iext) {
  float current = synaptic + iext;
  float vi = fired ? kVReset : v;
  vi = vi + kDt / kTauM * (-vi + kVReset + current);
  return fired ? kVReset : vi;
}
} // namespace

void lifLoops(const float *w, const float *iext, const float *v0, float *v,
              bool *spikes) {
  float cur[kNeurons], next[kNeurons], fired[kNeurons];
  std::copy(v0, v0 + kNeurons, cur);
  for (int64_t t = 0; t < kLifSteps; ++t) {
    for (int64_t i = 0; i < kNeurons; ++i) {
      fired[i] = cur[i] >= kVTh ? 1.0f : 0.0f;
      spikes[t * kNeurons + i] = fired[i] != 0;
    }
    for (int64_t i = 0; i < kNeurons; ++i) {
      // In order: without reassociation this reduction stays scalar.
      float synaptic = 0;
      const float *row = w + i * kNeurons;
      for (int64_t j = 0; j < kNeurons; ++j)
        synaptic += row[j] * fired[j];
      next[i] = lifUpdate(cur[i], fired[i] != 0, synaptic, iext[i]);
    }
    std::copy(next, next + kNeurons, cur);
  }
  std::copy(cur, cur + kNeurons, v);
}

/// lifLoopsBlocked's register block: kLifRows rows, each with kLifLanes
/// partial sums (two 512-bit vectors), so every load of `fired` serves
/// kLifRows rows and 8 independent FMA chains cover latency times pipes.
/// W (4 MiB) does not fit in L2 (2 MiB) and streams from L3 every step:
/// 1x16 to 4x32 all measured 140 ms, 8x16 (spills) 384 ms.
constexpr int64_t kLifRows = 4, kLifLanes = 32;
static_assert(kNeurons % kLifRows == 0 && kNeurons % kLifLanes == 0);

void lifLoopsBlocked(const float *w, const float *iext, const float *v0,
                     float *v, bool *spikes) {
  alignas(64) float cur[kNeurons], fired[kNeurons];
  std::copy(v0, v0 + kNeurons, cur);
  for (int64_t t = 0; t < kLifSteps; ++t) {
    for (int64_t i = 0; i < kNeurons; ++i) {
      fired[i] = cur[i] >= kVTh ? 1.0f : 0.0f;
      spikes[t * kNeurons + i] = cur[i] >= kVTh;
    }
    for (int64_t i0 = 0; i0 < kNeurons; i0 += kLifRows) {
      float acc[kLifRows][kLifLanes] = {};
      for (int64_t j0 = 0; j0 < kNeurons; j0 += kLifLanes)
        for (int64_t r = 0; r < kLifRows; ++r)
          for (int64_t l = 0; l < kLifLanes; ++l)
            acc[r][l] += w[(i0 + r) * kNeurons + j0 + l] * fired[j0 + l];
      // Row i's potential is read by row i alone once `fired` is known, so
      // it is updated in place.
      for (int64_t r = 0; r < kLifRows; ++r) {
        float synaptic = 0;
        for (int64_t l = 0; l < kLifLanes; ++l)
          synaptic += acc[r][l];
        int64_t i = i0 + r;
        cur[i] = lifUpdate(cur[i], fired[i] != 0, synaptic, iext[i]);
      }
    }
  }
  std::copy(cur, cur + kNeurons, v);
}

} // namespace control
