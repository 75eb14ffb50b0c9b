//===- StackBuffers.h - Which buffers live on the stack ---------*- C++ -*-===//
//
// Private to lib/Pipelines.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_LIB_PIPELINES_STACKBUFFERS_H
#define VMAPC_LIB_PIPELINES_STACKBUFFERS_H

#include "mlir/Dialect/MemRef/IR/MemRef.h"

namespace vmapc {

/// Whether a buffer like `alloc` belongs on the stack: a static shape of
/// int or float elements, at most 64 KiB, and not inside a parallel chunk
/// loop (scf.forall), where a stack buffer would be allocated again by
/// every chunk a thread runs (LLVM's OpenMP lowering does not hoist it)
/// while a chunk's malloc is amortized over its lanes. The rule of the
/// pipeline's stack promotion, and of the loop-state buffers that
/// vmapc-double-buffer-loop-state puts on the stack itself.
bool belongsOnStack(mlir::memref::AllocOp alloc);

} // namespace vmapc

#endif // VMAPC_LIB_PIPELINES_STACKBUFFERS_H
