//===- Context.h - MLIR contexts for compiling vmapc modules ---*- C++ -*-===//
//
// What every compiler entry point (the JIT, vmapc-compile) needs around an
// MLIRContext: the dialects, extensions and LLVM IR translations of the
// whole pipeline, and the collection of error diagnostics as located text.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_TARGET_CONTEXT_H
#define VMAPC_TARGET_CONTEXT_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"

#include <string>

namespace vmapc {

/// Every dialect, extension and LLVM IR translation the lowering pipeline
/// and the code generators use (one registry for the process).
mlir::DialectRegistry &compilerRegistry();

/// While alive, collects the context's error diagnostics as
/// "file:line:col: error: message" lines (the location when there is one).
class ErrorCollector {
public:
  explicit ErrorCollector(mlir::MLIRContext *ctx);

  /// The errors so far, one per line, or `fallback` if there were none.
  std::string text(const std::string &fallback) const {
    return errors.empty() ? fallback : errors;
  }

private:
  std::string errors;
  mlir::ScopedDiagnosticHandler handler;
};

} // namespace vmapc

#endif // VMAPC_TARGET_CONTEXT_H
