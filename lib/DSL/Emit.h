//===- Emit.h - Traced graphs to vmapc-dialect modules ----------*- C++ -*-===//
#ifndef VMAPC_LIB_DSL_EMIT_H
#define VMAPC_LIB_DSL_EMIT_H

#include "Graph.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

namespace vmapc::detail {

/// The module holding `root` as the public func.func `name` and, as private
/// functions, one func.func per vmapped function it reaches (callees of the
/// `vmapc.vmap` ops). The context must have the vmapc dialect loaded. Throws
/// vmapc::Error if the graph uses a symbolic array outside the trace that
/// made it, or if the emitted module fails verification.
mlir::OwningOpRef<mlir::ModuleOp> emitModule(mlir::MLIRContext &context,
                                             const Subgraph &root,
                                             llvm::StringRef name);

/// A context with every dialect the DSL emits loaded.
std::unique_ptr<mlir::MLIRContext> makeDslContext();

} // namespace vmapc::detail

#endif // VMAPC_LIB_DSL_EMIT_H
