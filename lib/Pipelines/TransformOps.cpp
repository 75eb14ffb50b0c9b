//===- TransformOps.cpp - vmapc's transform-dialect ops -------------------===//

#include "vmapc/Pipelines/TransformOps.h"

#include "Tiling.h"

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Interfaces/TilingInterface.h"

using namespace mlir;

#define GET_OP_CLASSES
#include "vmapc/Pipelines/TransformOps.cpp.inc"

DiagnosedSilenceableFailure transform::TileAndFuseFillsOp::applyToOne(
    transform::TransformRewriter &rewriter, linalg::LinalgOp target,
    transform::ApplyToEachResultList &results,
    transform::TransformState &state) {
  auto tileable = dyn_cast<TilingInterface>(target.getOperation());
  if (!tileable || getTileSizes().size() != target.getNumLoops())
    return emitDefaultSilenceableFailure(target);
  scf::SCFTilingOptions tiling;
  tiling.setTileSizes(vmapc::asFoldResults(getContext(), getTileSizes()));
  if (!getInterchange().empty())
    tiling.setInterchange(getInterchange());
  scf::SCFTileAndFuseOptions options;
  options.setTilingOptions(tiling);
  options.setFusionControlFn(
      [](tensor::ExtractSliceOp, OpResult producer,
         bool) -> std::optional<scf::SCFTileAndFuseOptions::ControlFnResult> {
        if (!vmapc::fillValue(producer))
          return std::nullopt;
        return scf::SCFTileAndFuseOptions::ControlFnResult{};
      });
  rewriter.setInsertionPoint(target);
  FailureOr<scf::SCFTileAndFuseResult> result =
      scf::tileConsumerAndFuseProducersUsingSCF(rewriter, tileable, options);
  if (failed(result))
    return emitDefaultSilenceableFailure(target);
  for (OpResult res : target->getResults())
    if (Value repl = result->replacements.lookup(res))
      rewriter.replaceAllUsesWith(res, repl);
  // The tiled target comes first, then the fused fills.
  results.push_back(result->tiledAndFusedOps.front());
  if (target->use_empty())
    rewriter.eraseOp(target);
  return DiagnosedSilenceableFailure::success();
}

namespace {

class VmapcTransformExtension
    : public transform::TransformDialectExtension<VmapcTransformExtension> {
public:
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(VmapcTransformExtension)

  VmapcTransformExtension() {
    declareGeneratedDialect<scf::SCFDialect>();
    declareGeneratedDialect<tensor::TensorDialect>();
    registerTransformOps<
#define GET_OP_LIST
#include "vmapc/Pipelines/TransformOps.cpp.inc"
        >();
  }
};

} // namespace

void vmapc::registerTransformDialectExtension(DialectRegistry &registry) {
  registry.addExtensions<VmapcTransformExtension>();
}
