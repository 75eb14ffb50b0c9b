//===- ChunkLoop.h - A chunked vmap as a loop over chunks -------*- C++ -*-===//
//
// A vmap with a chunk_size calls its callee's batched copy (built for one
// chunk) once per chunk instead of once for the whole batch: in an scf.for
// (serial) or an scf.forall (parallel) over the full chunks, then once for
// the tail. The tail reuses the same copy: it runs the last full-size window
// of the batch and keeps the lanes the loop did not cover, so one kernel
// serves every batch size, including sizes known only at run time.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_LIB_TRANSFORMS_BATCHING_CHUNKLOOP_H
#define VMAPC_LIB_TRANSFORMS_BATCHING_CHUNKLOOP_H

#include "dialect/Batching.h"
#include "dialect/VmapcOps.h"

#include "mlir/IR/Builders.h"

namespace vmapc {

/// Moves the batch axis of one chunk's results (the results of a call of
/// the chunk copy) to out_axes, at `builder`'s insertion point; see
/// placeVmapResults. Results with out_axes none are passed through.
using PlaceChunkResults =
    llvm::function_ref<mlir::FailureOr<llvm::SmallVector<mlir::Value>>(
        mlir::OpBuilder &builder, mlir::ValueRange callResults)>;

/// Whether `vmap` runs as a loop over chunks: it has a chunk_size, its
/// batch is dynamic or larger than one chunk, and no mapped operand or
/// result has a static size-0 dim (then there is nothing to compute).
bool isChunked(VmapOp vmap);

/// Builds the loop over chunks that computes the results of `vmap` at
/// `builder`'s insertion point and returns them (with the vmap's result
/// types). `chunk` is the callee's batched copy for one chunk (batch size
/// chunk_size). The caller has checked that every result with out_axes
/// none depends on no mapped operand.
mlir::FailureOr<llvm::SmallVector<mlir::Value>>
buildChunkLoop(mlir::OpBuilder &builder, VmapOp vmap,
               const BatchedFunction &chunk, PlaceChunkResults place);

} // namespace vmapc

#endif // VMAPC_LIB_TRANSFORMS_BATCHING_CHUNKLOOP_H
