//===- Tiling.h - Tiling helpers of the pipeline passes ---------*- C++ -*-===//
//
// Private to lib/Pipelines.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_LIB_PIPELINES_TILING_H
#define VMAPC_LIB_PIPELINES_TILING_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace vmapc {

/// Static tile sizes as index attributes (0: the dim is not tiled).
llvm::SmallVector<mlir::OpFoldResult>
asFoldResults(mlir::MLIRContext *ctx, llvm::ArrayRef<int64_t> sizes);

/// Tiles `op` with `sizes` without fusion; returns the tiled op (`op`
/// itself when nothing was tiled).
mlir::linalg::LinalgOp tileOnly(mlir::RewriterBase &rewriter,
                                mlir::linalg::LinalgOp op,
                                llvm::ArrayRef<int64_t> sizes);

/// The value a fill-like op writes everywhere (linalg.fill, or its
/// generalized form: a generic taking the scalar as its one input, or
/// without inputs yielding a value from outside its body), or null.
mlir::Value fillValue(mlir::Value v);

} // namespace vmapc

#endif // VMAPC_LIB_PIPELINES_TILING_H
