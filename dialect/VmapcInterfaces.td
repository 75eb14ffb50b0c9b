//===- VmapcInterfaces.td - Batching rule interface --------*- tablegen -*-===//
//
// JAX's `batching.primitive_batchers`, MLIR-native: every op that can appear
// in a vmapped function implements `batch`, which rewrites one op whose
// operands may carry a batch dimension.
//
//===----------------------------------------------------------------------===//

#ifndef VMAPC_INTERFACES_TD
#define VMAPC_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Vmapc_BatchingOpInterface : OpInterface<"BatchingOpInterface"> {
  let cppNamespace = "::vmapc";
  let description = [{
    The batching rule of an op. `operands` holds, for each operand of the op,
    its value in the batched function and the position of its batch dimension
    (`std::nullopt` when the value does not depend on a mapped input, JAX's
    `not_mapped`). The rule emits ops through `builder` at the insertion point
    and returns one batched value per result. The pass only calls a rule when
    at least one operand is batched; an op whose operands are all unbatched is
    cloned as it is.
  }];
  let methods = [
    InterfaceMethod<
      /*desc=*/"Emit the batched form of this op.",
      /*retTy=*/"::mlir::FailureOr<::llvm::SmallVector<::vmapc::BatchedValue>>",
      /*methodName=*/"batch",
      /*args=*/(ins "::vmapc::BatchingBuilder &":$builder,
                    "::llvm::ArrayRef<::vmapc::BatchedValue>":$operands)>
  ];
}

#endif // VMAPC_INTERFACES_TD
