//===- CollectiveRules.cpp - Batching psum, pmean, pmax, all_gather -------===//
//
// A collective over the axis being batched (the vmap's `axis_name`) is a
// reduction over the batch dim: its result is the same for every example,
// so it is unbatched (JAX's psum under vmap). A collective over another
// axis acts on every example alike, so it stays, applied to the batched
// value; the map with that name (an enclosing vmap, a pmap) batches it
// later.
//
//===----------------------------------------------------------------------===//
#include "dialect/Batching.h"
#include "dialect/Batching/Rules.h"
#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Shard/IR/ShardOps.h"

using namespace mlir;
using namespace vmapc;

namespace {
using Results = FailureOr<SmallVector<BatchedValue>>;

bool isOverBatchedAxis(BatchingBuilder &builder, StringRef axisName) {
  std::optional<StringRef> batched = builder.getAxisName();
  return batched && *batched == axisName;
}

/// psum, pmean and pmax: `kind` is the vmapc.reduce kind; pmean divides
/// the sum by the batch size.
template <typename OpT>
struct AxisReduceRule
    : BatchingOpInterface::ExternalModel<AxisReduceRule<OpT>, OpT> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    auto collective = cast<OpT>(op);
    OpBuilder &b = builder.getBuilder();
    Location loc = op->getLoc();
    const BatchedValue &x = operands[0];
    if (!x.isBatched()) {
      // The same value in every example (the pass calls the rule only over
      // its own axis then): pmean and pmax are the value, psum B times it.
      if constexpr (!std::is_same_v<OpT, PsumOp>)
        return SmallVector<BatchedValue>{x};
      auto type = cast<RankedTensorType>(x.value.getType());
      Type element = type.getElementType();
      Attribute count =
          isa<FloatType>(element)
              ? Attribute(b.getFloatAttr(element, builder.getBatchSize()))
              : Attribute(b.getIntegerAttr(element, builder.getBatchSize()));
      Value scale =
          ConstantOp::create(b, loc, DenseElementsAttr::get(type, count));
      return SmallVector<BatchedValue>{
          BatchedValue::unbatched(MulOp::create(b, loc, type, x.value, scale))};
    }
    if (!isOverBatchedAxis(builder, collective.getAxisName())) {
      Value same = OpT::create(b, loc, x.value.getType(), x.value,
                               collective.getAxisNameAttr());
      return SmallVector<BatchedValue>{
          BatchedValue::batched(same, *x.batchDim)};
    }
    auto type = cast<RankedTensorType>(op->getResult(0).getType());
    StringRef kind = std::is_same_v<OpT, PmaxOp> ? "max" : "sum";
    Value reduced =
        ReduceOp::create(b, loc, type, x.value, b.getStringAttr(kind),
                         b.getDenseI64ArrayAttr({*x.batchDim}));
    if constexpr (std::is_same_v<OpT, PmeanOp>) {
      Type element = type.getElementType();
      Attribute inverse =
          isa<FloatType>(element)
              ? Attribute(b.getFloatAttr(element,
                                         1.0 / double(builder.getBatchSize())))
              : Attribute();
      if (!inverse)
        return op->emitOpError("needs a floating-point operand to average");
      Value scale =
          ConstantOp::create(b, loc, DenseElementsAttr::get(type, inverse));
      reduced = MulOp::create(b, loc, type, reduced, scale);
    }
    return SmallVector<BatchedValue>{BatchedValue::unbatched(reduced)};
  }
};

struct AllGatherRule
    : BatchingOpInterface::ExternalModel<AllGatherRule, AllGatherOp> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    auto gather = cast<AllGatherOp>(op);
    auto type = cast<RankedTensorType>(gather.getType());
    const BatchedValue &x = operands[0];
    if (!x.isBatched() && type.getDimSize(0) == builder.getBatchSize())
      // The same value in every example: the stack is B copies of it.
      return SmallVector<BatchedValue>{
          BatchedValue::unbatched(builder.moveBatchDim(op->getLoc(), x, 0))};
    if (!isOverBatchedAxis(builder, gather.getAxisName())) {
      // The gathered axis comes first; the batch dim follows the operand's.
      int64_t dim = *x.batchDim + 1;
      Value same = AllGatherOp::create(builder.getBuilder(), op->getLoc(),
                                       builder.batchedType(type, dim), x.value,
                                       gather.getAxisNameAttr());
      return SmallVector<BatchedValue>{BatchedValue::batched(same, dim)};
    }
    if (type.getDimSize(0) != builder.getBatchSize())
      return gather.emitOpError("gathers ")
             << type.getDimSize(0) << " values over axis '"
             << gather.getAxisName() << "', which has "
             << builder.getBatchSize() << " examples";
    // The batched value with its batch dim in front is the stack.
    return SmallVector<BatchedValue>{
        BatchedValue::unbatched(builder.moveBatchDim(op->getLoc(), x, 0))};
  }
};
} // namespace

/// A shard.all_reduce that --vmapc-lower-pmap put after a collective, met
/// by the batching of an inner vmap: every example's value is reduced
/// across the ranks alike, so it applies to the batched value.
struct AllReduceRule
    : BatchingOpInterface::ExternalModel<AllReduceRule, shard::AllReduceOp> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    auto reduce = cast<shard::AllReduceOp>(op);
    const BatchedValue &x = operands[0];
    Value same = shard::AllReduceOp::create(
        builder.getBuilder(), op->getLoc(), x.value.getType(),
        reduce.getGridAttr(), reduce.getGridAxesAttr(), x.value,
        reduce.getReductionAttr());
    return SmallVector<BatchedValue>{BatchedValue::batched(same, *x.batchDim)};
  }
};

void vmapc::attachShardRules(MLIRContext *context) {
  shard::AllReduceOp::attachInterface<AllReduceRule>(*context);
}

void vmapc::attachCollectiveRules(MLIRContext *context) {
  PsumOp::attachInterface<AxisReduceRule<PsumOp>>(*context);
  PmeanOp::attachInterface<AxisReduceRule<PmeanOp>>(*context);
  PmaxOp::attachInterface<AxisReduceRule<PmaxOp>>(*context);
  AllGatherOp::attachInterface<AllGatherRule>(*context);
}
