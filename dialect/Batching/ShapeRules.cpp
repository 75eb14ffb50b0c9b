//===- ShapeRules.cpp - Batching shape ops ----------------------*- C++ -*-===//
//
// broadcast_in_dim, reshape, transpose, reduce, slice and concatenate. Each
// rule keeps the batch dim where the operand has it whenever the op allows
// it, so a chain of shape ops does not shuffle the batch dim back and forth;
// only reshape, which mixes dims, needs the batch dim in front.
//
//===----------------------------------------------------------------------===//
#include "dialect/Batching.h"
#include "dialect/Batching/Rules.h"
#include "dialect/VmapcOps.h"

using namespace mlir;
using namespace vmapc;

namespace {
using Results = FailureOr<SmallVector<BatchedValue>>;

struct BroadcastInDimRule
    : BatchingOpInterface::ExternalModel<BroadcastInDimRule, BroadcastInDimOp> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    auto broadcast = cast<BroadcastInDimOp>(op);
    return SmallVector<BatchedValue>{builder.broadcastInDim(
        op->getLoc(), operands[0], cast<RankedTensorType>(broadcast.getType()),
        broadcast.getBroadcastDimensions())};
  }
};

struct TransposeRule
    : BatchingOpInterface::ExternalModel<TransposeRule, TransposeOp> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    return SmallVector<BatchedValue>{builder.transpose(
        op->getLoc(), operands[0], cast<TransposeOp>(op).getPermutation())};
  }
};

/// A row-major reshape keeps a batch dim that sits right after dims the
/// reshape leaves alone (the same leading dims in operand and result) or
/// right before them (the same trailing dims): the linear order around it
/// is then unchanged. A batch dim at either end always qualifies. Otherwise
/// it moves to the front first (one transpose).
struct ReshapeRule
    : BatchingOpInterface::ExternalModel<ReshapeRule, ReshapeOp> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    ArrayRef<int64_t> from =
        BatchingBuilder::logicalType(operands[0]).getShape();
    auto resultType = cast<RankedTensorType>(op->getResultTypes()[0]);
    ArrayRef<int64_t> to = resultType.getShape();
    int64_t b = *operands[0].batchDim;
    int64_t suffix = from.size() - b;
    int64_t rank = to.size();
    Value operand = operands[0].value;
    int64_t resultDim;
    if (b <= rank && from.take_front(b) == to.take_front(b)) {
      resultDim = b;
    } else if (suffix <= rank &&
               from.take_back(suffix) == to.take_back(suffix)) {
      resultDim = rank - suffix;
    } else {
      operand = builder.moveBatchDim(op->getLoc(), operands[0], 0);
      resultDim = 0;
    }
    Value reshaped =
        ReshapeOp::create(builder.getBuilder(), op->getLoc(),
                          builder.batchedType(resultType, resultDim), operand);
    return SmallVector<BatchedValue>{
        BatchedValue::batched(reshaped, resultDim)};
  }
};

/// The reduced dims are renumbered around the batch dim, which is not
/// reduced and ends up after the kept dims before it.
struct ReduceRule : BatchingOpInterface::ExternalModel<ReduceRule, ReduceOp> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    auto reduce = cast<ReduceOp>(op);
    int64_t b = *operands[0].batchDim;
    SmallVector<int64_t> dims;
    int64_t reducedBefore = 0;
    for (int64_t d : reduce.getDimensions()) {
      dims.push_back(BatchingBuilder::physicalDim(d, b));
      if (d < b)
        ++reducedBefore;
    }
    int64_t resultDim = b - reducedBefore;
    Value result = ReduceOp::create(
        builder.getBuilder(), op->getLoc(),
        builder.batchedType(reduce.getType(), resultDim), operands[0].value,
        reduce.getKindAttr(), builder.getBuilder().getDenseI64ArrayAttr(dims));
    return SmallVector<BatchedValue>{BatchedValue::batched(result, resultDim)};
  }
};

/// The batch dim is sliced whole.
struct SliceRule : BatchingOpInterface::ExternalModel<SliceRule, SliceOp> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    auto slice = cast<SliceOp>(op);
    int64_t b = *operands[0].batchDim;
    SmallVector<int64_t> start(slice.getStartIndices());
    SmallVector<int64_t> limit(slice.getLimitIndices());
    SmallVector<int64_t> strides(slice.getStrides());
    start.insert(start.begin() + b, 0);
    limit.insert(limit.begin() + b, builder.getBatchSize());
    strides.insert(strides.begin() + b, 1);
    Value result = SliceOp::create(builder.getBuilder(), op->getLoc(),
                                   operands[0].value, start, limit, strides);
    return SmallVector<BatchedValue>{BatchedValue::batched(result, b)};
  }
};

/// All inputs on one batch dim (unbatched ones broadcast, since every input
/// contributes its own rows to each batch element).
struct ConcatenateRule
    : BatchingOpInterface::ExternalModel<ConcatenateRule, ConcatenateOp> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    auto concat = cast<ConcatenateOp>(op);
    int64_t b = BatchingBuilder::preferredBatchDim(operands);
    SmallVector<Value> inputs =
        builder.alignBatchDims(op->getLoc(), operands, b);
    Value result = ConcatenateOp::create(
        builder.getBuilder(), op->getLoc(), inputs,
        BatchingBuilder::physicalDim(concat.getDimension(), b));
    return SmallVector<BatchedValue>{BatchedValue::batched(result, b)};
  }
};
} // namespace

void vmapc::attachShapeRules(MLIRContext *context) {
  BroadcastInDimOp::attachInterface<BroadcastInDimRule>(*context);
  TransposeOp::attachInterface<TransposeRule>(*context);
  ReshapeOp::attachInterface<ReshapeRule>(*context);
  ReduceOp::attachInterface<ReduceRule>(*context);
  SliceOp::attachInterface<SliceRule>(*context);
  ConcatenateOp::attachInterface<ConcatenateRule>(*context);
}
