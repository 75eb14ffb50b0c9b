//===- Evaluator.h - Reference interpreter of the vmapc dialect -*- C++ -*-===//
//
// A plain interpreter of vmapc-level IR on host arrays: the oracle the
// batching pass and the compiled code are checked against. It reads the IR
// directly (no passes), computes every op in float64 / int64 and rounds to the
// op's result type, and evaluates `vmapc.vmap` the way its definition reads:
// one call of the callee per slice of the mapped axis, results stacked at
// out_axes. It favours being obviously correct over being fast.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_REFERENCE_EVALUATOR_H
#define VMAPC_REFERENCE_EVALUATOR_H

#include "vmapc/Support/HostTensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Types.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace vmapc {

/// Evaluates the func.func `name` of `module` on `args`. The argument count,
/// shapes and element types must match the function's signature exactly;
/// otherwise, and for any op the evaluator does not know, the result is an
/// llvm::Error with a one-line message naming the function, the argument or
/// op, and what is wrong.
llvm::Expected<std::vector<HostTensor>>
evaluateFunction(mlir::ModuleOp module, llvm::StringRef name,
                 llvm::ArrayRef<HostTensor> args);

/// The DType of a tensor type's element type, or an error for a type the
/// dialect does not use (including non-tensor and dynamically shaped types).
llvm::Expected<DType> dtypeOfTensorType(mlir::Type type);
/// The same, also for dims of size `?`: the batch size of a function
/// compiled for any batch size, which each call gives by its arguments.
llvm::Expected<DType> dtypeOfBatchTensorType(mlir::Type type);

} // namespace vmapc

#endif // VMAPC_REFERENCE_EVALUATOR_H
