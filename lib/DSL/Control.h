//===- Control.h - Traced control flow and linalg nodes ---------*- C++ -*-===//
//
// The library side of include/vmapc/dsl/Control.h: what a Node of kind
// Control holds, and its emission into the vmapc dialect (called by the
// Emitter, which owns the functions the bodies become).
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_LIB_DSL_CONTROL_H
#define VMAPC_LIB_DSL_CONTROL_H

#include "Graph.h"
#include "vmapc/dsl/Control.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

#include <functional>

namespace vmapc::detail {

/// A fori_loop, scan, while, cond/switch or linalg node. The node's
/// operands are the op's own operands (bounds, initial values, xs, the
/// selector and branch operands, the matrices), then, per region, the
/// symbolic arrays of enclosing traces its body closes over; each body is a
/// traced function whose parameters are its region arguments followed by
/// those captured arrays. Results are read through Result nodes.
struct ControlInfo {
  enum class Op { ForiLoop, Scan, While, Cond, Linalg } op;
  /// Bodies: fori_loop/scan {body}, while {cond, body}, cond {branches...}.
  std::vector<std::shared_ptr<const Subgraph>> regions;
  /// How many of the node's leading operands are the op's own.
  size_t numOwnOperands = 0;
  /// Per region, the indices (into the node's operands) of its captures.
  std::vector<std::vector<size_t>> captures;
  /// scan: the number of carried values and the trip count.
  size_t numCarried = 0;
  int64_t length = 0;
  /// Linalg: which op, and triangular_solve's attributes.
  LinalgKind linalg = LinalgKind::Inv;
  bool lower = true, leftSide = true;
  std::vector<TensorSpec> results;
};

/// Emits the op of a Control node `n` at `b`. `operands` are the emitted
/// values of the node's operands; `functionFor` returns the func.func of a
/// traced body (emitting it on first use). Returns the op's results.
llvm::SmallVector<mlir::Value> emitControl(
    const Node &n, llvm::ArrayRef<mlir::Value> operands, mlir::OpBuilder &b,
    mlir::Location loc,
    const std::function<mlir::func::FuncOp(const Subgraph &)> &functionFor);

} // namespace vmapc::detail

#endif // VMAPC_LIB_DSL_CONTROL_H
