//===- Passes.td - vmapc transformation passes -------------*- tablegen -*-===//
//
// The passes of lib/Transforms. `--vmapc-batch` is JAX's vmap made an MLIR
// pass: it removes every `vmapc.vmap` by building batched copies of callees.
//
//===----------------------------------------------------------------------===//

#ifndef VMAPC_TRANSFORMS_PASSES_TD
#define VMAPC_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def VmapcBatch : Pass<"vmapc-batch", "::mlir::ModuleOp"> {
  let summary = "Remove every vmapc.vmap by batching its callee";
  let description = [{
    For each `vmapc.vmap`, builds a batched copy of the callee by applying
    each op's batching rule (`BatchingOpInterface`), then replaces the vmap by
    a `func.call` of that copy, moving each result's batch axis to its
    `out_axes` entry (one transpose, and only when it is elsewhere).

    Values that depend on no mapped input stay unbatched (JAX's
    `not_mapped`): below, `%w` is not mapped, so the batched copy does one
    matrix product of the whole batch with `%w`, with no broadcast of `%w`.
    Batched copies are memoized per (callee, batch dims of the arguments,
    batch size) and shared by every vmap and call that needs them; their name
    lists the argument batch dims and the size. Nested vmaps and calls inside
    a batched function are batched recursively.

    Before:
    ```mlir
    func.func @f(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> tensor<2xf32> {
      %y = vmapc.dot_general %x, %w, batching_dims = [] x [],
             contracting_dims = [0] x [0]
           : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
      return %y : tensor<2xf32>
    }
    func.func @main(%xs: tensor<8x3xf32>, %w: tensor<3x2xf32>)
        -> tensor<8x2xf32> {
      %r = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0]
           : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
      return %r : tensor<8x2xf32>
    }
    ```

    After:
    ```mlir
    func.func @f_batched_0_none__8(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>)
        -> tensor<8x2xf32> {
      %y = vmapc.dot_general %x, %w, batching_dims = [] x [],
             contracting_dims = [1] x [0]
           : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
      return %y : tensor<8x2xf32>
    }
    func.func @main(%xs: tensor<8x3xf32>, %w: tensor<3x2xf32>)
        -> tensor<8x2xf32> {
      %r = call @f_batched_0_none__8(%xs, %w)
           : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
      return %r : tensor<8x2xf32>
    }
    ```

    Errors (located diagnostics, pass failure): an op without a batching
    rule (the diagnostic names it), `out_axes = none` on a result that
    depends on a mapped input, recursion through a batched function, and
    functions that cannot be batched (external or multi-block callees).
  }];
  let dependentDialects = ["::vmapc::VmapcDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // VMAPC_TRANSFORMS_PASSES_TD
