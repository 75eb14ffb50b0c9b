//===- TransformOps.h - vmapc's transform-dialect ops -----------*- C++ -*-===//
#ifndef VMAPC_PIPELINES_TRANSFORMOPS_H
#define VMAPC_PIPELINES_TRANSFORMOPS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Transform/IR/TransformDialect.h"
#include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.h"
#include "mlir/IR/OpImplementation.h"

#define GET_OP_CLASSES
#include "vmapc/Pipelines/TransformOps.h.inc"

namespace vmapc {

/// Registers the ops of TransformOps.td with the transform dialect.
void registerTransformDialectExtension(mlir::DialectRegistry &registry);

} // namespace vmapc

#endif // VMAPC_PIPELINES_TRANSFORMOPS_H
