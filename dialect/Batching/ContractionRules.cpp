//===- ContractionRules.cpp - Batching dot_general --------------*- C++ -*-===//
//
// JAX's dot_general batching rule. With one side batched, its batch dim is
// simply one more free dim of that side: an unbatched weight matrix stays
// one matrix and the product covers the whole batch at once (no broadcast,
// no batching dim). With both sides batched, the batch dims pair up as a new
// leading batching dimension. Neither case moves data.
//
//===----------------------------------------------------------------------===//
#include "dialect/Batching.h"
#include "dialect/Batching/Rules.h"
#include "dialect/VmapcOps.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace vmapc;

namespace {
/// `dims` of an unbatched operand renumbered for its batched form.
SmallVector<int64_t> physicalDims(ArrayRef<int64_t> dims,
                                  std::optional<int64_t> batchDim) {
  if (!batchDim)
    return SmallVector<int64_t>(dims);
  return llvm::map_to_vector(dims, [&](int64_t d) {
    return BatchingBuilder::physicalDim(d, *batchDim);
  });
}

/// The free (neither batching nor contracting) dims of an unbatched operand
/// of rank `rank` that come before `limit`.
int64_t freeDimsBefore(int64_t rank, ArrayRef<int64_t> batching,
                       ArrayRef<int64_t> contracting, int64_t limit) {
  int64_t count = 0;
  for (int64_t d = 0; d < std::min(rank, limit); ++d)
    if (!llvm::is_contained(batching, d) && !llvm::is_contained(contracting, d))
      ++count;
  return count;
}

struct DotGeneralRule
    : BatchingOpInterface::ExternalModel<DotGeneralRule, DotGeneralOp> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, BatchingBuilder &builder,
        ArrayRef<BatchedValue> operands) const {
    auto dot = cast<DotGeneralOp>(op);
    const BatchedValue &lhs = operands[0], &rhs = operands[1];
    ArrayRef<int64_t> lb = dot.getLhsBatchingDimensions();
    ArrayRef<int64_t> rb = dot.getRhsBatchingDimensions();
    ArrayRef<int64_t> lc = dot.getLhsContractingDimensions();
    ArrayRef<int64_t> rc = dot.getRhsContractingDimensions();
    SmallVector<int64_t> newLb = physicalDims(lb, lhs.batchDim);
    SmallVector<int64_t> newRb = physicalDims(rb, rhs.batchDim);
    SmallVector<int64_t> newLc = physicalDims(lc, lhs.batchDim);
    SmallVector<int64_t> newRc = physicalDims(rc, rhs.batchDim);

    int64_t lhsRank = BatchingBuilder::logicalType(lhs).getRank();
    int64_t resultDim;
    if (lhs.batchDim && rhs.batchDim) {
      newLb.insert(newLb.begin(), *lhs.batchDim);
      newRb.insert(newRb.begin(), *rhs.batchDim);
      resultDim = 0;
    } else if (lhs.batchDim) {
      resultDim = lb.size() + freeDimsBefore(lhsRank, lb, lc, *lhs.batchDim);
    } else {
      int64_t rhsRank = BatchingBuilder::logicalType(rhs).getRank();
      resultDim = lb.size() + freeDimsBefore(lhsRank, lb, lc, lhsRank) +
                  freeDimsBefore(rhsRank, rb, rc, *rhs.batchDim);
    }
    Value result =
        DotGeneralOp::create(builder.getBuilder(), op->getLoc(),
                             builder.batchedType(dot.getType(), resultDim),
                             lhs.value, rhs.value, newLb, newRb, newLc, newRc);
    return SmallVector<BatchedValue>{BatchedValue::batched(result, resultDim)};
  }
};
} // namespace

void vmapc::attachContractionRules(MLIRContext *context) {
  DotGeneralOp::attachInterface<DotGeneralRule>(*context);
}
