//===- VmapcDialect.h - The vmapc dialect -----------------------*- C++ -*-===//
#ifndef VMAPC_DIALECT_VMAPCDIALECT_H
#define VMAPC_DIALECT_VMAPCDIALECT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Dialect.h"

#include "dialect/VmapcOpsDialect.h.inc"

#endif // VMAPC_DIALECT_VMAPCDIALECT_H
