//===- StackBuffers.cpp - Which buffers live on the stack -------*- C++ -*-===//
#include "StackBuffers.h"

#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;

bool vmapc::belongsOnStack(memref::AllocOp alloc) {
  constexpr int64_t kMaxStackBytes = 64 * 1024;
  MemRefType type = alloc.getType();
  if (!type.hasStaticShape() || !type.getElementType().isIntOrFloat() ||
      alloc->getParentOfType<scf::ForallOp>())
    return false;
  int64_t bytes = llvm::divideCeil(type.getElementTypeBitWidth(), 8);
  return type.getNumElements() * bytes <= kMaxStackBytes;
}
