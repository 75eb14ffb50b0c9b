//===- ControlPeers.h - Sizes and plain C++ peers of W5, W6 -----*- C++ -*-===//
//
// The fixed sizes of the control-flow workloads W5 (Lotka-Volterra) and W6
// (leaky integrate-and-fire network), and their plain-loop peers, which
// live in their own translation unit because they are built with other
// flags (ControlPeerLoops.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_BENCH_CONTROLPEERS_H
#define VMAPC_BENCH_CONTROLPEERS_H

#include <cstdint>

namespace control {

// W5: independent predator-prey systems, explicit Euler steps of kLvDt.
constexpr int64_t kSystems = 4096;
constexpr int kLvSteps = 1000;
constexpr float kLvDt = 0.01f;

// W6: kNeurons all-to-all coupled neurons, kLifSteps steps.
constexpr int64_t kNeurons = 1024;
constexpr int64_t kLifSteps = 1000;
constexpr float kDt = 0.01f, kTauM = 20.0f, kVReset = -65.0f, kVTh = -50.0f;

/// W5's inputs, kSystems values each: the start (x0, y0) and the
/// parameters of dx/dt = a x - b x y, dy/dt = d x y - g y.
struct LvInputs {
  const float *x0, *y0, *a, *b, *g, *d;
};

/// W5, one system at a time with its steps inside: the form the DSL
/// function is written in; every step waits for the one before.
void lvLoops(const LvInputs &in, float *x, float *y);
/// W5, every system once per step: vectorized, but the state and
/// parameters (96 KiB) stream through L1 every step.
void lvLoopsTimeOuter(const LvInputs &in, float *x, float *y);
/// W5, blocks of systems held in registers for all the steps.
void lvLoopsBlocked(const LvInputs &in, float *x, float *y);

/// W6 into v [kNeurons] and spikes [kLifSteps, kNeurons]: W [kNeurons,
/// kNeurons] row-major, iext and v0 [kNeurons]. One dot product per row.
void lifLoops(const float *w, const float *iext, const float *v0, float *v,
              bool *spikes);
/// W6 with blocks of rows against vector lanes of columns.
void lifLoopsBlocked(const float *w, const float *iext, const float *v0,
                     float *v, bool *spikes);

} // namespace control

#endif // VMAPC_BENCH_CONTROLPEERS_H
