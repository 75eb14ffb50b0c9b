//===- Batching.h - Types shared by batching rules and the pass -*- C++ -*-===//
//
// A batching rule (BatchingOpInterface::batch) sees each operand as a
// BatchedValue: its value in the batched function plus where its batch
// dimension is, if it has one. BatchingBuilder gives rules the few helpers
// they all need (moving a batch dim, materializing one, applying a shape op
// to a batched value) and a way back into the pass for ops that call
// functions (func.call, nested vmapc.vmap).
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_DIALECT_BATCHING_H
#define VMAPC_DIALECT_BATCHING_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LLVM.h"
#include "llvm/ADT/DenseMap.h"
#include <optional>

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace vmapc {

/// A value of the batched function and the position of its batch dimension;
/// `batchDim == std::nullopt` means the value does not depend on any mapped
/// input (JAX's `not_mapped`) and has its unbatched type.
struct BatchedValue {
  mlir::Value value;
  std::optional<int64_t> batchDim;

  bool isBatched() const { return batchDim.has_value(); }
  static BatchedValue unbatched(mlir::Value v) { return {v, std::nullopt}; }
  static BatchedValue batched(mlir::Value v, int64_t dim) { return {v, dim}; }
};

/// A batched copy of a function: the copy and, for each of its results, the
/// batch dim (std::nullopt for a result that depends on no mapped argument).
struct BatchedFunction {
  mlir::func::FuncOp func;
  llvm::SmallVector<std::optional<int64_t>> resultDims;
};

/// The builder handed to batching rules. The batching pass derives from it
/// to implement the hooks that need the whole module (batching a callee) or
/// the state of the function being batched (batching a nested region).
///
/// Every helper emits at the builder's insertion point, at location `loc`,
/// and emits nothing when there is nothing to do (a batch dim already in
/// place), so rules can call them unconditionally.
class BatchingBuilder {
public:
  BatchingBuilder(mlir::OpBuilder &builder, int64_t batchSize,
                  std::optional<llvm::StringRef> axisName = std::nullopt)
      : builder(builder), batchSize(batchSize), axisName(axisName) {}
  virtual ~BatchingBuilder() = default;

  mlir::OpBuilder &getBuilder() { return builder; }
  int64_t getBatchSize() const { return batchSize; }
  /// The name of the axis being batched (vmap's `axis_name`), which the
  /// collectives (psum, ...) over it reduce.
  std::optional<llvm::StringRef> getAxisName() const { return axisName; }

  //===--------------------------------------------------------------------===//
  // Types
  //===--------------------------------------------------------------------===//

  /// `type` with a dimension of `size` inserted at `dim`.
  static mlir::RankedTensorType insertDim(mlir::RankedTensorType type,
                                          int64_t dim, int64_t size);
  /// The type of the batched form of an unbatched `type` with its batch
  /// dim at `dim`.
  mlir::RankedTensorType batchedType(mlir::Type type, int64_t dim) const {
    return insertDim(mlir::cast<mlir::RankedTensorType>(type), dim, batchSize);
  }
  /// The type `value` has in the unbatched function.
  static mlir::RankedTensorType logicalType(const BatchedValue &value);
  /// Maps a dimension of the unbatched value to the batched value's
  /// dimension when the batch dim sits at `batchDim`.
  static int64_t physicalDim(int64_t logicalDim, int64_t batchDim) {
    return logicalDim < batchDim ? logicalDim : logicalDim + 1;
  }

  //===--------------------------------------------------------------------===//
  // Moving and materializing batch dims
  //===--------------------------------------------------------------------===//

  /// `value` with its batch dim at `to`: one transpose when it is batched
  /// elsewhere, one broadcast_in_dim when it is unbatched (the value is then
  /// repeated batch-size times), nothing when it is already there. A value
  /// made by a broadcast or transpose is rebuilt from that op's operand
  /// instead, and a splat constant at the batched type, so chains of shape
  /// ops do not pile up data movement.
  mlir::Value moveBatchDim(mlir::Location loc, const BatchedValue &value,
                           int64_t to);

  /// The batch dim that most batched `operands` already have (ties go to
  /// the first), so that aligning them costs the fewest transposes.
  static int64_t preferredBatchDim(llvm::ArrayRef<BatchedValue> operands);

  /// Brings every operand to batch dim `dim` (see moveBatchDim).
  llvm::SmallVector<mlir::Value>
  alignBatchDims(mlir::Location loc, llvm::ArrayRef<BatchedValue> operands,
                 int64_t dim);

  //===--------------------------------------------------------------------===//
  // Shape ops applied to a possibly batched value
  //===--------------------------------------------------------------------===//
  // These apply the op the unbatched function would apply (`perm`, `dims`
  // and `type` describe it on unbatched values) and keep the batch dim where
  // it is, so composite rules (nested vmap) need no case split.

  /// transpose(value, perm) with `perm` on the unbatched value.
  BatchedValue transpose(mlir::Location loc, const BatchedValue &value,
                         llvm::ArrayRef<int64_t> perm);
  /// broadcast_in_dim(value, dims) to the unbatched type `type`.
  BatchedValue broadcastInDim(mlir::Location loc, const BatchedValue &value,
                              mlir::RankedTensorType type,
                              llvm::ArrayRef<int64_t> dims);

  //===--------------------------------------------------------------------===//
  // Hooks into the pass
  //===--------------------------------------------------------------------===//

  /// Returns the batched copy of `callee` for arguments batched at
  /// `argDims` with batch size `size` over the axis named `axisName`,
  /// building it on first use. `user` is
  /// the op that needs it, where errors (recursion, a callee without a body,
  /// an op without a rule inside) are reported.
  virtual mlir::FailureOr<BatchedFunction>
  getBatchedFunction(mlir::Operation *user, mlir::func::FuncOp callee,
                     llvm::ArrayRef<std::optional<int64_t>> argDims,
                     int64_t size, std::optional<llvm::StringRef> axisName) = 0;

  /// For ops with regions (control flow): batches `source`, a one-block
  /// region of the op being batched, into the empty region `dest`. The new
  /// block's arguments are the source block's, batched at `argDims`; values
  /// the body uses from above keep the batched form they have where the op
  /// is. The source terminator is rebuilt (same op name and attributes) on
  /// the batched values, operand i first moved to `resultDims[i]` when that
  /// entry is set (materialized if unbatched); unset entries leave operands
  /// where the body puts them. Returns the batch dims of the rebuilt
  /// terminator's operands. Batching into a scratch region first gives a
  /// rule the natural result dims (e.g. to find which loop carries become
  /// batched) before it builds its op.
  virtual mlir::FailureOr<llvm::SmallVector<std::optional<int64_t>>>
  batchRegion(mlir::Region &source, mlir::Region &dest,
              llvm::ArrayRef<std::optional<int64_t>> argDims,
              llvm::ArrayRef<std::optional<int64_t>> resultDims) = 0;

protected:
  mlir::OpBuilder &builder;
  int64_t batchSize;
  std::optional<llvm::StringRef> axisName;

private:
  mlir::Value materialize(mlir::Location loc, mlir::Value value, int64_t to);

  /// Materialized forms of unbatched values, by (value, batch dim): an
  /// unbatched weight used by several ops is broadcast once. The builder
  /// only ever appends to one block, so an earlier form dominates later uses.
  llvm::DenseMap<std::pair<mlir::Value, int64_t>, mlir::Value> materialized;
};

/// Fails with a diagnostic on `vmap` when a result with `out_axes = none`
/// depends on a mapped operand (`calleeDims[j]` is set: result j of the
/// batched callee is batched).
mlir::LogicalResult
checkUnmappedResults(mlir::Operation *vmap,
                     llvm::ArrayRef<std::optional<int64_t>> calleeDims);

/// Moves the batch axis of each result of an expanded `vmapc.vmap` to the
/// vmap's out_axes: `results[j]` is result j of the call of the batched
/// callee (batched in the enclosing function or not), whose vmap axis sits
/// at `calleeDims[j]`. Emits the transposes/broadcasts needed and returns
/// the final values, or fails with a diagnostic on `vmap` when an
/// `out_axes = none` result depends on a mapped operand. `mapSize` is the
/// size of the vmap axis in `results`: the vmap's batch size, or the chunk
/// size when the call computes one chunk of a chunked vmap.
mlir::FailureOr<llvm::SmallVector<BatchedValue>>
placeVmapResults(BatchingBuilder &builder, mlir::Operation *vmap,
                 llvm::ArrayRef<BatchedValue> results,
                 llvm::ArrayRef<std::optional<int64_t>> calleeDims,
                 int64_t mapSize);

/// Attaches the batching rules (BatchingOpInterface external models) to the
/// vmapc ops and to func.call.
void registerBatchingInterfaces(mlir::DialectRegistry &registry);

} // namespace vmapc

#endif // VMAPC_DIALECT_BATCHING_H
