//===- Passes.h - vmapc conversion passes -----------------------*- C++ -*-===//
//
// `--convert-vmapc-to-linalg` and its reusable patterns.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_CONVERSION_PASSES_H
#define VMAPC_CONVERSION_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Pass/Pass.h"

namespace vmapc {

#define GEN_PASS_DECL
#include "vmapc/Conversion/Passes.h.inc"

/// Adds the patterns that rewrite every vmapc op except `vmapc.vmap` into
/// linalg/tensor/arith/math/scf on builtin tensors.
void populateVmapcToLinalgConversionPatterns(mlir::RewritePatternSet &patterns);

/// Adds the patterns that rewrite fori_loop and scan to scf.for, while to
/// scf.while and cond to scf.if / scf.index_switch (ControlFlow.cpp); part
/// of the set above.
void populateVmapcControlFlowToSCFPatterns(mlir::RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "vmapc/Conversion/Passes.h.inc"

} // namespace vmapc

#endif // VMAPC_CONVERSION_PASSES_H
