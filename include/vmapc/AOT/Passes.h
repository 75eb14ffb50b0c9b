//===- Passes.h - Passes of ahead-of-time compilation -----------*- C++ -*-===//
//
// Declarations (from Passes.td) of the passes vmapc-compile runs after
// --vmapc-lower-to-llvm, and their registration.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_AOT_PASSES_H
#define VMAPC_AOT_PASSES_H

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

#include <string>

namespace vmapc {

#define GEN_PASS_DECL
#include "vmapc/AOT/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "vmapc/AOT/Passes.h.inc"

} // namespace vmapc

#endif // VMAPC_AOT_PASSES_H
