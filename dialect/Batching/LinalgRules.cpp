//===- LinalgRules.cpp - Batching the linear algebra ops --------*- C++ -*-===//
//
// These ops already treat every dim but the trailing two as a batch, so a
// batch dim among the leading dims needs nothing but a larger tensor; one
// among the matrix dims moves to the front first. triangular_solve with an
// unbatched matrix folds the batch into the free dim of the right-hand side
// (JAX's rule), so the one matrix is not copied batch-size times.
//
//===----------------------------------------------------------------------===//
#include "dialect/Batching.h"
#include "dialect/Batching/Rules.h"
#include "dialect/VmapcOps.h"

using namespace mlir;
using namespace vmapc;

namespace {
using Results = FailureOr<SmallVector<BatchedValue>>;

/// A batch dim that the op treats as one of its leading (batch) dims: the
/// operand's own if it is one, else 0.
int64_t leadingBatchDim(const BatchedValue &operand, int64_t preferred) {
  int64_t rank = BatchingBuilder::logicalType(operand).getRank();
  return preferred <= rank - 2 ? preferred : 0;
}

/// cholesky and inv: same type in and out.
template <typename OpTy>
struct SquareMatrixRule
    : BatchingOpInterface::ExternalModel<SquareMatrixRule<OpTy>, OpTy> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    int64_t b = leadingBatchDim(operands[0], *operands[0].batchDim);
    Value operand = builder.moveBatchDim(op->getLoc(), operands[0], b);
    Value result = OpTy::create(builder.getBuilder(), op->getLoc(), operand);
    return SmallVector<BatchedValue>{BatchedValue::batched(result, b)};
  }
};

struct DetRule : BatchingOpInterface::ExternalModel<DetRule, DetOp> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    int64_t b = leadingBatchDim(operands[0], *operands[0].batchDim);
    Value operand = builder.moveBatchDim(op->getLoc(), operands[0], b);
    Value result = DetOp::create(builder.getBuilder(), op->getLoc(), operand);
    return SmallVector<BatchedValue>{BatchedValue::batched(result, b)};
  }
};

struct TriangularSolveRule
    : BatchingOpInterface::ExternalModel<TriangularSolveRule,
                                         TriangularSolveOp> {
  Results batch(Operation *op, BatchingBuilder &builder,
                ArrayRef<BatchedValue> operands) const {
    auto solve = cast<TriangularSolveOp>(op);
    Location loc = op->getLoc();
    OpBuilder &b = builder.getBuilder();
    const BatchedValue &a = operands[0], &rhs = operands[1];
    RankedTensorType bType = BatchingBuilder::logicalType(rhs);
    int64_t rank = bType.getRank();
    bool leftSide = solve.getLeftSide();

    if (!a.batchDim) {
      // Every batch element solves against the same A: stack the batch into
      // B's free dim (columns for a left-side solve, rows for a right-side
      // one), solve once, and unstack.
      int64_t batchAt = leftSide ? rank : rank - 2;
      Value stacked = builder.moveBatchDim(loc, rhs, batchAt);
      SmallVector<int64_t> shape(bType.getShape());
      int64_t freeDim = leftSide ? rank - 1 : rank - 2;
      shape[freeDim] *= builder.getBatchSize();
      auto foldedType = RankedTensorType::get(shape, bType.getElementType());
      Value folded = ReshapeOp::create(b, loc, foldedType, stacked);
      Value solved = TriangularSolveOp::create(
          b, loc, foldedType, a.value, folded, solve.getLowerAttr(),
          solve.getLeftSideAttr(), solve.getTransposeAAttr());
      Value result = ReshapeOp::create(b, loc, stacked.getType(), solved);
      return SmallVector<BatchedValue>{BatchedValue::batched(result, batchAt)};
    }

    int64_t dim =
        leadingBatchDim(rhs, BatchingBuilder::preferredBatchDim(operands));
    SmallVector<Value> values = builder.alignBatchDims(loc, operands, dim);
    Value result = TriangularSolveOp::create(
        b, loc, values[1].getType(), values[0], values[1], solve.getLowerAttr(),
        solve.getLeftSideAttr(), solve.getTransposeAAttr());
    return SmallVector<BatchedValue>{BatchedValue::batched(result, dim)};
  }
};
} // namespace

void vmapc::attachLinalgRules(MLIRContext *context) {
  CholeskyOp::attachInterface<SquareMatrixRule<CholeskyOp>>(*context);
  InvOp::attachInterface<SquareMatrixRule<InvOp>>(*context);
  DetOp::attachInterface<DetRule>(*context);
  TriangularSolveOp::attachInterface<TriangularSolveRule>(*context);
}
