//===- TransformOps.td - vmapc's transform-dialect ops -----*- tablegen -*-===//
//
// Transform ops the CPU schedules need and upstream does not have.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_PIPELINES_TRANSFORMOPS_TD
#define VMAPC_PIPELINES_TRANSFORMOPS_TD

include "mlir/Dialect/Transform/IR/TransformDialect.td"
include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/OpBase.td"

def TileAndFuseFillsOp : Op<Transform_Dialect, "vmapc.tile_and_fuse_fills",
    [FunctionalStyleTransformOpTrait, MemoryEffectsOpInterface,
     TransformOpInterface, TransformEachOpTrait,
     ReportTrackingListenerFailuresOpTrait]> {
  let summary = "Tiles an op and fuses the fills of its outputs, nothing else";
  let description = [{
    Tiles each target with `tile_sizes` (0: the dim is not tiled), its
    loops ordered by `interchange`, and fuses into the innermost loop the
    fills (`linalg.fill` or its generalized form) that initialize the
    target's outputs, following the new loops' iter_args to them. Other
    producers stay where they are.

    This is how a register block starts from zero in registers. Upstream
    has no op for it: `transform.structured.fuse` fuses every producer (a
    transposed operand, copied once outside the loops, would be copied
    again for every block), and `transform.structured.fuse_into_containing_op`
    does not follow scf.for iter_args to the fill.

    Consumes the target handle; returns a handle to the tiled op. A target
    that cannot be tiled is a silenceable failure.
  }];
  let arguments = (ins TransformHandleTypeInterface:$target,
                       DenseI64ArrayAttr:$tile_sizes,
                       DefaultValuedOptionalAttr<DenseI64ArrayAttr, "{}">:
                           $interchange);
  let results = (outs TransformHandleTypeInterface:$tiled);
  let assemblyFormat = [{
    $target `tile_sizes` $tile_sizes (`interchange` $interchange^)? attr-dict
    `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    ::mlir::DiagnosedSilenceableFailure applyToOne(
        ::mlir::transform::TransformRewriter &rewriter,
        ::mlir::linalg::LinalgOp target,
        ::mlir::transform::ApplyToEachResultList &results,
        ::mlir::transform::TransformState &state);
  }];
}

#endif // VMAPC_PIPELINES_TRANSFORMOPS_TD
