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
// Siblings (elementwise ops over one iteration space sharing an input) are
// merged into one multi-result op, so what they share is computed once.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "ContractionLayout.h"
#include "Tiling.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/IRMapping.h"
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
      Value fill = vmapc::fillValue(init->get());
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

/// An elementwise generic on tensors: all loops parallel, static shapes,
/// identity output maps, projected-permutation input maps.
bool isMergeableElementwise(linalg::GenericOp op) {
  if (!op.hasPureTensorSemantics() || op.hasDynamicShape() ||
      op.getNumReductionLoops() != 0 || op.getNumDpsInits() == 0)
    return false;
  for (OpOperand &init : op.getDpsInitsMutable())
    if (!op.getMatchingIndexingMap(&init).isIdentity())
      return false;
  for (OpOperand *in : op.getDpsInputOperands())
    if (!op.getMatchingIndexingMap(in).isProjectedPermutation())
      return false;
  return true;
}

/// True if every user of `a`'s results comes after `b` in their block.
bool usedOnlyAfter(Operation *a, Operation *b) {
  for (Operation *user : a->getUsers()) {
    Operation *inBlock = b->getBlock()->findAncestorOpInBlock(*user);
    if (!inBlock || inBlock == b || !b->isBeforeInBlock(inBlock))
      return false;
  }
  return true;
}

/// Sibling (horizontal) fusion: two elementwise generics over the same
/// iteration space reading a common input become one multi-result generic
/// at the later one's place. A value both need (x * y in Lotka-Volterra's
/// x' and y') then has a single user and fuses into it, instead of being
/// recomputed per user; the inputs are read once per point.
linalg::GenericOp mergeSiblings(RewriterBase &rewriter, linalg::GenericOp a,
                                linalg::GenericOp b) {
  SmallVector<Value> ins, outs;
  SmallVector<AffineMap> inMaps, outMaps;
  IRMapping mapping;
  auto block = std::make_unique<Block>();
  // Inputs (deduplicated when value and map agree), then inits.
  SmallVector<std::pair<OpOperand *, linalg::GenericOp>> inputs;
  for (linalg::GenericOp op : {a, b})
    for (OpOperand *in : op.getDpsInputOperands())
      inputs.push_back({in, op});
  for (auto [in, op] : inputs) {
    AffineMap map = op.getMatchingIndexingMap(in);
    Value arg;
    for (auto [i, v] : llvm::enumerate(ins))
      if (v == in->get() && inMaps[i] == map)
        arg = block->getArgument(i);
    if (!arg) {
      ins.push_back(in->get());
      inMaps.push_back(map);
      arg = block->addArgument(op.getMatchingBlockArgument(in).getType(),
                               op.getLoc());
    }
    mapping.map(op.getMatchingBlockArgument(in), arg);
  }
  for (linalg::GenericOp op : {a, b})
    for (OpOperand &init : op.getDpsInitsMutable()) {
      outs.push_back(init.get());
      outMaps.push_back(op.getMatchingIndexingMap(&init));
      mapping.map(
          op.getMatchingBlockArgument(&init),
          block->addArgument(op.getMatchingBlockArgument(&init).getType(),
                             op.getLoc()));
    }
  SmallVector<AffineMap> maps(inMaps);
  llvm::append_range(maps, outMaps);
  SmallVector<Type> resultTypes(a->getResultTypes());
  llvm::append_range(resultTypes, b->getResultTypes());
  rewriter.setInsertionPoint(b);
  auto merged =
      linalg::GenericOp::create(rewriter, b.getLoc(), resultTypes, ins, outs,
                                maps, a.getIteratorTypesArray());
  Region &region = merged.getRegion();
  region.push_back(block.release());
  rewriter.setInsertionPointToStart(&region.front());
  SmallVector<Value> yields;
  for (linalg::GenericOp op : {a, b}) {
    for (Operation &inner : op.getRegion().front().without_terminator())
      rewriter.clone(inner, mapping);
    for (Value v : op.getRegion().front().getTerminator()->getOperands())
      yields.push_back(mapping.lookupOrDefault(v));
  }
  linalg::YieldOp::create(rewriter, b.getLoc(), yields);
  unsigned numA = a->getNumResults();
  rewriter.replaceOp(a, merged->getResults().take_front(numA));
  rewriter.replaceOp(b, merged->getResults().drop_front(numA));
  return merged;
}

/// Merges sibling elementwise generics of each block until none are left.
void fuseSiblings(Operation *root) {
  IRRewriter rewriter(root->getContext());
  bool changed = true;
  while (changed) {
    changed = false;
    SmallVector<linalg::GenericOp> ops;
    root->walk([&](linalg::GenericOp op) {
      if (isMergeableElementwise(op))
        ops.push_back(op);
    });
    for (auto [i, a] : llvm::enumerate(ops)) {
      for (linalg::GenericOp b : ArrayRef(ops).drop_front(i + 1)) {
        if (a->getBlock() != b->getBlock() ||
            a.getStaticLoopRanges() != b.getStaticLoopRanges() ||
            !a->isBeforeInBlock(b) || !usedOnlyAfter(a, b))
          continue;
        bool shareInput = llvm::any_of(a.getDpsInputs(), [&](Value v) {
          return llvm::is_contained(b.getDpsInputs(), v);
        });
        if (!shareInput)
          continue;
        mergeSiblings(rewriter, a, b);
        changed = true;
        break;
      }
      if (changed)
        break;
    }
  }
}

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
    FrozenRewritePatternSet frozen(std::move(patterns));
    if (failed(applyPatternsGreedily(getOperation(), frozen)))
      return signalPassFailure();
    // Siblings merged, the values they shared have one user: fuse again.
    fuseSiblings(getOperation());
    if (failed(applyPatternsGreedily(getOperation(), frozen)))
      return signalPassFailure();
  }
};
} // namespace
