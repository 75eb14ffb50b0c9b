//===- FuzzCommon.h - Shared set-up of the MLIR fuzz targets ----*- C++ -*-===//
//
// Each input gets a fresh MLIRContext (so types and attributes interned by
// one input cannot mask or cause a bug in the next, and memory stays flat),
// with every dialect a user's file may name, multithreading off (libFuzzer
// drives one input at a time) and diagnostics swallowed: a diagnostic is
// the correct answer to a malformed input, not a finding.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_TEST_FUZZ_FUZZCOMMON_H
#define VMAPC_TEST_FUZZ_FUZZCOMMON_H

#include "dialect/Batching.h"
#include "dialect/VmapcDialect.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace vmapc::fuzz {

inline const mlir::DialectRegistry &registry() {
  static const mlir::DialectRegistry *r = [] {
    auto *reg = new mlir::DialectRegistry();
    mlir::registerAllDialects(*reg);
    mlir::registerAllExtensions(*reg);
    reg->insert<vmapc::VmapcDialect>();
    vmapc::registerBatchingInterfaces(*reg);
    return reg;
  }();
  return *r;
}

/// Parses and verifies `data` as a module in `ctx`; null when it is not a
/// valid module.
inline mlir::OwningOpRef<mlir::ModuleOp>
parseAndVerify(mlir::MLIRContext &ctx, const uint8_t *data, size_t size) {
  ctx.disableMultithreading();
  ctx.getDiagEngine().registerHandler(
      [](mlir::Diagnostic &) { return mlir::success(); });
  std::string text(reinterpret_cast<const char *>(data), size);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(text, &ctx, "fuzz");
  if (!module || mlir::failed(mlir::verify(*module)))
    return nullptr;
  return module;
}

} // namespace vmapc::fuzz

#endif // VMAPC_TEST_FUZZ_FUZZCOMMON_H
