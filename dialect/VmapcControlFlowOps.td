//===- VmapcControlFlowOps.td - Structured control flow ----*- tablegen -*-===//
//
// Loops and branches with jax.lax meaning: fori_loop, scan, while and cond
// (with lax.switch as its integer-index form). Every op carries values
// through single-block regions terminated by `vmapc.yield`; regions may use
// values defined above them (a traced lambda closes over its environment),
// which the batching pass handles like any other operand.
//
// Included from VmapcOps.td, so the ops are part of the same op list.
//
//===----------------------------------------------------------------------===//

#ifndef VMAPC_CONTROL_FLOW_OPS_TD
#define VMAPC_CONTROL_FLOW_OPS_TD

def Vmapc_YieldOp : Vmapc_Op<"yield", [Pure, Terminator, ParentOneOf<["ForiLoopOp",
    "ScanOp", "WhileOp", "CondOp"]>]> {
  let summary = "Ends a region of a control-flow op, yielding its values";
  let description = [{
    What the values mean depends on the region: the new carried values
    (fori_loop, while body), the carried values then one per-step output each
    (scan), the continue predicate (while cond) or the branch's results
    (cond). The parent op's verifier checks the types.
  }];
  let arguments = (ins Variadic<Vmapc_Tensor>:$values);
  let builders = [OpBuilder<(ins), [{ build($_builder, $_state, {}); }]>];
  let assemblyFormat = "attr-dict ($values^ `:` type($values))?";
}

def Vmapc_ForiLoopOp : Vmapc_Op<"fori_loop", [RecursiveMemoryEffects]> {
  let summary = "Counted loop over carried values (jax.lax.fori_loop)";
  let description = [{
    Runs the body for i = lower, lower + 1, ..., upper - 1 (no iteration
    when upper <= lower), threading the carried values: the body's block
    arguments are the index (a rank-0 tensor of the bounds' type) and the
    carried values, and it yields the next carried values. The results are
    the carried values after the last iteration (the initial values when
    there is none). The bounds are rank-0 i32 or i64 tensors of one type,
    so they may be computed at run time, as in JAX.

    ```mlir
    %r = vmapc.fori_loop %i = %lo to %hi : tensor<i32>
           iter_args(%x = %x0) -> (tensor<f32>) {
      %y = vmapc.add %x, %x : tensor<f32>
      vmapc.yield %y : tensor<f32>
    }
    ```
  }];
  let arguments = (ins Vmapc_IndexScalar:$lower, Vmapc_IndexScalar:$upper,
                       Variadic<Vmapc_Tensor>:$inits);
  let results = (outs Variadic<Vmapc_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let hasCanonicalizeMethod = 1;
  let extraClassDeclaration = [{
    /// The body's index argument.
    ::mlir::BlockArgument getIndexArgument() {
      return getBody().front().getArgument(0);
    }
    /// The body's carried-value arguments.
    ::mlir::Block::BlockArgListType getCarriedArguments() {
      return getBody().front().getArguments().drop_front();
    }
  }];
}

def Vmapc_ScanOp : Vmapc_Op<"scan", [RecursiveMemoryEffects,
                                     AttrSizedOperandSegments]> {
  let summary = "Loop with per-step inputs and stacked outputs (lax.scan)";
  let description = [{
    `length` steps. Step t sees the carried values and slice t (along the
    leading axis) of each `xs` operand, and yields the next carried values
    followed by one per-step output each. The results are the final carried
    values followed by the per-step outputs stacked on a new leading axis of
    size `length`. Every `xs` operand has `length` as its leading dimension;
    with no `xs`, `length` alone sets the trip count.

    ```mlir
    %c, %ys = vmapc.scan (%c = %c0) xs(%x = %xs) length = 5
        : (tensor<f32>), (tensor<5xf32>) -> (tensor<5xf32>) {
      %n = vmapc.add %c, %x : tensor<f32>
      vmapc.yield %n, %n : tensor<f32>, tensor<f32>
    }
    ```
  }];
  let arguments = (ins Variadic<Vmapc_Tensor>:$inits,
                       Variadic<Vmapc_Tensor>:$xs, I64Attr:$length);
  let results = (outs Variadic<Vmapc_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    unsigned getNumCarried() { return getInits().size(); }
    /// The final carried values.
    ::mlir::ResultRange getCarryResults() {
      return getResults().take_front(getNumCarried());
    }
    /// The stacked per-step outputs.
    ::mlir::ResultRange getStackedResults() {
      return getResults().drop_front(getNumCarried());
    }
  }];
}

def Vmapc_WhileOp : Vmapc_Op<"while", [RecursiveMemoryEffects]> {
  let summary = "Loop while a predicate holds (jax.lax.while_loop)";
  let description = [{
    While the `cond` region, applied to the carried values, yields true (a
    `tensor<i1>`), the `body` region maps the carried values to the next
    ones. The results are the carried values when `cond` first yields false.
    Both regions take the carried values as block arguments.

    ```mlir
    %r = vmapc.while (%x = %x0) : (tensor<f32>) cond {
      %p = vmapc.compare lt, %x, %limit : tensor<f32>
      vmapc.yield %p : tensor<i1>
    } do {
    ^bb0(%x1: tensor<f32>):
      %y = vmapc.add %x1, %x1 : tensor<f32>
      vmapc.yield %y : tensor<f32>
    }
    ```
  }];
  let arguments = (ins Variadic<Vmapc_Tensor>:$inits);
  let results = (outs Variadic<Vmapc_Tensor>:$results);
  let regions = (region SizedRegion<1>:$cond, SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let hasCanonicalizeMethod = 1;
}

def Vmapc_CondOp : Vmapc_Op<"cond", [RecursiveMemoryEffects]> {
  let summary = "Branch on a predicate or an index (lax.cond / lax.switch)";
  let description = [{
    With a `tensor<i1>` predicate there are exactly two branches, the first
    taken when the predicate is true (`jax.lax.cond(p, true_fn, false_fn)`).
    With a rank-0 i32/i64 index there are one or more branches and branch
    `clamp(index, 0, n - 1)` is taken (`jax.lax.switch`). Branches take no
    arguments (they use values from above) and each yields the results.

    ```mlir
    %r = vmapc.cond %p -> (tensor<f32>) {
      vmapc.yield %a : tensor<f32>
    } else {
      vmapc.yield %b : tensor<f32>
    }
    %s = vmapc.cond %i : tensor<i32> -> (tensor<f32>)
        case 0 { vmapc.yield %a : tensor<f32> }
        case 1 { vmapc.yield %b : tensor<f32> }
    ```
  }];
  let arguments = (ins AnyTypeOf<[0DTensorOf<[I1]>, Vmapc_IndexScalar]>:$pred);
  let results = (outs Variadic<Vmapc_Tensor>:$results);
  let regions = (region VariadicRegion<SizedRegion<1>>:$branches);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let hasCanonicalizeMethod = 1;
  let extraClassDeclaration = [{
    /// Whether the selector is an i1 predicate (lax.cond) rather than an
    /// integer index (lax.switch).
    bool isPredicate() {
      return ::llvm::cast<::mlir::RankedTensorType>(getPred().getType())
          .getElementType().isInteger(1);
    }
  }];
}

#endif // VMAPC_CONTROL_FLOW_OPS_TD
