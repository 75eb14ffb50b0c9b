//===- vmapc-opt.cpp - The vmapc optimizer driver ---------------*- C++ -*-===//
//
// mlir-opt with the vmapc dialect, its passes and pipelines, and every
// upstream dialect and pass registered.
//
//===----------------------------------------------------------------------===//
#include "dialect/Batching.h"
#include "dialect/VmapcDialect.h"
#include "vmapc/AOT/Passes.h"
#include "vmapc/Conversion/Passes.h"
#include "vmapc/Pipelines/Pipelines.h"
#include "vmapc/Pipelines/TransformOps.h"
#include "vmapc/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  vmapc::registerVmapcTransformsPasses();
  vmapc::registerVmapcConversionPasses();
  vmapc::registerVmapcPipelines();
  vmapc::registerVmapcAOTPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  registry.insert<vmapc::VmapcDialect>();
  vmapc::registerBatchingInterfaces(registry);
  vmapc::registerTransformDialectExtension(registry);

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "vmapc optimizer driver\n", registry));
}
