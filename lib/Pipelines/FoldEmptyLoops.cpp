//===- FoldEmptyLoops.cpp - Linalg ops that run no iteration ----*- C++ -*-===//
//
// A size-0 dimension (a vmap with axis_size = 0, a zero-length slice) makes
// a linalg op's iteration space empty. Such an op computes nothing: each
// result equals its `outs` operand. Replacing it before tiling spares the
// tiling and vectorization code size-0 tiles, which it does not handle.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCFOLDEMPTYLOOPS
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {
struct FoldEmptyIterationSpace
    : OpInterfaceRewritePattern<linalg::LinalgOp> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.hasPureTensorSemantics() || op->getNumResults() == 0)
      return failure();
    if (!llvm::is_contained(op.getStaticLoopRanges(), 0))
      return failure();
    SmallVector<Value> inits;
    for (OpOperand &init : op.getDpsInitsMutable())
      inits.push_back(init.get());
    if (inits.size() != op->getNumResults())
      return failure();
    rewriter.replaceOp(op, inits);
    return success();
  }
};

struct FoldEmptyLoopsPass
    : vmapc::impl::VmapcFoldEmptyLoopsBase<FoldEmptyLoopsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldEmptyIterationSpace>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace
