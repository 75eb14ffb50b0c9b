//===- ContractionLayout.h - Operand layout of register blocks --*- C++ -*-===//
//
// Private to vmapc-tile-and-vectorize.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_LIB_PIPELINES_CONTRACTIONLAYOUT_H
#define VMAPC_LIB_PIPELINES_CONTRACTIONLAYOUT_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace vmapc {

/// A contraction worth a register block: it has an m or an n dim. A
/// batch-reduce (every dim of the result in both operands, such as the
/// per-example dot product `sum(d * Pd)` a vmap produces, or GMM's
/// per-point sum over d of (x - mu)^2 * prec) has neither; it is an
/// elementwise product summed along k, fused with its producers and
/// vectorized like any reduction so the batch dim fills the vector lanes
/// (register-blocked, it became a scalar loop of 1x1 contractions).
bool isBlockedContraction(mlir::linalg::LinalgOp op);

/// Rewrites a 2-D contraction (one m, n and k dim, no batch dim) into the
/// form its register blocks are fast in: iteration dims (rows, lanes, k),
/// the output row-major over them, the rows operand first and the lanes
/// operand second, read contiguously along the lanes.
///
/// The lanes are the output's innermost dim. A vmapped mat-vec `P d` is
/// `out[b, i] = sum_k P[i, k] d[b, k]`: its lanes (i) come from the lhs, and
/// P is read along k. The rewrite swaps the operands (exact: each product
/// and the order of the sum are unchanged) and, when the lanes operand is
/// read along k, transposes it once, outside the loops around the op. That
/// is done only for a static operand of at most `maxTransposedElements`
/// defined outside some enclosing loop, or small next to the op's work.
///
/// Returns the new op, or `op` when it is already in this form or cannot be
/// put in it.
mlir::linalg::LinalgOp normalizeContractionLayout(mlir::RewriterBase &rewriter,
                                                  mlir::linalg::LinalgOp op);

} // namespace vmapc

#endif // VMAPC_LIB_PIPELINES_CONTRACTIONLAYOUT_H
