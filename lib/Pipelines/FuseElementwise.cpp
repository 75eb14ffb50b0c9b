//===- FuseElementwise.cpp - Elementwise fusion, contractions kept -*- C++ -*-//
//
// Fusing a producer into a consumer with reduction loops recomputes the
// producer once per reduction step; for a contraction (relu(h) . W) it also
// turns the matmul into a generic the tiling heuristics no longer
// recognise. Tile-and-fuse later fuses such producers per output tile
// instead, without recomputation.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCFUSEELEMENTWISE
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {
struct FuseElementwisePass
    : vmapc::impl::VmapcFuseElementwiseBase<FuseElementwisePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    linalg::ControlFusionFn control = [](OpOperand *fused) {
      Operation *producer = fused->get().getDefiningOp();
      auto consumer = dyn_cast<linalg::LinalgOp>(fused->getOwner());
      if (!producer || !consumer)
        return false;
      if (consumer.getNumReductionLoops() > 0 &&
          linalg::isaContractionOpInterface(consumer))
        return false;
      // A producer with several users would be recomputed in each of them.
      return producer->hasOneUse();
    };
    linalg::populateElementwiseOpsFusionPatterns(patterns, control);
    linalg::populateEraseUnusedOperandsAndResultsPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
