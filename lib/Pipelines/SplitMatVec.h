//===- SplitMatVec.h - Mat-vec register blocks along k ----------*- C++ -*-===//
//
// Private to vmapc-tile-and-vectorize.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_LIB_PIPELINES_SPLITMATVEC_H
#define VMAPC_LIB_PIPELINES_SPLITMATVEC_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace vmapc {

/// Blocks a mat-vec register block along its reduction instead of its rows:
/// `out[m] = sum_k A[m, k] x[k]` (one m dim of at most `maxRows` rows, one k
/// dim contiguous in A, a multiple of `lanes` and at least two of them, no n
/// dim) becomes
///   part[m, l] = sum_ko A[m, ko * lanes + l] x[ko * lanes + l]
///   out[m]     = sum_l part[m, l]
/// with the ko loop stepped by 1, so each step is `maxRows` full-width FMAs
/// on contiguous rows of A and one row-wide load of x, and the `lanes`
/// partial sums of a row are added once at the end.
///
/// Blocked like other contractions (k by 1, the rows as lanes), every k step
/// gathered one column of A from `maxRows` rows into a vector (W1's
/// relu(x W1) . W2 spent a fifth of its time there; split, W1 went from
/// 24.7 to 20.1 ms). The sum is reassociated
/// into `lanes` partial sums, as any vectorized reduction is.
///
/// A mat-vec with more rows (a multiple of `maxRows`) is first tiled to
/// blocks of `maxRows` rows, each split the same way: blocked like a matmul
/// instead, each k step gathered a column of A from rows 4 KiB apart (W6's
/// dot(W, fired): 256 -> 169 ms split).
///
/// Returns the op that adds up the partial sums if `op` was rewritten (it
/// is then erased), null otherwise; `op` is then the op to block (its row
/// block, if the rows were tiled).
mlir::Operation *splitMatVec(mlir::RewriterBase &rewriter,
                             mlir::linalg::LinalgOp &op, int64_t maxRows,
                             int64_t lanes);

} // namespace vmapc

#endif // VMAPC_LIB_PIPELINES_SPLITMATVEC_H
