//===- Tiling.cpp - Tiling helpers of the pipeline passes -------*- C++ -*-===//
#include "Tiling.h"

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"

using namespace mlir;

namespace vmapc {

SmallVector<OpFoldResult> asFoldResults(MLIRContext *ctx,
                                        ArrayRef<int64_t> sizes) {
  SmallVector<OpFoldResult> r;
  for (int64_t s : sizes)
    r.push_back(IntegerAttr::get(IndexType::get(ctx), s));
  return r;
}

linalg::LinalgOp tileOnly(RewriterBase &rewriter, linalg::LinalgOp op,
                          ArrayRef<int64_t> sizes) {
  if (llvm::all_of(sizes, [](int64_t s) { return s == 0; }))
    return op;
  scf::SCFTilingOptions tiling;
  tiling.setTileSizes(asFoldResults(rewriter.getContext(), sizes));
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> result = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), tiling);
  if (failed(result))
    return op;
  rewriter.replaceOp(op, result->replacements);
  return cast<linalg::LinalgOp>(result->tiledOps.front());
}

Value fillValue(Value v) {
  if (auto fill = v.getDefiningOp<linalg::FillOp>())
    return fill.getInputs()[0];
  // A generalized linalg.fill takes its scalar as an input.
  auto gen = v.getDefiningOp<linalg::GenericOp>();
  if (!gen || gen.getNumDpsInputs() > 1 || gen.getNumResults() != 1)
    return {};
  Block &body = gen.getRegion().front();
  if (body.getOperations().size() != 1)
    return {};
  Value y = cast<linalg::YieldOp>(body.getTerminator()).getValues()[0];
  if (gen.getNumDpsInputs() == 1) {
    Value in = gen.getDpsInputs()[0];
    return !isa<ShapedType>(in.getType()) && y == body.getArgument(0) ? in
                                                                      : Value();
  }
  if (y.getParentRegion() == &gen.getRegion())
    return {};
  return y;
}

} // namespace vmapc
