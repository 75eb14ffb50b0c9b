//===- VmapcOps.td - vmapc operations ----------------------*- tablegen -*-===//
//
// The ops of the vmapc dialect. Names and attribute names follow the project
// contract (SPEC.md §2); meanings follow StableHLO / jax.lax.
//
//===----------------------------------------------------------------------===//

#ifndef VMAPC_OPS_TD
#define VMAPC_OPS_TD

include "VmapcDialect.td"
include "VmapcInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/IR/SymbolInterfaces.td"

class Vmapc_Op<string mnemonic, list<Trait> traits = []>
    : Op<Vmapc_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

class Vmapc_BinaryOp<string mnemonic, Type operandType = Vmapc_NumericTensor,
                     list<Trait> traits = []>
    : Vmapc_Op<mnemonic, !listconcat(traits, [Pure, SameOperandsAndResultType,
                                              InferTypeOpInterface])> {
  let arguments = (ins operandType:$lhs, operandType:$rhs);
  let results = (outs operandType:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` type($result)";
  let hasFolder = 1;
}

def Vmapc_AddOp : Vmapc_BinaryOp<"add", Vmapc_NumericTensor, [Commutative]> {
  let summary = "Elementwise addition";
}
def Vmapc_SubOp : Vmapc_BinaryOp<"sub"> {
  let summary = "Elementwise subtraction";
}
def Vmapc_MulOp : Vmapc_BinaryOp<"mul", Vmapc_NumericTensor, [Commutative]> {
  let summary = "Elementwise multiplication";
}
def Vmapc_DivOp : Vmapc_BinaryOp<"div"> {
  let summary = "Elementwise division (integer division truncates)";
}
def Vmapc_MaxOp : Vmapc_BinaryOp<"max", Vmapc_NumericTensor, [Commutative]> {
  let summary = "Elementwise maximum (NaN-propagating for floats)";
}
def Vmapc_MinOp : Vmapc_BinaryOp<"min", Vmapc_NumericTensor, [Commutative]> {
  let summary = "Elementwise minimum (NaN-propagating for floats)";
}
def Vmapc_PowOp : Vmapc_BinaryOp<"pow", Vmapc_FloatTensor> {
  let summary = "Elementwise power lhs^rhs on floats";
}

class Vmapc_UnaryOp<string mnemonic, Type operandType = Vmapc_FloatTensor>
    : Vmapc_Op<mnemonic, [Pure, SameOperandsAndResultType,
                          InferTypeOpInterface]> {
  let arguments = (ins operandType:$operand);
  let results = (outs operandType:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
  let hasFolder = 1;
}

def Vmapc_NegOp : Vmapc_UnaryOp<"neg", Vmapc_NumericTensor> {
  let summary = "Elementwise negation";
}
def Vmapc_AbsOp : Vmapc_UnaryOp<"abs", Vmapc_NumericTensor> {
  let summary = "Elementwise absolute value";
}
def Vmapc_ExpOp : Vmapc_UnaryOp<"exp"> { let summary = "Elementwise e^x"; }
def Vmapc_LogOp : Vmapc_UnaryOp<"log"> {
  let summary = "Elementwise natural logarithm";
}
def Vmapc_SqrtOp : Vmapc_UnaryOp<"sqrt"> {
  let summary = "Elementwise square root";
}
def Vmapc_RsqrtOp : Vmapc_UnaryOp<"rsqrt"> {
  let summary = "Elementwise 1/sqrt(x)";
}
def Vmapc_TanhOp : Vmapc_UnaryOp<"tanh"> {
  let summary = "Elementwise hyperbolic tangent";
}
def Vmapc_SinOp : Vmapc_UnaryOp<"sin"> { let summary = "Elementwise sine"; }
def Vmapc_CosOp : Vmapc_UnaryOp<"cos"> { let summary = "Elementwise cosine"; }
def Vmapc_LogisticOp : Vmapc_UnaryOp<"logistic"> {
  let summary = "Elementwise 1/(1+e^-x)";
}

def Vmapc_CompareOp : Vmapc_Op<"compare", [Pure, SameTypeOperands,
                                           InferTypeOpAdaptor]> {
  let summary = "Elementwise comparison giving an i1 tensor";
  let description = [{
    `predicate` is one of `eq ne lt le gt ge`. Float comparisons are ordered
    (false when either side is NaN), except `ne`, which is unordered (true
    when either side is NaN), as in numpy.

    ```mlir
    %m = vmapc.compare lt, %a, %b : tensor<4xf32>
    ```
  }];
  let arguments = (ins Vmapc_NumericTensor:$lhs, Vmapc_NumericTensor:$rhs,
                       StrAttr:$predicate);
  let results = (outs Vmapc_PredTensor:$result);
  let assemblyFormat = [{
    custom<Keyword>($predicate) `,` $lhs `,` $rhs attr-dict `:` type($lhs)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// The predicate as an enum; the verifier guarantees it is valid.
    ComparePredicate getPredicateKind();
  }];
}

def Vmapc_SelectOp : Vmapc_Op<"select", [Pure,
    AllTypesMatch<["on_true", "on_false", "result"]>,
    DeclareOpInterfaceMethods<InferTypeOpInterface>]> {
  let summary = "Elementwise choice: pred ? on_true : on_false";
  let arguments = (ins Vmapc_PredTensor:$pred, Vmapc_Tensor:$on_true,
                       Vmapc_Tensor:$on_false);
  let results = (outs Vmapc_Tensor:$result);
  let assemblyFormat = [{
    $pred `,` $on_true `,` $on_false attr-dict `:` type($pred) `,` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Constants and conversions
//===----------------------------------------------------------------------===//

def Vmapc_ConstantOp : Vmapc_Op<"constant", [Pure, ConstantLike,
                                             InferTypeOpAdaptor]> {
  let summary = "A constant tensor";
  let arguments = (ins Vmapc_DenseElementsAttr:$value);
  let results = (outs Vmapc_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def Vmapc_IotaOp : Vmapc_Op<"iota", [Pure]> {
  let summary = "0, 1, 2, ... along one dimension, repeated along the others";
  let arguments = (ins I64Attr:$dimension);
  let results = (outs Vmapc_NumericTensor:$result);
  let assemblyFormat = "`dim` `=` $dimension attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Vmapc_ConvertOp : Vmapc_Op<"convert", [Pure, SameOperandsAndResultShape]> {
  let summary = "Elementwise conversion to another element type";
  let description = [{
    Float to integer truncates toward zero; to i1 is `x != 0`; i1 to a number
    gives 0 or 1 (as `jnp.astype`).
  }];
  let arguments = (ins Vmapc_Tensor:$operand);
  let results = (outs Vmapc_Tensor:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` type($operand) `->` type($result)
  }];
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

def Vmapc_BroadcastInDimOp : Vmapc_Op<"broadcast_in_dim", [Pure,
    SameOperandsAndResultElementType]> {
  let summary = "Broadcast to a result shape (StableHLO meaning)";
  let description = [{
    Operand dimension i becomes result dimension `broadcast_dimensions[i]`;
    `broadcast_dimensions` is strictly increasing, and each operand dimension
    is 1 or equal to the result dimension it maps to.

    ```mlir
    %r = vmapc.broadcast_in_dim %x, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
    ```
  }];
  let arguments = (ins Vmapc_Tensor:$operand,
                       DenseI64ArrayAttr:$broadcast_dimensions);
  let results = (outs Vmapc_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `dims` `=` $broadcast_dimensions attr-dict `:`
    type($operand) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def Vmapc_ReshapeOp : Vmapc_Op<"reshape", [Pure,
    SameOperandsAndResultElementType]> {
  let summary = "Row-major reshape to a shape with the same element count";
  let arguments = (ins Vmapc_Tensor:$operand);
  let results = (outs Vmapc_Tensor:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` type($operand) `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Vmapc_TransposeOp : Vmapc_Op<"transpose", [Pure, InferTypeOpAdaptor]> {
  let summary = "Permute dimensions: result dim i is operand dim perm[i]";
  let arguments = (ins Vmapc_Tensor:$operand, DenseI64ArrayAttr:$permutation);
  let results = (outs Vmapc_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `permutation` `=` $permutation attr-dict `:`
    type($operand) `->` type($result)
  }];
  let hasFolder = 1;
}

def Vmapc_ReduceOp : Vmapc_Op<"reduce", [Pure, InferTypeOpAdaptor]> {
  let summary = "Reduce over dimensions with sum, max, min or prod";
  let description = [{
    The result drops the reduced dimensions. The identity of the reduction
    (0, -inf, +inf, 1) is the value of an empty reduction.

    ```mlir
    %s = vmapc.reduce sum %x, dims = [1] : tensor<2x3xf32> -> tensor<2xf32>
    ```
  }];
  let arguments = (ins Vmapc_NumericTensor:$operand, StrAttr:$kind,
                       DenseI64ArrayAttr:$dimensions);
  let results = (outs Vmapc_NumericTensor:$result);
  let assemblyFormat = [{
    custom<Keyword>($kind) $operand `,` `dims` `=` $dimensions attr-dict `:`
    type($operand) `->` type($result)
  }];
  let hasFolder = 1;
  let extraClassDeclaration = [{
    /// The reduction kind as an enum; the verifier guarantees it is valid.
    ReduceKind getReduceKind();
  }];
}

def Vmapc_DotGeneralOp : Vmapc_Op<"dot_general", [Pure, InferTypeOpAdaptor]> {
  let summary = "General tensor contraction (StableHLO dot_general)";
  let description = [{
    The result has the batching dimensions (in order), then the free
    dimensions of lhs, then the free dimensions of rhs.

    ```mlir
    %c = vmapc.dot_general %a, %b, batching_dims = [] x [],
           contracting_dims = [1] x [0]
         : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
    ```
  }];
  let arguments = (ins Vmapc_NumericTensor:$lhs, Vmapc_NumericTensor:$rhs,
                       DenseI64ArrayAttr:$lhs_batching_dimensions,
                       DenseI64ArrayAttr:$rhs_batching_dimensions,
                       DenseI64ArrayAttr:$lhs_contracting_dimensions,
                       DenseI64ArrayAttr:$rhs_contracting_dimensions);
  let results = (outs Vmapc_NumericTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs `,`
    `batching_dims` `=` $lhs_batching_dimensions `x` $rhs_batching_dimensions `,`
    `contracting_dims` `=` $lhs_contracting_dimensions `x`
                           $rhs_contracting_dimensions
    attr-dict `:` functional-type(operands, results)
  }];
}

def Vmapc_SliceOp : Vmapc_Op<"slice", [Pure, InferTypeOpAdaptor]> {
  let summary = "Static strided slice [start, limit) with strides";
  let arguments = (ins Vmapc_Tensor:$operand,
                       DenseI64ArrayAttr:$start_indices,
                       DenseI64ArrayAttr:$limit_indices,
                       DenseI64ArrayAttr:$strides);
  let results = (outs Vmapc_Tensor:$result);
  let assemblyFormat = [{
    $operand `,` `start` `=` $start_indices `,` `limit` `=` $limit_indices `,`
    `strides` `=` $strides attr-dict `:` type($operand) `->` type($result)
  }];
  let hasFolder = 1;
}

def Vmapc_ConcatenateOp : Vmapc_Op<"concatenate", [Pure, InferTypeOpAdaptor]> {
  let summary = "Concatenate tensors along one dimension";
  let arguments = (ins Variadic<Vmapc_Tensor>:$inputs, I64Attr:$dimension);
  let results = (outs Vmapc_Tensor:$result);
  let assemblyFormat = [{
    $inputs `dim` `=` $dimension attr-dict `:`
    `(` type($inputs) `)` `->` type($result)
  }];
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Indexing by runtime indices
//===----------------------------------------------------------------------===//

def Vmapc_DynamicSliceOp : Vmapc_Op<"dynamic_slice", [Pure,
                                                      InferTypeOpAdaptor]> {
  let summary = "Slice of static size at runtime start indices (lax meaning)";
  let description = [{
    One rank-0 integer start index per operand dimension. As in
    `jax.lax.dynamic_slice`, each start is clamped to `[0, dim - size]` so the
    slice is always in bounds.

    ```mlir
    %s = vmapc.dynamic_slice %x[%i, %j] sizes = [2, 2]
         : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x2xf32>
    ```
  }];
  let arguments = (ins Vmapc_Tensor:$operand,
                       Variadic<Vmapc_IndexScalar>:$start_indices,
                       DenseI64ArrayAttr:$slice_sizes);
  let results = (outs Vmapc_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $start_indices `]` `sizes` `=` $slice_sizes attr-dict `:`
    functional-type(operands, results)
  }];
}

def Vmapc_GatherOp : Vmapc_Op<"gather", [Pure, InferTypeOpAdaptor]> {
  let summary = "Take elements along an axis at runtime indices";
  let description = [{
    `jnp.take(operand, indices, axis)` generalized with `batch_dims` (as
    `tf.gather`): the first `batch_dims` dimensions of operand and indices are
    paired, and for each of them the take happens independently. The result
    shape is `operand.shape[:axis] + indices.shape[batch_dims:] +
    operand.shape[axis+1:]`. Out-of-range indices are clamped into
    `[0, operand.shape[axis] - 1]` (`mode="clip"`). This form is closed under
    batching: a vmapped gather is again a gather with one more batch dim.

    ```mlir
    %g = vmapc.gather %table[%idx] axis = 0 batch_dims = 0
         : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
    ```
  }];
  let arguments = (ins Vmapc_Tensor:$operand, Vmapc_IndexTensor:$indices,
                       I64Attr:$axis,
                       DefaultValuedAttr<I64Attr, "0">:$batch_dims);
  let results = (outs Vmapc_Tensor:$result);
  let assemblyFormat = [{
    $operand `[` $indices `]` `axis` `=` $axis `batch_dims` `=` $batch_dims
    attr-dict `:` functional-type(operands, results)
  }];
}

//===----------------------------------------------------------------------===//
// Small linear algebra on the trailing two dims (leading dims are a batch)
//===----------------------------------------------------------------------===//

def Vmapc_CholeskyOp : Vmapc_Op<"cholesky", [Pure, SameOperandsAndResultType,
                                             InferTypeOpInterface]> {
  let summary = "Lower Cholesky factor L with A = L L^T";
  let description = [{
    For a symmetric positive definite A[..., n, n]. Only the lower triangle
    of A is read; the strict upper triangle of the result is zero. A matrix
    that is not positive definite gives NaNs (as `jnp.linalg.cholesky`).
  }];
  let arguments = (ins Vmapc_FloatTensor:$operand);
  let results = (outs Vmapc_FloatTensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Vmapc_InvOp : Vmapc_Op<"inv", [Pure, SameOperandsAndResultType,
                                   InferTypeOpInterface]> {
  let summary = "Matrix inverse (LU with partial pivoting)";
  let arguments = (ins Vmapc_FloatTensor:$operand);
  let results = (outs Vmapc_FloatTensor:$result);
  let assemblyFormat = "$operand attr-dict `:` type($result)";
  let hasVerifier = 1;
}

def Vmapc_DetOp : Vmapc_Op<"det", [Pure, InferTypeOpAdaptor]> {
  let summary = "Matrix determinant (LU with partial pivoting)";
  let arguments = (ins Vmapc_FloatTensor:$operand);
  let results = (outs Vmapc_FloatTensor:$result);
  let assemblyFormat = [{
    $operand attr-dict `:` type($operand) `->` type($result)
  }];
}

def Vmapc_TriangularSolveOp : Vmapc_Op<"triangular_solve", [Pure,
    InferTypeOpAdaptor]> {
  let summary = "Solve op(A) X = B (left_side) or X op(A) = B";
  let description = [{
    A[..., n, n] is lower (`lower = true`) or upper triangular; only that
    triangle is read. B is [..., n, m] for a left-side solve and [..., m, n]
    for a right-side one; the leading dims of A and B are equal. With
    `transpose_a`, op(A) = A^T. The result has B's type.
  }];
  let arguments = (ins Vmapc_FloatTensor:$a, Vmapc_FloatTensor:$b,
                       DefaultValuedAttr<BoolAttr, "true">:$lower,
                       DefaultValuedAttr<BoolAttr, "true">:$left_side,
                       DefaultValuedAttr<BoolAttr, "false">:$transpose_a);
  let results = (outs Vmapc_FloatTensor:$result);
  let assemblyFormat = [{
    $a `,` $b attr-dict `:` type($a) `,` type($b)
  }];
}

//===----------------------------------------------------------------------===//
// vmap
//===----------------------------------------------------------------------===//

def Vmapc_VmapOp : Vmapc_Op<"vmap", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Map a function over an axis of its operands (jax.vmap)";
  let description = [{
    Calls `callee` once per slice of the mapped axis and stacks the results.
    `in_axes[i]` is the mapped axis of operand i (negative counts from the
    end) or `none` (the operand is passed whole to every call). `out_axes[j]`
    is where result j's batch axis goes, or `none` (result j must not depend
    on mapped inputs). `axis_size` is required when no operand is mapped.
    The generic form stores the axes as ArrayAttrs of i64 or unit.

    `chunk_size` (optional, positive) runs the batched callee over chunks
    of that many elements of the mapped axis, one after another, plus a
    tail (torch.func.vmap's `chunk_size`, jax.lax.map's `batch_size`): the
    temporaries of one call are those of one chunk. With `parallel` the
    chunks run on all cores (an `scf.forall` lowered to OpenMP). A chunked
    vmap may have a dynamic batch size: its mapped axes (and the batch axes
    of its mapped results) may then be `?`, and the one compiled kernel
    serves every size. Lanes never interact, so chunking changes no bit of
    the results.

    `axis_name` (jax.vmap's `axis_name`) names the mapped axis for the
    collectives in the callee: `vmapc.psum %v axis_name = "i"` there is the
    sum of %v over the batch, the same in every lane.

    ```mlir
    %r = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0]
         chunk_size = 256 parallel
         : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
    ```

    ```mlir
    %r = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0]
         : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee,
                       Variadic<Vmapc_BatchTensor>:$operands,
                       ArrayAttr:$in_axes, ArrayAttr:$out_axes,
                       OptionalAttr<I64Attr>:$axis_size,
                       OptionalAttr<I64Attr>:$chunk_size,
                       UnitAttr:$parallel,
                       OptionalAttr<StrAttr>:$axis_name);
  let results = (outs Variadic<Vmapc_BatchTensor>:$results);
  let assemblyFormat = [{
    $callee `(` $operands `)` `in_axes` custom<AxisList>($in_axes)
    `out_axes` custom<AxisList>($out_axes)
    (`axis_size` `=` $axis_size^)? (`chunk_size` `=` $chunk_size^)?
    (`parallel` $parallel^)? (`axis_name` `=` $axis_name^)? attr-dict `:`
    functional-type($operands, $results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The mapped axis of operand `i`, normalized to be non-negative, or
    /// std::nullopt when the operand is not mapped.
    std::optional<int64_t> getInAxis(unsigned i);
    /// Where result `i`'s batch axis goes, normalized to be non-negative, or
    /// std::nullopt for `none`.
    std::optional<int64_t> getOutAxis(unsigned i);
    /// The batch size, from `axis_size` or from the first mapped operand;
    /// ShapedType::kDynamic when the mapped axes are dynamic.
    int64_t getBatchSize();
  }];
}

// fori_loop, scan, while, cond and their terminator.
include "VmapcControlFlowOps.td"

// pmap and the collectives over named axes.
include "VmapcCollectiveOps.td"

#endif // VMAPC_OPS_TD
