//===- Batching.h - Types shared by batching rules and the pass -*- C++ -*-===//
//
// A batching rule (BatchingOpInterface::batch) sees each operand as a
// BatchedValue: its value in the batched function plus where its batch
// dimension is, if it has one. BatchingBuilder gives rules the few helpers
// they all need (moving a batch dim, materializing one) and a way back into
// the pass for ops that call functions (func.call, nested vmapc.vmap).
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_DIALECT_BATCHING_H
#define VMAPC_DIALECT_BATCHING_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LLVM.h"
#include <optional>

namespace vmapc {

/// A value of the batched function and the position of its batch dimension;
/// `batchDim == std::nullopt` means the value does not depend on any mapped
/// input (JAX's `not_mapped`) and has its unbatched type.
struct BatchedValue {
  mlir::Value value;
  std::optional<int64_t> batchDim;

  bool isBatched() const { return batchDim.has_value(); }
  static BatchedValue unbatched(mlir::Value v) { return {v, std::nullopt}; }
  static BatchedValue batched(mlir::Value v, int64_t dim) { return {v, dim}; }
};

/// The builder handed to batching rules. The batching pass derives from it
/// to implement the hooks that need the whole module (batching a callee).
class BatchingBuilder {
public:
  BatchingBuilder(mlir::OpBuilder &builder, int64_t batchSize)
      : builder(builder), batchSize(batchSize) {}
  virtual ~BatchingBuilder() = default;

  mlir::OpBuilder &getBuilder() { return builder; }
  int64_t getBatchSize() const { return batchSize; }

protected:
  mlir::OpBuilder &builder;
  int64_t batchSize;
};

} // namespace vmapc

#endif // VMAPC_DIALECT_BATCHING_H
