//===- Passes.h - Passes of the vmapc lowering pipeline ---------*- C++ -*-===//
//
// Declarations (from Passes.td) of the helper passes used by
// --vmapc-lower-to-llvm, and their registration.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_PIPELINES_PASSES_H
#define VMAPC_PIPELINES_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MPI/IR/MPI.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

#include <string>

namespace vmapc {

#define GEN_PASS_DECL
#include "vmapc/Pipelines/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "vmapc/Pipelines/Passes.h.inc"

/// The host's CPU name and its LLVM feature string ("+avx2,+avx512f,...").
std::string getHostCpuName();
std::string getHostCpuFeatures();

} // namespace vmapc

#endif // VMAPC_PIPELINES_PASSES_H
