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

/// The n-D vector whose rows are `rows`.
Value assemble(OpBuilder &b, Location loc, VectorType type, ValueRange rows) {
  Value acc = ub::PoisonOp::create(b, loc, type);
  for (auto [i, row] : llvm::enumerate(rows))
    acc = vector::InsertOp::create(b, loc, row, acc, int64_t(i));
  return acc;
}

SmallVector<Value> split(OpBuilder &b, Location loc, Value v) {
  SmallVector<Value> rows;
  int64_t n = cast<VectorType>(v.getType()).getDimSize(0);
  for (int64_t i = 0; i < n; ++i)
    rows.push_back(vector::ExtractOp::create(b, loc, v, i));
  return rows;
}

struct SplitForVectorCarries : OpRewritePattern<scf::ForOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(scf::ForOp loop,
                                PatternRewriter &rewriter) const override {
    if (llvm::none_of(loop.getInitArgs().getTypes(), isSplittable))
      return failure();
    Location loc = loop.getLoc();
    // New carries: each splittable one becomes its rows, in place.
    SmallVector<Value> inits;
    SmallVector<unsigned> firstCarry;
    for (Value init : loop.getInitArgs()) {
      firstCarry.push_back(inits.size());
      if (isSplittable(init.getType()))
        llvm::append_range(inits, split(rewriter, loc, init));
      else
        inits.push_back(init);
    }
    auto newLoop =
        scf::ForOp::create(rewriter, loc, loop.getLowerBound(),
                           loop.getUpperBound(), loop.getStep(), inits);
    Block *oldBody = loop.getBody();
    Block *newBody = newLoop.getBody();
    // With carries the builder adds no terminator: the old body brings its
    // own.
    rewriter.setInsertionPointToStart(newBody);
    SmallVector<Value> bodyArgs{newLoop.getInductionVar()};
    for (auto [i, init] : llvm::enumerate(loop.getInitArgs())) {
      Value first = newLoop.getRegionIterArgs()[firstCarry[i]];
      if (!isSplittable(init.getType())) {
        bodyArgs.push_back(first);
        continue;
      }
      auto type = cast<VectorType>(init.getType());
      ValueRange rows =
          newLoop.getRegionIterArgs().slice(firstCarry[i], type.getDimSize(0));
      bodyArgs.push_back(assemble(rewriter, loc, type, rows));
    }
    rewriter.mergeBlocks(oldBody, newBody, bodyArgs);
    auto yield = cast<scf::YieldOp>(newBody->getTerminator());
    rewriter.setInsertionPoint(yield);
    SmallVector<Value> yielded;
    for (Value v : yield.getOperands()) {
      if (isSplittable(v.getType()))
        llvm::append_range(yielded, split(rewriter, loc, v));
      else
        yielded.push_back(v);
    }
    rewriter.modifyOpInPlace(yield, [&] { yield->setOperands(yielded); });
    // Results: rebuilt after the loop.
    rewriter.setInsertionPointAfter(newLoop);
    SmallVector<Value> results;
    for (auto [i, res] : llvm::enumerate(loop.getResults())) {
      Value first = newLoop.getResult(firstCarry[i]);
      if (!isSplittable(res.getType())) {
        results.push_back(first);
        continue;
      }
      auto type = cast<VectorType>(res.getType());
      ValueRange rows =
          newLoop.getResults().slice(firstCarry[i], type.getDimSize(0));
      results.push_back(assemble(rewriter, loc, type, rows));
    }
    rewriter.replaceOp(loop, results);
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
