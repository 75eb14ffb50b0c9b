//===- FuzzBatch.cpp - libFuzzer: --vmapc-batch -----------------*- C++ -*-===//
//
// Every valid module through the batching pass: it either succeeds with a
// module that verifies and holds no vmapc.vmap, or fails with a diagnostic.
//
//===----------------------------------------------------------------------===//
#include "FuzzCommon.h"

#include "vmapc/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::MLIRContext ctx(vmapc::fuzz::registry());
  auto module = vmapc::fuzz::parseAndVerify(ctx, data, size);
  if (!module)
    return 0;
  mlir::PassManager pm(&ctx);
  pm.enableVerifier(true);
  pm.addPass(vmapc::createVmapcBatch());
  if (mlir::failed(pm.run(*module)))
    return 0;
  bool left = false;
  module->walk([&](mlir::Operation *op) {
    left |= op->getName().getStringRef() == "vmapc.vmap";
  });
  if (left) {
    llvm::errs() << "--vmapc-batch succeeded but left a vmapc.vmap\n";
    __builtin_trap();
  }
  return 0;
}
