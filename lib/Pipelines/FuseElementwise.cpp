//===- FuseElementwise.cpp - Elementwise fusion, contractions kept -*- C++ -*-//
//
// Fusing a producer into a consumer with reduction loops recomputes the
// producer once per reduction step; for a contraction (relu(h) . W) it also
// turns the matmul into a generic the tiling heuristics no longer
// recognise. Tile-and-fuse later fuses such producers per output tile
// instead, without recomputation.
//
// Pure permutations (the transposes a vmap's batching rules put around a
// dot_general to move the batch dim) are the exception: they compute
// nothing, so they are folded into the indexing maps of the op that reads
// them (contractions included) or, when they read a single-use op's
// result, into that op's output map. The contraction then writes the
// batch-major layout directly, as the hand-batched program does (W2 k=16:
// 23 ms with the transposes, 9 ms without).
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "ContractionLayout.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCFUSEELEMENTWISE
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {

/// A linalg.generic that only permutes its one input: all dims parallel,
/// body `linalg.yield %in`, identity output map, permutation input map.
bool isPurePermutation(linalg::GenericOp op) {
  if (op.getNumDpsInputs() != 1 || op.getNumDpsInits() != 1 ||
      op.getNumReductionLoops() != 0 || op.getNumResults() != 1)
    return false;
  Block &body = op.getRegion().front();
  if (body.getOperations().size() != 1)
    return false;
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (yield.getValues().size() != 1 ||
      yield.getValues()[0] != body.getArgument(0))
    return false;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  return maps[0].isPermutation() && maps[1].isIdentity();
}

/// The value a fill-like op writes everywhere (linalg.fill, or a generic
/// without inputs yielding a value from outside its body), or null.
Value fillValue(Value v) {
  if (auto fill = v.getDefiningOp<linalg::FillOp>())
    return fill.getInputs()[0];
  // A generalized linalg.fill takes its scalar as an input.
  auto gen = v.getDefiningOp<linalg::GenericOp>();
  if (!gen || gen.getNumDpsInputs() > 1 || gen.getNumResults() != 1)
    return {};
  Block &body = gen.getRegion().front();
  if (body.getOperations().size() != 1)
    return {};
  Value y = cast<linalg::YieldOp>(body.getTerminator()).getValues()[0];
  if (gen.getNumDpsInputs() == 1) {
    Value in = gen.getDpsInputs()[0];
    return !isa<ShapedType>(in.getType()) && y == body.getArgument(0) ? in
                                                                      : Value();
  }
  if (y.getParentRegion() == &gen.getRegion())
    return {};
  return y;
}

/// transpose(G(...)) -> G'(...) writing the transposed layout: G's output
/// map is composed with the inverse permutation and its init (unused, or a
/// fill) re-created in the transpose's shape.
struct FoldPermutationIntoProducer : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::GenericOp perm,
                                PatternRewriter &rewriter) const override {
    if (!isPurePermutation(perm))
      return failure();
    auto producer =
        perm.getDpsInputOperand(0)->get().getDefiningOp<linalg::GenericOp>();
    if (!producer || producer.getNumResults() != 1 ||
        producer.getNumDpsInits() != 1 || !producer->hasOneUse())
      return failure();
    OpOperand *init = producer.getDpsInitOperand(0);
    AffineMap outMap = producer.getMatchingIndexingMap(init);
    if (!outMap.isProjectedPermutation())
      return failure();
    Location loc = producer.getLoc();
    Value newInit = perm.getDpsInitOperand(0)->get();
    if (producer.payloadUsesValueFromOperand(init)) {
      Value fill = fillValue(init->get());
      if (!fill)
        return failure();
      // At the transpose, which its own init (and everything the producer
      // uses) dominates.
      rewriter.setInsertionPoint(perm);
      newInit = linalg::FillOp::create(rewriter, loc, ValueRange{fill},
                                       ValueRange{newInit})
                    .getResult(0);
    }
    SmallVector<AffineMap> maps = producer.getIndexingMapsArray();
    maps.back() =
        inversePermutation(perm.getIndexingMapsArray()[0]).compose(outMap);
    rewriter.setInsertionPoint(perm);
    auto fused = linalg::GenericOp::create(
        rewriter, loc, TypeRange{newInit.getType()}, producer.getDpsInputs(),
        ValueRange{newInit}, maps, producer.getIteratorTypesArray());
    rewriter.cloneRegionBefore(producer.getRegion(), fused.getRegion(),
                               fused.getRegion().begin());
    rewriter.replaceOp(perm, fused.getResults());
    rewriter.eraseOp(producer);
    return success();
  }
};

struct FuseElementwisePass
    : vmapc::impl::VmapcFuseElementwiseBase<FuseElementwisePass> {
  void runOnOperation() override {
    // Transposes of results first: once fused into their consumer instead,
    // the producer would keep writing the transposed layout.
    RewritePatternSet permPatterns(&getContext());
    permPatterns.add<FoldPermutationIntoProducer>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(permPatterns))))
      return signalPassFailure();

    RewritePatternSet patterns(&getContext());
    linalg::ControlFusionFn control = [](OpOperand *fused) {
      Operation *producer = fused->get().getDefiningOp();
      auto consumer = dyn_cast<linalg::LinalgOp>(fused->getOwner());
      if (!producer || !consumer)
        return false;
      if (auto gen = dyn_cast<linalg::GenericOp>(producer);
          gen && isPurePermutation(gen))
        return true;
      if (vmapc::isBlockedContraction(consumer))
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
