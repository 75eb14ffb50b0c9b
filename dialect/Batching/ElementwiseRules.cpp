//===- ElementwiseRules.cpp - Batching elementwise ops ----------*- C++ -*-===//
//
// Elementwise ops (arithmetic, math, compare, select, convert) batch by
// bringing every operand to one batch dim and applying the same op to the
// larger tensors. The dim chosen is the one most operands already have, so
// operands batched elsewhere cost one transpose each and the others none;
// unbatched operands are broadcast, because the ops are strict about types.
//
// constant and iota have no operands, so the pass never asks them to batch
// (their results depend on no mapped input); their rule, for callers that do,
// is to build the op unchanged.
//
//===----------------------------------------------------------------------===//
#include "dialect/Batching.h"
#include "dialect/Batching/Rules.h"
#include "dialect/VmapcOps.h"

using namespace mlir;
using namespace vmapc;

namespace {
/// Same op, operands aligned on one batch dim, results batched there.
template <typename OpTy>
struct ElementwiseRule
    : BatchingOpInterface::ExternalModel<ElementwiseRule<OpTy>, OpTy> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, BatchingBuilder &builder,
        ArrayRef<BatchedValue> operands) const {
    int64_t dim = BatchingBuilder::preferredBatchDim(operands);
    SmallVector<Value> values =
        builder.alignBatchDims(op->getLoc(), operands, dim);
    SmallVector<Type> types =
        llvm::map_to_vector(op->getResultTypes(), [&](Type type) -> Type {
          return builder.batchedType(type, dim);
        });
    OperationState state(op->getLoc(), op->getName(), values, types,
                         op->getAttrs());
    Operation *batched = builder.getBuilder().create(state);
    return SmallVector<BatchedValue>{
        BatchedValue::batched(batched->getResult(0), dim)};
  }
};

/// An op without operands: its results are the same for every batch
/// element.
template <typename OpTy>
struct NullaryRule
    : BatchingOpInterface::ExternalModel<NullaryRule<OpTy>, OpTy> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, BatchingBuilder &builder, ArrayRef<BatchedValue>) const {
    Operation *copy = builder.getBuilder().clone(*op);
    return SmallVector<BatchedValue>{
        BatchedValue::unbatched(copy->getResult(0))};
  }
};

template <typename... OpTys> void attachElementwise(MLIRContext *context) {
  (OpTys::template attachInterface<ElementwiseRule<OpTys>>(*context), ...);
}
} // namespace

void vmapc::attachElementwiseRules(MLIRContext *context) {
  attachElementwise<AddOp, SubOp, MulOp, DivOp, MaxOp, MinOp, PowOp, NegOp,
                    AbsOp, ExpOp, LogOp, SqrtOp, RsqrtOp, TanhOp, SinOp, CosOp,
                    LogisticOp, CompareOp, SelectOp, ConvertOp>(context);
  ConstantOp::attachInterface<NullaryRule<ConstantOp>>(*context);
  IotaOp::attachInterface<NullaryRule<IotaOp>>(*context);
}
