//===- IndexingRules.cpp - Batching dynamic_slice and gather ----*- C++ -*-===//
//
// dynamic_slice with unbatched start indices slices the batch dim whole.
// With batched start indices each batch element slices at its own place,
// which no dynamic_slice can express: those dims become gathers (one per
// dim with a batched start), each taking `start + iota(size)` along its dim
// with the batch dim paired between operand and indices (batch_dims = 1).
// gather is closed under batching: a batched gather is a gather with one
// more paired batch dim, or, when only one side is batched outside the
// paired dims, the same gather on the larger tensor.
//
//===----------------------------------------------------------------------===//
#include "dialect/Batching.h"
#include "dialect/Batching/Rules.h"
#include "dialect/VmapcOps.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;
using namespace vmapc;

namespace {
using Results = FailureOr<SmallVector<BatchedValue>>;

/// A constant integer tensor of `type` filled with `value`.
Value splat(OpBuilder &builder, Location loc, RankedTensorType type,
            int64_t value) {
  auto attr = DenseElementsAttr::get(
      type, builder.getIntegerAttr(type.getElementType(), value));
  return ConstantOp::create(builder, loc, attr);
}

struct DynamicSliceRule
    : BatchingOpInterface::ExternalModel<DynamicSliceRule, DynamicSliceOp> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    auto slice = cast<DynamicSliceOp>(op);
    Location loc = op->getLoc();
    OpBuilder &b = builder.getBuilder();
    const BatchedValue &operand = operands[0];
    ArrayRef<BatchedValue> starts = operands.drop_front();
    ArrayRef<int64_t> sizes = slice.getSliceSizes();
    RankedTensorType operandType = BatchingBuilder::logicalType(operand);
    int64_t rank = operandType.getRank();
    // The index type for starts the rule adds; a rank-0 operand has no
    // starts to take it from.
    auto indexType = RankedTensorType::get(
        {}, starts.empty() ? b.getI64Type()
                           : cast<RankedTensorType>(starts[0].value.getType())
                                 .getElementType());

    bool anyBatchedStart = llvm::any_of(
        starts, [](const BatchedValue &v) { return v.isBatched(); });
    if (!anyBatchedStart) {
      int64_t bd = *operand.batchDim;
      SmallVector<Value> newStarts = llvm::map_to_vector(
          starts, [](const BatchedValue &v) { return v.value; });
      newStarts.insert(newStarts.begin() + bd, splat(b, loc, indexType, 0));
      SmallVector<int64_t> newSizes(sizes);
      newSizes.insert(newSizes.begin() + bd, builder.getBatchSize());
      Value result =
          DynamicSliceOp::create(b, loc, operand.value, newStarts, newSizes);
      return SmallVector<BatchedValue>{BatchedValue::batched(result, bd)};
    }

    // Batch dim in front; the operand is broadcast if only the starts are
    // batched.
    Value current = builder.moveBatchDim(loc, operand, 0);

    // Dims with unbatched starts: one dynamic_slice that keeps the batch
    // dim and the dims with batched starts whole (their starts are then 0,
    // and a whole-dim slice is not clamped).
    bool sliceUnbatched = false;
    for (int64_t d = 0; d < rank; ++d)
      if (!starts[d].isBatched() && sizes[d] != operandType.getDimSize(d))
        sliceUnbatched = true;
    if (sliceUnbatched) {
      Value zero = splat(b, loc, indexType, 0);
      SmallVector<Value> newStarts{zero};
      SmallVector<int64_t> newSizes{builder.getBatchSize()};
      for (int64_t d = 0; d < rank; ++d) {
        bool keep = starts[d].isBatched();
        newStarts.push_back(keep ? zero : starts[d].value);
        newSizes.push_back(keep ? operandType.getDimSize(d) : sizes[d]);
      }
      current = DynamicSliceOp::create(b, loc, current, newStarts, newSizes);
    }

    // Dims with batched starts: take start + [0, size) along the dim, the
    // start clamped into [0, dim - size] as dynamic_slice does.
    int64_t batch = builder.getBatchSize();
    for (int64_t d = 0; d < rank; ++d) {
      if (!starts[d].isBatched())
        continue;
      Value start = builder.moveBatchDim(loc, starts[d], 0);
      auto startType = cast<RankedTensorType>(start.getType());
      Value high =
          splat(b, loc, startType, operandType.getDimSize(d) - sizes[d]);
      Value low = splat(b, loc, startType, 0);
      start = MaxOp::create(b, loc, MinOp::create(b, loc, start, high), low);
      auto indicesType =
          RankedTensorType::get({batch, sizes[d]}, startType.getElementType());
      Value spread = BroadcastInDimOp::create(b, loc, indicesType, start,
                                              ArrayRef<int64_t>{0});
      Value offsets = IotaOp::create(b, loc, indicesType, 1);
      Value indices = AddOp::create(b, loc, spread, offsets);
      auto resultType = cast<RankedTensorType>(current.getType());
      SmallVector<int64_t> shape(resultType.getShape());
      shape[d + 1] = sizes[d];
      current = GatherOp::create(
          b, loc, RankedTensorType::get(shape, resultType.getElementType()),
          current, indices, d + 1, 1);
    }
    return SmallVector<BatchedValue>{BatchedValue::batched(current, 0)};
  }
};

struct GatherRule : BatchingOpInterface::ExternalModel<GatherRule, GatherOp> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    auto gather = cast<GatherOp>(op);
    Location loc = op->getLoc();
    OpBuilder &b = builder.getBuilder();
    const BatchedValue &operand = operands[0], &indices = operands[1];
    int64_t axis = gather.getAxis();
    int64_t pairs = gather.getBatchDims();
    int64_t indicesRank = BatchingBuilder::logicalType(indices).getRank();
    Type resultType = gather.getType();

    // Only the operand is batched, outside the paired dims: the batch dim
    // is one more dim of the operand, kept before or after the taken axis.
    if (!indices.batchDim && *operand.batchDim >= pairs) {
      int64_t bd = *operand.batchDim;
      int64_t resultDim = bd <= axis ? bd : bd - 1 + (indicesRank - pairs);
      Value result = GatherOp::create(
          b, loc, builder.batchedType(resultType, resultDim), operand.value,
          indices.value, BatchingBuilder::physicalDim(axis, bd), pairs);
      return SmallVector<BatchedValue>{
          BatchedValue::batched(result, resultDim)};
    }
    // Only the indices are batched, outside the paired dims: more indices.
    if (!operand.batchDim && *indices.batchDim >= pairs) {
      int64_t resultDim = axis + (*indices.batchDim - pairs);
      Value result =
          GatherOp::create(b, loc, builder.batchedType(resultType, resultDim),
                           operand.value, indices.value, axis, pairs);
      return SmallVector<BatchedValue>{
          BatchedValue::batched(result, resultDim)};
    }
    // Otherwise pair the batch dims in front of the existing pairs.
    Value newOperand = builder.moveBatchDim(loc, operand, 0);
    Value newIndices = builder.moveBatchDim(loc, indices, 0);
    Value result =
        GatherOp::create(b, loc, builder.batchedType(resultType, 0), newOperand,
                         newIndices, axis + 1, pairs + 1);
    return SmallVector<BatchedValue>{BatchedValue::batched(result, 0)};
  }
};
} // namespace

void vmapc::attachIndexingRules(MLIRContext *context) {
  DynamicSliceOp::attachInterface<DynamicSliceRule>(*context);
  GatherOp::attachInterface<GatherRule>(*context);
}
