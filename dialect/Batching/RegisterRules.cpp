//===- RegisterRules.cpp - registerBatchingInterfaces -----------*- C++ -*-===//
//
// The rules are external models so that they live beside their op groups
// and so that func.call, an upstream op, gets one too. The batching pass
// registers them from getDependentDialects, so every tool that runs it gets
// the rules without calling this itself.
//
//===----------------------------------------------------------------------===//
#include "dialect/Batching.h"
#include "dialect/Batching/Rules.h"
#include "dialect/VmapcDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Shard/IR/ShardDialect.h"
#include "mlir/IR/DialectRegistry.h"

using namespace mlir;

void vmapc::registerBatchingInterfaces(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, VmapcDialect *) {
    attachElementwiseRules(context);
    attachShapeRules(context);
    attachContractionRules(context);
    attachIndexingRules(context);
    attachLinalgRules(context);
    attachVmapRules(context);
    attachControlFlowRules(context);
    attachCollectiveRules(context);
  });
  registry.addExtension(+[](MLIRContext *context, func::FuncDialect *) {
    attachCallRules(context);
  });
  registry.addExtension(+[](MLIRContext *context, shard::ShardDialect *) {
    attachShardRules(context);
  });
}
