//===- FuzzLower.cpp - libFuzzer: --vmapc-lower-to-llvm ---------*- C++ -*-===//
//
// Every valid module through the whole lowering pipeline (batching,
// conversion, tiling, vectorization, bufferization, LLVM dialect), without
// translating or running it: it either lowers or fails with a diagnostic.
// The target CPU is fixed so findings reproduce on any machine.
//
//===----------------------------------------------------------------------===//
#include "FuzzCommon.h"

#include "vmapc/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::MLIRContext ctx(vmapc::fuzz::registry());
  auto module = vmapc::fuzz::parseAndVerify(ctx, data, size);
  if (!module)
    return 0;
  // The pipeline's passes load the dialects they create ops in (as in
  // vmapc-opt); loading all ~70 registered ones for every input was most of
  // the time per input.
  mlir::PassManager pm(&ctx);
  pm.enableVerifier(true);
  vmapc::LowerToLLVMOptions options;
  options.targetCpu = "x86-64-v3";
  vmapc::buildVmapcLowerToLLVMPipeline(pm, options);
  (void)pm.run(*module);
  return 0;
}
