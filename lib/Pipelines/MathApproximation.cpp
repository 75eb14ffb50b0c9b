//===- MathApproximation.cpp - Vector-friendly exp/log/tanh -----*- C++ -*-===//
//
// Without this, math.exp on vector<16xf32> is scalarized into 16 calls to
// expf. The polynomial approximations are those of upstream's test pass
// (accurate to a few ulp on f32).
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCMATHAPPROXIMATION
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {
struct MathApproximationPass
    : vmapc::impl::VmapcMathApproximationBase<MathApproximationPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // The legacy entry point adds both the f32 expansions (tanh via exp,
    // ...) and the polynomial approximations upstream considers accurate.
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
