//===- Passes.h - vmapc transformation passes -------------------*- C++ -*-===//
//
// Declarations of the passes in lib/Transforms (from Passes.td) and their
// registration with the global pass registry.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_TRANSFORMS_PASSES_H
#define VMAPC_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/Dialect/Shard/IR/ShardDialect.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

#include <memory>

namespace vmapc {
class VmapcDialect;

#define GEN_PASS_DECL
#include "vmapc/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "vmapc/Transforms/Passes.h.inc"

} // namespace vmapc

#endif // VMAPC_TRANSFORMS_PASSES_H
