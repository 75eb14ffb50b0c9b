//===- Schedule.h - Transform-dialect schedules built per function -*- C++
//-*-===//
//
// Private to lib/Pipelines. The code generation strategy decides, per op, how
// to tile, fuse and vectorize it (from its shape and the target's vector
// width and cache sizes); a Schedule records those decisions as a
// transform-dialect script and runs it with the upstream interpreter. The
// script is ordinary transform IR (`vmapc-opt
// --vmapc-tile-and-vectorize=print-schedule` prints it), made of upstream
// transform ops plus the one of TransformOps.td.
//
// Payload ops enter the script as extra top-level bindings, one block
// argument each, so the script needs no matching: every handle points to the
// op the strategy looked at.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_LIB_PIPELINES_SCHEDULE_H
#define VMAPC_LIB_PIPELINES_SCHEDULE_H

#include "mlir/Dialect/Transform/IR/TransformOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace vmapc {

class Schedule {
public:
  /// An empty script for `payloadRoot` (a function).
  explicit Schedule(mlir::Operation *payloadRoot);

  /// A handle to `op` in the script.
  mlir::Value handle(mlir::Operation *op);

  /// `transform.structured.tile_using_for`: the tiled op; `loops` (if not
  /// null) gets one handle per loop, outermost first.
  mlir::Value tile(mlir::Value target, llvm::ArrayRef<int64_t> sizes,
                   llvm::ArrayRef<int64_t> interchange = {},
                   llvm::SmallVectorImpl<mlir::Value> *loops = nullptr);
  /// `transform.structured.fuse`: tiles `target` and fuses every producer
  /// reachable through its operands' slices (through the new loops'
  /// iter_args too, so the fill of an accumulator); returns the tiled op.
  mlir::Value tileAndFuse(mlir::Value target, llvm::ArrayRef<int64_t> sizes,
                          llvm::ArrayRef<int64_t> interchange = {});
  /// `transform.vmapc.tile_and_fuse_fills` (TransformOps.td): tiles
  /// `target` and fuses the fills of its outputs, nothing else.
  mlir::Value tileAndFuseFills(mlir::Value target,
                               llvm::ArrayRef<int64_t> sizes,
                               llvm::ArrayRef<int64_t> interchange = {});
  /// `transform.structured.fuse_into_containing_op`: the fused op; `loop`
  /// becomes the handle to the new loop.
  mlir::Value fuseInto(mlir::Value producer, mlir::Value &loop);
  /// `transform.structured.interchange` of a linalg.generic.
  mlir::Value interchange(mlir::Value target,
                          llvm::ArrayRef<int64_t> permutation);
  /// `transform.structured.vectorize` (n-D extracts allowed).
  void vectorize(mlir::Value target, bool createNamedContraction);
  /// Records what `body` adds in a sequence of its own that suppresses its
  /// failures: an op that cannot be tiled or fused as planned keeps the form
  /// it has at that point (still correct, maybe slower), and the rest of the
  /// script goes on.
  void independently(llvm::function_ref<void()> body);

  /// True if nothing was recorded.
  bool empty();
  /// Runs the script on the payload root; with `print`, prints it to
  /// stderr first.
  mlir::LogicalResult apply(bool print);

private:
  mlir::Operation *payloadRoot;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  mlir::transform::SequenceOp sequence;
  mlir::OpBuilder builder;
  mlir::Location loc;
  mlir::Type anyOp;
  mlir::Value rootHandle;
  llvm::SmallVector<mlir::Operation *> bound;
};

} // namespace vmapc

#endif // VMAPC_LIB_PIPELINES_SCHEDULE_H
