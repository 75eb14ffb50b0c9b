//===- Rules.h - Attaching the batching rules, by op group ------*- C++ -*-===//
//
// Each Batching/*Rules.cpp file attaches the BatchingOpInterface models of
// one op group; registerBatchingInterfaces() (RegisterRules.cpp) calls them
// from a dialect extension.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_DIALECT_BATCHING_RULES_H
#define VMAPC_DIALECT_BATCHING_RULES_H

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace vmapc {
void attachElementwiseRules(mlir::MLIRContext *context);
void attachShapeRules(mlir::MLIRContext *context);
void attachContractionRules(mlir::MLIRContext *context);
void attachIndexingRules(mlir::MLIRContext *context);
void attachLinalgRules(mlir::MLIRContext *context);
void attachVmapRules(mlir::MLIRContext *context);
void attachCallRules(mlir::MLIRContext *context);
void attachControlFlowRules(mlir::MLIRContext *context);
void attachCollectiveRules(mlir::MLIRContext *context);
void attachShardRules(mlir::MLIRContext *context);
} // namespace vmapc

#endif // VMAPC_DIALECT_BATCHING_RULES_H
