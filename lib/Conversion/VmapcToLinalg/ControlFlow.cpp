//===- ControlFlow.cpp - Lower vmapc control flow to scf --------*- C++ -*-===//
//
// fori_loop and scan become scf.for, while becomes scf.while, cond becomes
// scf.if (or scf.index_switch for the switch form), all carrying builtin
// tensors. The regions move into the scf ops unchanged, so the vmapc ops in
// them are lowered by the other patterns of the same conversion, and the
// later pipeline stages (fusion, tiling, vectorization) see linalg ops on
// the whole batch inside ONE loop over time: a vmapped loop runs its lanes
// in SIMD per step instead of one loop per lane.
//
// Rank-0 tensors are the dialect's scalars; the scf ops need plain scalars
// for trip bounds and predicates, so those are extracted here, and the loop
// index is wrapped back into a rank-0 tensor for the body.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Conversion/Passes.h"

#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include <numeric>

using namespace mlir;
using namespace vmapc;

namespace {

/// The scalar held by a rank-0 tensor.
Value extractScalar(OpBuilder &b, Location loc, Value tensor) {
  return tensor::ExtractOp::create(b, loc, tensor, ValueRange{});
}

/// A rank-0 integer tensor's value as an index.
Value extractIndex(OpBuilder &b, Location loc, Value tensor) {
  return arith::IndexCastOp::create(b, loc, b.getIndexType(),
                                    extractScalar(b, loc, tensor));
}

/// Replaces the vmapc.yield ending `block` by what `build` creates from its
/// operands (at the yield's place).
void replaceYield(ConversionPatternRewriter &rewriter, Block &block,
                  function_ref<void(Location, ValueRange)> build) {
  Operation *yield = &block.back();
  SmallVector<Value> values(yield->getOperands());
  OpBuilder::InsertionGuard guard(rewriter);
  rewriter.setInsertionPoint(yield);
  build(yield->getLoc(), values);
  rewriter.eraseOp(yield);
}

/// An scf.for from `lower` to `upper` (index) with `inits`, whose body
/// block is empty (no terminator), ready for a region to be merged in.
scf::ForOp emptyFor(ConversionPatternRewriter &rewriter, Location loc,
                    Value lower, Value upper, ValueRange inits) {
  Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
  auto loop =
      scf::ForOp::create(rewriter, loc, lower, upper, one, inits,
                         [](OpBuilder &, Location, Value, ValueRange) {});
  Block *body = loop.getBody();
  if (!body->empty() && body->back().hasTrait<OpTrait::IsTerminator>())
    rewriter.eraseOp(&body->back());
  return loop;
}

//===----------------------------------------------------------------------===//
// fori_loop -> scf.for
//===----------------------------------------------------------------------===//

struct ForiLoopLowering : OpConversionPattern<ForiLoopOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ForiLoopOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto boundType = cast<RankedTensorType>(op.getLower().getType());
    Value lower = extractIndex(rewriter, loc, adaptor.getLower());
    Value upper = extractIndex(rewriter, loc, adaptor.getUpper());
    scf::ForOp loop = emptyFor(rewriter, loc, lower, upper, adaptor.getInits());

    // The body sees the index as a rank-0 tensor of the bounds' type.
    Block *body = loop.getBody();
    rewriter.setInsertionPointToStart(body);
    Value index = arith::IndexCastOp::create(
        rewriter, loc, boundType.getElementType(), loop.getInductionVar());
    SmallVector<Value> args{
        tensor::FromElementsOp::create(rewriter, loc, boundType, index)};
    llvm::append_range(args, loop.getRegionIterArgs());
    rewriter.inlineBlockBefore(&op.getBody().front(), body, body->end(), args);
    replaceYield(rewriter, *body, [&](Location yieldLoc, ValueRange values) {
      scf::YieldOp::create(rewriter, yieldLoc, values);
    });
    rewriter.replaceOp(op, loop.getResults());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// scan -> scf.for with the stacked outputs as extra iter_args
//===----------------------------------------------------------------------===//

struct ScanLowering : OpConversionPattern<ScanOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ScanOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    unsigned numCarried = op.getNumCarried();
    SmallVector<Value> inits(adaptor.getInits());
    // Each stacked output starts as an empty tensor that step t fills at
    // row t (in place once bufferized).
    for (Type type : op.getStackedResults().getTypes()) {
      auto tensor = cast<RankedTensorType>(type);
      inits.push_back(tensor::EmptyOp::create(rewriter, loc, tensor.getShape(),
                                              tensor.getElementType()));
    }
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value length =
        arith::ConstantIndexOp::create(rewriter, loc, op.getLength());
    scf::ForOp loop = emptyFor(rewriter, loc, zero, length, inits);
    Block *body = loop.getBody();
    Value step = loop.getInductionVar();
    ValueRange iterArgs = loop.getRegionIterArgs();

    rewriter.setInsertionPointToStart(body);
    SmallVector<Value> args(iterArgs.take_front(numCarried));
    for (Value xs : adaptor.getXs())
      args.push_back(rowAt(rewriter, loc, xs, step));
    rewriter.inlineBlockBefore(&op.getBody().front(), body, body->end(), args);
    replaceYield(rewriter, *body, [&](Location yieldLoc, ValueRange values) {
      SmallVector<Value> next(values.take_front(numCarried));
      for (auto [row, stacked] : llvm::zip_equal(
               values.drop_front(numCarried), iterArgs.drop_front(numCarried)))
        next.push_back(insertRow(rewriter, yieldLoc, row, stacked, step));
      scf::YieldOp::create(rewriter, yieldLoc, next);
    });
    rewriter.replaceOp(op, loop.getResults());
    return success();
  }

  /// Row `index` of `tensor` along its leading axis, without that axis.
  static Value rowAt(OpBuilder &b, Location loc, Value tensor, Value index) {
    auto type = cast<RankedTensorType>(tensor.getType());
    auto rowType = RankedTensorType::get(type.getShape().drop_front(),
                                         type.getElementType());
    auto [offsets, sizes, strides] = rowSlice(b, type, index);
    return tensor::ExtractSliceOp::create(b, loc, rowType, tensor, offsets,
                                          sizes, strides);
  }

  /// `stacked` with `row` written at `index` of its leading axis.
  static Value insertRow(OpBuilder &b, Location loc, Value row, Value stacked,
                         Value index) {
    auto type = cast<RankedTensorType>(stacked.getType());
    auto [offsets, sizes, strides] = rowSlice(b, type, index);
    return tensor::InsertSliceOp::create(b, loc, row, stacked, offsets, sizes,
                                         strides);
  }

  static std::tuple<SmallVector<OpFoldResult>, SmallVector<OpFoldResult>,
                    SmallVector<OpFoldResult>>
  rowSlice(OpBuilder &b, RankedTensorType type, Value index) {
    SmallVector<OpFoldResult> offsets{index}, sizes{b.getIndexAttr(1)},
        strides(type.getRank(), b.getIndexAttr(1));
    for (int64_t d = 1; d < type.getRank(); ++d) {
      offsets.push_back(b.getIndexAttr(0));
      sizes.push_back(b.getIndexAttr(type.getDimSize(d)));
    }
    return {offsets, sizes, strides};
  }
};

//===----------------------------------------------------------------------===//
// while -> scf.while
//===----------------------------------------------------------------------===//

struct WhileLowering : OpConversionPattern<WhileOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(WhileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto loop = scf::WhileOp::create(rewriter, op.getLoc(), op.getResultTypes(),
                                     adaptor.getInits());
    rewriter.inlineRegionBefore(op.getCond(), loop.getBefore(),
                                loop.getBefore().end());
    rewriter.inlineRegionBefore(op.getBody(), loop.getAfter(),
                                loop.getAfter().end());
    Block &before = loop.getBefore().front();
    replaceYield(rewriter, before, [&](Location loc, ValueRange values) {
      // The carried values go on unchanged to the body.
      scf::ConditionOp::create(rewriter, loc,
                               extractScalar(rewriter, loc, values[0]),
                               before.getArguments());
    });
    replaceYield(rewriter, loop.getAfter().front(),
                 [&](Location loc, ValueRange values) {
                   scf::YieldOp::create(rewriter, loc, values);
                 });
    rewriter.replaceOp(op, loop.getResults());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// cond -> scf.if / scf.index_switch
//===----------------------------------------------------------------------===//

struct CondLowering : OpConversionPattern<CondOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(CondOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    TypeRange types = op.getResultTypes();
    SmallVector<Region *> targets;
    Operation *lowered;
    if (op.isPredicate()) {
      auto branch = scf::IfOp::create(
          rewriter, loc, types, extractScalar(rewriter, loc, adaptor.getPred()),
          /*addThenBlock=*/false, /*addElseBlock=*/false);
      targets = {&branch.getThenRegion(), &branch.getElseRegion()};
      lowered = branch;
    } else {
      // lax.switch clamps the index into [0, n - 1]; the last branch is
      // the switch's default, so the cases are 0 .. n - 2.
      int64_t n = op.getBranches().size();
      Value index = extractScalar(rewriter, loc, adaptor.getPred());
      Type intType = index.getType();
      Value low = arith::ConstantOp::create(
          rewriter, loc, rewriter.getIntegerAttr(intType, 0));
      Value high = arith::ConstantOp::create(
          rewriter, loc, rewriter.getIntegerAttr(intType, n - 1));
      index = arith::MaxSIOp::create(rewriter, loc, index, low);
      index = arith::MinSIOp::create(rewriter, loc, index, high);
      index = arith::IndexCastOp::create(rewriter, loc, rewriter.getIndexType(),
                                         index);
      SmallVector<int64_t> cases(n - 1);
      std::iota(cases.begin(), cases.end(), 0);
      auto branch =
          scf::IndexSwitchOp::create(rewriter, loc, types, index, cases, n - 1);
      for (Region &region : branch.getCaseRegions())
        targets.push_back(&region);
      targets.push_back(&branch.getDefaultRegion());
      lowered = branch;
    }
    for (auto [source, target] : llvm::zip_equal(op.getBranches(), targets)) {
      rewriter.inlineRegionBefore(source, *target, target->end());
      replaceYield(rewriter, target->front(),
                   [&](Location yieldLoc, ValueRange values) {
                     scf::YieldOp::create(rewriter, yieldLoc, values);
                   });
    }
    rewriter.replaceOp(op, lowered->getResults());
    return success();
  }
};

} // namespace

void vmapc::populateVmapcControlFlowToSCFPatterns(RewritePatternSet &patterns) {
  patterns.add<ForiLoopLowering, ScanLowering, WhileLowering, CondLowering>(
      patterns.getContext());
}
