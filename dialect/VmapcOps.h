//===- VmapcOps.h - vmapc operations ----------------------------*- C++ -*-===//
#ifndef VMAPC_DIALECT_VMAPCOPS_H
#define VMAPC_DIALECT_VMAPCOPS_H

#include "dialect/Batching.h"
#include "dialect/VmapcDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace vmapc {

/// `vmapc.compare`'s `predicate`.
enum class ComparePredicate { EQ, NE, LT, LE, GT, GE };
std::optional<ComparePredicate> parseComparePredicate(llvm::StringRef name);

/// `vmapc.reduce`'s `kind`.
enum class ReduceKind { Sum, Max, Min, Prod };
std::optional<ReduceKind> parseReduceKind(llvm::StringRef name);

} // namespace vmapc

#include "dialect/VmapcInterfaces.h.inc"

#define GET_OP_CLASSES
#include "dialect/VmapcOps.h.inc"

#endif // VMAPC_DIALECT_VMAPCOPS_H
