//===- BatchingBuilder.cpp - Helpers shared by batching rules ---*- C++ -*-===//
//
// Moving a batch dim (one transpose), materializing one for an unbatched
// value (one broadcast_in_dim), and shape ops on batched values that keep
// the batch dim in place.
//
//===----------------------------------------------------------------------===//
#include "dialect/Batching.h"
#include "dialect/VmapcOps.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace vmapc;

RankedTensorType BatchingBuilder::insertDim(RankedTensorType type, int64_t dim,
                                            int64_t size) {
  SmallVector<int64_t> shape(type.getShape());
  shape.insert(shape.begin() + dim, size);
  return RankedTensorType::get(shape, type.getElementType());
}

RankedTensorType BatchingBuilder::logicalType(const BatchedValue &value) {
  auto type = cast<RankedTensorType>(value.value.getType());
  if (!value.batchDim)
    return type;
  SmallVector<int64_t> shape(type.getShape());
  shape.erase(shape.begin() + *value.batchDim);
  return RankedTensorType::get(shape, type.getElementType());
}

Value BatchingBuilder::materialize(Location loc, Value value, int64_t to) {
  // The unbatched value is the same for every batch element. A splat
  // constant is rebuilt at the larger type, and a value that is itself a
  // broadcast is broadcast once from its source, so that e.g. relu's zero
  // costs no extra op (the pass drops the dead originals).
  auto type = cast<RankedTensorType>(value.getType());
  RankedTensorType resultType = batchedType(type, to);
  Operation *def = value.getDefiningOp();
  if (auto broadcast = dyn_cast_if_present<BroadcastInDimOp>(def))
    if (auto constant = broadcast.getOperand().getDefiningOp<ConstantOp>())
      if (constant.getValue().isSplat())
        def = constant;
  if (auto constant = dyn_cast_if_present<ConstantOp>(def))
    if (constant.getValue().isSplat())
      return ConstantOp::create(
          builder, loc,
          DenseElementsAttr::get(
              resultType, constant.getValue().getSplatValue<Attribute>()));
  Value source = value;
  SmallVector<int64_t> dims;
  if (auto broadcast = dyn_cast_if_present<BroadcastInDimOp>(def)) {
    source = broadcast.getOperand();
    for (int64_t d : broadcast.getBroadcastDimensions())
      dims.push_back(physicalDim(d, to));
  } else {
    for (int64_t d = 0; d < type.getRank(); ++d)
      dims.push_back(physicalDim(d, to));
  }
  return BroadcastInDimOp::create(builder, loc, resultType, source, dims);
}

Value BatchingBuilder::moveBatchDim(Location loc, const BatchedValue &value,
                                    int64_t to) {
  auto type = cast<RankedTensorType>(value.value.getType());
  if (!value.batchDim) {
    Value &cached = materialized[{value.value, to}];
    if (!cached)
      cached = materialize(loc, value.value, to);
    return cached;
  }
  int64_t from = *value.batchDim;
  if (from == to)
    return value.value;
  // Result dim i takes operand dim perm[i]: the batch dim goes from `from`
  // to `to`, the other dims keep their order.
  SmallVector<int64_t> perm;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (d != from)
      perm.push_back(d);
  perm.insert(perm.begin() + to, from);

  // A broadcast (e.g. a reduction's result spread back over a row, which
  // the broadcast rule batches with the batch dim in front) can usually be
  // rebuilt with the batch dim where it is wanted instead of transposed.
  if (auto broadcast = value.value.getDefiningOp<BroadcastInDimOp>()) {
    SmallVector<int64_t> inverse(perm.size());
    for (auto [i, p] : llvm::enumerate(perm))
      inverse[p] = i;
    SmallVector<int64_t> dims =
        llvm::map_to_vector(broadcast.getBroadcastDimensions(),
                            [&](int64_t d) { return inverse[d]; });
    if (llvm::is_sorted(dims) &&
        std::adjacent_find(dims.begin(), dims.end()) == dims.end()) {
      SmallVector<int64_t> shape;
      for (int64_t p : perm)
        shape.push_back(type.getDimSize(p));
      return BroadcastInDimOp::create(
          builder, loc, RankedTensorType::get(shape, type.getElementType()),
          broadcast.getOperand(), dims);
    }
  }
  // Likewise a transpose is folded into the one that moves the batch dim.
  if (auto transpose = value.value.getDefiningOp<TransposeOp>()) {
    ArrayRef<int64_t> first = transpose.getPermutation();
    SmallVector<int64_t> composed =
        llvm::map_to_vector(perm, [&](int64_t p) { return first[p]; });
    if (llvm::equal(composed, llvm::seq<int64_t>(0, composed.size())))
      return transpose.getOperand();
    return TransposeOp::create(builder, loc, transpose.getOperand(), composed);
  }
  return TransposeOp::create(builder, loc, value.value, perm);
}

int64_t BatchingBuilder::preferredBatchDim(ArrayRef<BatchedValue> operands) {
  std::optional<int64_t> best;
  unsigned bestCount = 0;
  for (const BatchedValue &operand : operands) {
    if (!operand.batchDim)
      continue;
    unsigned count = llvm::count_if(operands, [&](const BatchedValue &other) {
      return other.batchDim == operand.batchDim;
    });
    if (count > bestCount) {
      best = operand.batchDim;
      bestCount = count;
    }
  }
  return best.value_or(0);
}

SmallVector<Value>
BatchingBuilder::alignBatchDims(Location loc, ArrayRef<BatchedValue> operands,
                                int64_t dim) {
  return llvm::map_to_vector(operands, [&](const BatchedValue &operand) {
    return moveBatchDim(loc, operand, dim);
  });
}

BatchedValue BatchingBuilder::transpose(Location loc, const BatchedValue &value,
                                        ArrayRef<int64_t> perm) {
  if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
    return value;
  if (!value.batchDim)
    return BatchedValue::unbatched(
        TransposeOp::create(builder, loc, value.value, perm));
  // The batch dim stays where it is; the other dims are permuted around it.
  int64_t b = *value.batchDim;
  SmallVector<int64_t> physical;
  for (int64_t d : perm)
    physical.push_back(physicalDim(d, b));
  physical.insert(physical.begin() + b, b);
  return BatchedValue::batched(
      TransposeOp::create(builder, loc, value.value, physical), b);
}

BatchedValue BatchingBuilder::broadcastInDim(Location loc,
                                             const BatchedValue &value,
                                             RankedTensorType type,
                                             ArrayRef<int64_t> dims) {
  if (!value.batchDim)
    return BatchedValue::unbatched(
        BroadcastInDimOp::create(builder, loc, type, value.value, dims));
  // Put the batch dim of the result right after the result dim of the
  // operand dim before it, so broadcast_dimensions stays increasing.
  int64_t b = *value.batchDim;
  int64_t resultBatchDim = b == 0 ? 0 : dims[b - 1] + 1;
  SmallVector<int64_t> physical;
  for (int64_t d : dims)
    physical.push_back(physicalDim(d, resultBatchDim));
  physical.insert(physical.begin() + b, resultBatchDim);
  return BatchedValue::batched(
      BroadcastInDimOp::create(builder, loc, batchedType(type, resultBatchDim),
                               value.value, physical),
      resultBatchDim);
}
