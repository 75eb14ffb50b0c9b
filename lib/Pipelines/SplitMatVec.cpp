//===- SplitMatVec.cpp - Mat-vec register blocks along k -------*- C++ -*-===//
//
// See SplitMatVec.h. The split is upstream's linalg::splitReduction with the
// new dim innermost and parallel; what is ours is the choice of which
// contractions to split and the loop over the outer part of k.
//
//===----------------------------------------------------------------------===//
#include "SplitMatVec.h"

#include "Tiling.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"

using namespace mlir;

namespace vmapc {

Operation *splitMatVec(RewriterBase &rewriter, linalg::LinalgOp &op,
                       int64_t maxRows, int64_t lanes) {
  if (!op.hasPureTensorSemantics() || op.hasDynamicShape() ||
      op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
      !linalg::isaContractionOpInterface(op))
    return nullptr;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || !dims->batch.empty() || !dims->n.empty() ||
      dims->m.size() != 1 || dims->k.size() != 1)
    return nullptr;
  unsigned mDim = dims->m.front(), kDim = dims->k.front();
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if ((ranges[mDim] > maxRows && ranges[mDim] % maxRows != 0) ||
      ranges[kDim] % lanes != 0 || ranges[kDim] < 2 * lanes)
    return nullptr;
  // A must be read along k: its last index is k, the others are dims.
  OpOperand *matrix = nullptr;
  for (OpOperand *input : op.getDpsInputOperands())
    if (op.getMatchingIndexingMap(input).getNumResults() == 2)
      matrix = input;
  if (!matrix)
    return nullptr;
  AffineMap map = op.getMatchingIndexingMap(matrix);
  if (!map.isProjectedPermutation() ||
      map.getResults().back() != getAffineDimExpr(kDim, op.getContext()))
    return nullptr;

  // More rows than a block (W6's dot(W, fired) over 64-row tiles): blocks
  // of `maxRows` rows first, each split below.
  if (ranges[mDim] > maxRows) {
    SmallVector<int64_t> rows(ranges.size(), 0);
    rows[mDim] = maxRows;
    op = tileOnly(rewriter, op, rows);
  }

  // The partial sums go innermost in the intermediate: part[m, l].
  auto control = [&](linalg::LinalgOp) {
    linalg::SplitReductionOptions options;
    options.ratio = lanes; // The size of the new, inner dim.
    options.index =
        op.getMatchingIndexingMap(op.getDpsInitOperand(0)).getNumResults();
    options.innerParallel = true;
    return options;
  };
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::SplitReductionResult> split =
      linalg::splitReduction(rewriter, op, control);
  if (failed(split))
    return nullptr;
  Operation *combining = split->resultCombiningLinalgOp;

  // The outer part of k, stepped by 1: the block part[m, :] is carried
  // through the loop (and kept in registers once subset hoisting moves its
  // read and write out of it).
  auto partial = cast<linalg::GenericOp>(split->splitLinalgOp.getOperation());
  // Multiply-adds may fuse into FMAs, as in every other register block
  // (those are lowered to vector.fma).
  auto contract = arith::FastMathFlagsAttr::get(rewriter.getContext(),
                                                arith::FastMathFlags::contract);
  partial.getBody()->walk([&](Operation *inner) {
    if (isa<arith::MulFOp, arith::AddFOp>(inner))
      inner->setAttr("fastmath", contract);
  });
  SmallVector<int64_t> sizes;
  for (utils::IteratorType iter : partial.getIteratorTypesArray())
    sizes.push_back(iter == utils::IteratorType::reduction ? 1 : 0);
  linalg::LinalgOp tiled = tileOnly(rewriter, partial, sizes);
  // Without its unit k dim the step is elementwise, part += A[:, ko, :] *
  // x[ko, :], and vectorizes to `maxRows` multiply-adds; as a one-step
  // contraction it became shuffles.
  auto step = dyn_cast<linalg::GenericOp>(tiled.getOperation());
  if (!step || tiled.getOperation() == partial.getOperation())
    return combining;
  linalg::ControlDropUnitDims dropOptions;
  dropOptions.rankReductionStrategy =
      linalg::ControlDropUnitDims::RankReductionStrategy::ExtractInsertSlice;
  rewriter.setInsertionPoint(step);
  FailureOr<linalg::DropUnitDimsResult> dropped =
      linalg::dropUnitDims(rewriter, step, dropOptions);
  if (succeeded(dropped))
    rewriter.replaceOp(step, dropped->replacements);
  return combining;
}

} // namespace vmapc
