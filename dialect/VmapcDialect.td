//===- VmapcDialect.td - The vmapc dialect -----------------*- tablegen -*-===//
//
// Array operations on static-shape tensors with JAX/StableHLO meaning, plus
// `vmapc.vmap`, the op that the batching pass removes.
//
//===----------------------------------------------------------------------===//

#ifndef VMAPC_DIALECT_TD
#define VMAPC_DIALECT_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def Vmapc_Dialect : Dialect {
  let name = "vmapc";
  let cppNamespace = "::vmapc";
  let summary = "Array operations with JAX semantics and a vmap op";
  let description = [{
    Value semantics on builtin ranked tensors with static shapes; a scalar is
    a rank-0 tensor. Elementwise ops are strict (operands of identical types);
    implicit broadcasting is the job of the frontend, which inserts
    `vmapc.broadcast_in_dim`.
  }];
  let hasConstantMaterializer = 1;
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Vmapc_Element : AnyTypeOf<[F32, F64, I1, I32, I64]>;
def Vmapc_Float : AnyTypeOf<[F32, F64]>;
def Vmapc_Integer : AnyTypeOf<[I32, I64]>;

def Vmapc_Tensor : StaticShapeTensorOf<[F32, F64, I1, I32, I64]>;
// The operands and results of vmapc.vmap, whose batch axis may be dynamic
// (the verifier allows `?` there, with chunk_size, and nowhere else).
def Vmapc_BatchTensor : RankedTensorOf<[F32, F64, I1, I32, I64]>;
def Vmapc_NumericTensor : StaticShapeTensorOf<[F32, F64, I32, I64]>;
def Vmapc_FloatTensor : StaticShapeTensorOf<[F32, F64]>;
def Vmapc_PredTensor : StaticShapeTensorOf<[I1]>;
def Vmapc_IndexScalar : 0DTensorOf<[I32, I64]>;
def Vmapc_IndexTensor : StaticShapeTensorOf<[I32, I64]>;

def Vmapc_DenseElementsAttr
    : ElementsAttrBase<CPred<"::llvm::isa<::mlir::DenseElementsAttr>($_self)">,
                       "dense elements attribute"> {
  let storageType = [{ ::mlir::DenseElementsAttr }];
  let returnType = [{ ::mlir::DenseElementsAttr }];
  let convertFromStorage = "$_self";
}

#endif // VMAPC_DIALECT_TD
