//===- VmapcCollectiveOps.td - pmap and collectives --------*- tablegen -*-===//
//
// jax.pmap and the collectives over a named mapped axis (psum, pmean, pmax,
// all_gather). Under vmap a collective over the vmap's own axis is a
// reduction over the batch (batching rules in
// dialect/Batching/CollectiveRules.cpp); under pmap it also crosses the
// ranks, through upstream's shard dialect and MPI (--vmapc-lower-pmap).
//
//===----------------------------------------------------------------------===//

#ifndef VMAPC_COLLECTIVE_OPS_TD
#define VMAPC_COLLECTIVE_OPS_TD

def Vmapc_PmapOp : Vmapc_Op<"pmap", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Map a function over an axis split across MPI ranks (jax.pmap)";
  let description = [{
    vmap's meaning (`in_axes`, `out_axes`, `callee`), with the mapped axis
    split across the ranks of the MPI job: with R ranks and N examples,
    rank r runs the batched callee on examples [r N/R, (r+1) N/R) of the
    inputs every rank holds, and every rank gets the whole result (rank 0's
    is the one to report). N must be a multiple of R. `axis_name` names the
    axis for the collectives in the callee, which then reduce or gather over
    all N examples across the ranks. On one rank it is vmap.

    ```mlir
    %y = vmapc.pmap @f(%x, %w) in_axes [0, none] out_axes [0]
         axis_name = "i"
         : (tensor<64x3xf32>, tensor<3x2xf32>) -> tensor<64x2xf32>
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$callee,
                       Variadic<Vmapc_BatchTensor>:$operands,
                       ArrayAttr:$in_axes, ArrayAttr:$out_axes,
                       StrAttr:$axis_name);
  let results = (outs Variadic<Vmapc_BatchTensor>:$results);
  let assemblyFormat = [{
    $callee `(` $operands `)` `in_axes` custom<AxisList>($in_axes)
    `out_axes` custom<AxisList>($out_axes) `axis_name` `=` $axis_name
    attr-dict `:` functional-type($operands, $results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// As VmapOp's.
    std::optional<int64_t> getInAxis(unsigned i);
    std::optional<int64_t> getOutAxis(unsigned i);
    int64_t getBatchSize();
  }];
}

class Vmapc_AxisReduceOp<string mnemonic, string what>
    : Vmapc_Op<mnemonic, [Pure, SameOperandsAndResultType]> {
  let summary = "The " # what # " of a value over a named mapped axis";
  let description = [{
    Inside a function that a vmap or pmap with this `axis_name` maps (or a
    function they call), the }] # what # [{ of `operand` over all the
    examples of that axis, the same in every example (JAX's `lax.}] #
    mnemonic # [{`). Left outside any such map, it is an error of the
    batching pass.
  }];
  let arguments = (ins Vmapc_NumericTensor:$operand, StrAttr:$axis_name);
  let results = (outs Vmapc_NumericTensor:$result);
  let assemblyFormat = [{
    $operand `axis_name` `=` $axis_name attr-dict `:` type($operand)
  }];
}

def Vmapc_PsumOp : Vmapc_AxisReduceOp<"psum", "sum">;
def Vmapc_PmeanOp : Vmapc_AxisReduceOp<"pmean", "mean">;
def Vmapc_PmaxOp : Vmapc_AxisReduceOp<"pmax", "maximum">;

def Vmapc_AllGatherOp : Vmapc_Op<"all_gather", [Pure]> {
  let summary = "Stack a value of every example of a named axis (lax.all_gather)";
  let description = [{
    The values of `operand` in all the examples of the axis `axis_name`,
    stacked on a new leading axis whose size is the axis size, the same in
    every example.

    ```mlir
    %all = vmapc.all_gather %v axis_name = "i" : tensor<3xf32> -> tensor<8x3xf32>
    ```
  }];
  let arguments = (ins Vmapc_NumericTensor:$operand, StrAttr:$axis_name);
  let results = (outs Vmapc_NumericTensor:$result);
  let assemblyFormat = [{
    $operand `axis_name` `=` $axis_name attr-dict `:` type($operand) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

#endif // VMAPC_COLLECTIVE_OPS_TD
