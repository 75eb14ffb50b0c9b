//===- ContractionLayout.cpp - Operand layout of register blocks -*- C++ -*-=//
//
// A register block of a contraction computes, for each k, an outer product:
// a column of the rows operand (one broadcast per row) times a row of the
// lanes operand (one vector load). Both are cheap only if the lanes operand
// is the rhs and is contiguous along the output's innermost dim. A vmap
// does not always produce that: batching `dot(P, d)` gives
// `out[b, i] = sum_k P[i, k] d[b, k]`, whose vector contraction read a
// column of P and a strided column of the difference tile for every k (W2
// k=16 vmapped ran at 1.19x the hand-batched `dot(d, P)`).
//
//===----------------------------------------------------------------------===//
#include "ContractionLayout.h"

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;

namespace vmapc {

bool isBlockedContraction(linalg::LinalgOp op) {
  if (op.getNumReductionLoops() == 0 || !linalg::isaContractionOpInterface(op))
    return false;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  return succeeded(dims) && (!dims->m.empty() || !dims->n.empty());
}
namespace {

/// A transposed copy of at most this many elements (64 KiB of f32) is made
/// to read the lanes operand contiguously.
constexpr int64_t kMaxTransposedElements = 16384;
/// Without an enclosing loop to hoist it out of, the copy is made only if
/// the contraction does at least this many multiply-adds per copied element.
constexpr int64_t kMinWorkPerCopiedElement = 16;

/// Where to make the transposed copy of `value` for `op`: before the
/// outermost loop around `op` that `value` is defined outside of, so it is
/// made once; before `op` itself when there is no such loop.
Operation *copyInsertionPoint(Operation *op, Value value) {
  Operation *point = op;
  for (auto loop = op->getParentOfType<scf::ForOp>(); loop;
       loop = loop->getParentOfType<scf::ForOp>()) {
    if (!loop.isDefinedOutsideOfLoop(value))
      break;
    point = loop;
  }
  return point;
}

/// `value`, or the tensor it is the whole of: tiling and fusion read an
/// operand every tile needs whole through an identity extract_slice in the
/// loop.
Value wholeSource(Value value) {
  while (auto slice = value.getDefiningOp<tensor::ExtractSliceOp>()) {
    if (slice.getSourceType() != slice.getResultType() ||
        !slice.getOffsets().empty() ||
        !llvm::all_of(slice.getStaticOffsets(),
                      [](int64_t o) { return o == 0; }) ||
        !llvm::all_of(slice.getStaticStrides(),
                      [](int64_t s) { return s == 1; }))
      break;
    value = slice.getSource();
  }
  return value;
}

/// True if `value` is `arg`, possibly through casts (one-operand ops).
bool isCastOf(Value value, BlockArgument arg) {
  while (value != arg) {
    Operation *def = value.getDefiningOp();
    if (!def || def->getNumOperands() != 1)
      return false;
    value = def->getOperand(0);
  }
  return true;
}

/// The dim position of each result of a projected permutation `map`.
SmallVector<unsigned> resultDims(AffineMap map) {
  SmallVector<unsigned> dims;
  for (AffineExpr e : map.getResults())
    dims.push_back(cast<AffineDimExpr>(e).getPosition());
  return dims;
}

} // namespace

linalg::LinalgOp normalizeContractionLayout(RewriterBase &rewriter,
                                            linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.hasDynamicShape() ||
      op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      !linalg::isaContractionOpInterface(op))
    return op;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || !dims->batch.empty() || dims->m.size() != 1 ||
      dims->n.size() != 1 || dims->k.size() != 1)
    return op;
  if (llvm::any_of(op.getIndexingMapsArray(), [](AffineMap map) {
        return !map.isProjectedPermutation() || map.getNumResults() != 2;
      }))
    return op;
  // Index-dependent bodies would need their linalg.index ops renumbered.
  if (!op.getBlock()->getOps<linalg::IndexOp>().empty())
    return op;

  OpOperand *init = op.getDpsInitOperand(0);
  SmallVector<unsigned> outDims = resultDims(op.getMatchingIndexingMap(init));
  unsigned rowDim = outDims[0], laneDim = outDims[1], kDim = dims->k.front();
  // The lanes operand is the input indexed by the lanes dim.
  unsigned laneInput =
      llvm::is_contained(resultDims(op.getIndexingMapsArray()[0]), laneDim) ? 0
                                                                            : 1;
  OpOperand *lanes = op.getDpsInputOperand(laneInput);
  OpOperand *rows = op.getDpsInputOperand(1 - laneInput);
  bool lanesAlongK = resultDims(op.getMatchingIndexingMap(lanes))[1] == kDim;
  bool canonicalDims = rowDim == 0 && laneDim == 1 && kDim == 2;
  if (laneInput == 1 && !lanesAlongK && canonicalDims)
    return op;

  Value lanesValue = wholeSource(lanes->get());
  Location loc = op.getLoc();
  if (lanesAlongK) {
    auto type = cast<RankedTensorType>(lanesValue.getType());
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    int64_t work = ranges[0] * ranges[1] * ranges[2];
    if (type.getNumElements() > kMaxTransposedElements)
      return op;
    Operation *point = copyInsertionPoint(op, lanesValue);
    if (point == op.getOperation() &&
        work < kMinWorkPerCopiedElement * type.getNumElements())
      return op;
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPoint(point);
    SmallVector<int64_t> shape = {type.getDimSize(1), type.getDimSize(0)};
    Value empty =
        tensor::EmptyOp::create(rewriter, loc, shape, type.getElementType());
    lanesValue = linalg::TransposeOp::create(rewriter, loc, lanesValue, empty,
                                             ArrayRef<int64_t>{1, 0})
                     .getResult()
                     .front();
  }

  // Old dim -> new dim: rows 0, lanes 1, k 2.
  SmallVector<unsigned> newPos(3);
  newPos[rowDim] = 0;
  newPos[laneDim] = 1;
  newPos[kDim] = 2;
  MLIRContext *ctx = op.getContext();
  auto renumber = [&](AffineMap map) {
    SmallVector<AffineExpr> results;
    for (unsigned d : resultDims(map))
      results.push_back(getAffineDimExpr(newPos[d], ctx));
    return AffineMap::get(3, 0, results, ctx);
  };
  AffineMap lanesMap =
      lanesAlongK
          ? AffineMap::get(
                3, 0, {getAffineDimExpr(2, ctx), getAffineDimExpr(1, ctx)}, ctx)
          : renumber(op.getMatchingIndexingMap(lanes));
  SmallVector<AffineMap> maps = {renumber(op.getMatchingIndexingMap(rows)),
                                 lanesMap,
                                 renumber(op.getMatchingIndexingMap(init))};
  SmallVector<utils::IteratorType> iterators = {utils::IteratorType::parallel,
                                                utils::IteratorType::parallel,
                                                utils::IteratorType::reduction};

  Block *body = op.getBlock();
  BlockArgument rowsArg = op.getMatchingBlockArgument(rows);
  BlockArgument lanesArg = op.getMatchingBlockArgument(lanes);
  BlockArgument initArg = op.getMatchingBlockArgument(init);
  rewriter.setInsertionPoint(op);
  auto normalized = linalg::GenericOp::create(
      rewriter, loc, op->getResultTypes(), ValueRange{rows->get(), lanesValue},
      ValueRange{init->get()}, maps, iterators,
      [&](OpBuilder &b, Location, ValueRange args) {
        IRMapping mapping;
        mapping.map(rowsArg, args[0]);
        mapping.map(lanesArg, args[1]);
        mapping.map(initArg, args[2]);
        for (Operation &inner : *body) {
          Operation *clone = b.clone(inner, mapping);
          // The vectorizer takes vector.contract's lhs from the multiply's
          // first operand, and the contraction is lowered with the lanes of
          // its rhs: lanes first, the 8x16 block became sixteen 8-wide FMAs
          // per k instead of eight 16-wide ones. The multiply commutes.
          if (clone->hasTrait<OpTrait::IsCommutative>() &&
              clone->getNumOperands() == 2 &&
              isCastOf(clone->getOperand(0), cast<BlockArgument>(args[1])) &&
              isCastOf(clone->getOperand(1), cast<BlockArgument>(args[0]))) {
            Value lhs = clone->getOperand(0);
            clone->setOperand(0, clone->getOperand(1));
            clone->setOperand(1, lhs);
          }
        }
      });
  rewriter.replaceOp(op, normalized->getResults());
  return cast<linalg::LinalgOp>(normalized.getOperation());
}

} // namespace vmapc
