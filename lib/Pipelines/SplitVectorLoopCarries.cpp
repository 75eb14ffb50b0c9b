//===- SplitVectorLoopCarries.cpp - n-D loop carries as 1-D rows -*- C++
//-*-===//
//
// scf.for iter_args of type vector<R x ... x T> become R iter_args of the
// row type. Inside the loop (and after it) the n-D value is rebuilt with
// vector.insert, and what the body yields is split with vector.extract; the
// canonicalizer then folds the extract(insert) pairs, so the rows flow
// straight from one step's FMAs to the next. See Passes.td for why.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCSPLITVECTORLOOPCARRIES
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {

/// Most rows split out of one carried vector (a register block has 8).
constexpr int64_t kMaxRows = 32;

bool isSplittable(Type type) {
  auto vec = dyn_cast<VectorType>(type);
  return vec && vec.getRank() >= 2 && !vec.isScalable() &&
         vec.getDimSize(0) <= kMaxRows;
}

/// `values` with each splittable vector replaced by its rows, in place.
SmallVector<Value> splitAll(OpBuilder &b, Location loc, ValueRange values) {
  SmallVector<Value> flat;
  for (Value v : values) {
    if (!isSplittable(v.getType())) {
      flat.push_back(v);
      continue;
    }
    int64_t rows = cast<VectorType>(v.getType()).getDimSize(0);
    for (int64_t i = 0; i < rows; ++i)
      flat.push_back(vector::ExtractOp::create(b, loc, v, i));
  }
  return flat;
}

/// The inverse of splitAll: values of `types` rebuilt from `flat`, each
/// splittable one with vector.insert of its rows.
SmallVector<Value> assembleAll(OpBuilder &b, Location loc, TypeRange types,
                               ValueRange flat) {
  SmallVector<Value> values;
  for (Type type : types) {
    if (!isSplittable(type)) {
      values.push_back(flat.front());
      flat = flat.drop_front();
      continue;
    }
    auto vec = cast<VectorType>(type);
    Value acc = ub::PoisonOp::create(b, loc, vec);
    for (int64_t i = 0; i < vec.getDimSize(0); ++i)
      acc = vector::InsertOp::create(b, loc, flat[i], acc, i);
    values.push_back(acc);
    flat = flat.drop_front(vec.getDimSize(0));
  }
  return values;
}

struct SplitForVectorCarries : OpRewritePattern<scf::ForOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(scf::ForOp loop,
                                PatternRewriter &rewriter) const override {
    TypeRange carried = loop.getInitArgs().getTypes();
    if (llvm::none_of(carried, isSplittable))
      return failure();
    Location loc = loop.getLoc();
    auto newLoop = scf::ForOp::create(
        rewriter, loc, loop.getLowerBound(), loop.getUpperBound(),
        loop.getStep(), splitAll(rewriter, loc, loop.getInitArgs()));
    // With carries the builder adds no terminator: the old body brings its
    // own. It sees its carries rebuilt from the rows.
    Block *newBody = newLoop.getBody();
    rewriter.setInsertionPointToStart(newBody);
    SmallVector<Value> bodyArgs{newLoop.getInductionVar()};
    llvm::append_range(bodyArgs, assembleAll(rewriter, loc, carried,
                                             newLoop.getRegionIterArgs()));
    rewriter.mergeBlocks(loop.getBody(), newBody, bodyArgs);
    auto yield = cast<scf::YieldOp>(newBody->getTerminator());
    rewriter.setInsertionPoint(yield);
    SmallVector<Value> yielded = splitAll(rewriter, loc, yield.getOperands());
    rewriter.modifyOpInPlace(yield, [&] { yield->setOperands(yielded); });
    rewriter.setInsertionPointAfter(newLoop);
    rewriter.replaceOp(
        loop, assembleAll(rewriter, loc, carried, newLoop.getResults()));
    return success();
  }
};

struct SplitVectorLoopCarriesPass
    : vmapc::impl::VmapcSplitVectorLoopCarriesBase<SplitVectorLoopCarriesPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    patterns.add<SplitForVectorCarries>(ctx);
    // extract(insert) folds; the insert chains themselves stay (their
    // canonicalization would scalarize them into from_elements).
    vector::ExtractOp::getCanonicalizationPatterns(patterns, ctx);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
