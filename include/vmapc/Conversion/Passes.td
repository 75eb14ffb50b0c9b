//===- Passes.td - vmapc conversion passes -----------------*- tablegen -*-===//
//
// Conversions out of the vmapc dialect.
//
//===----------------------------------------------------------------------===//

#ifndef VMAPC_CONVERSION_PASSES_TD
#define VMAPC_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertVmapcToLinalg : Pass<"convert-vmapc-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower vmapc ops to linalg, tensor, arith, math and scf";
  let description = [{
    Every vmapc op except `vmapc.vmap` becomes ops on builtin tensors: named
    linalg ops where they exist (matmul, batch_matmul, matvec, vecmat, dot,
    reduce, broadcast, transpose, fill), `linalg.generic` for elementwise
    ops, iota and gather, tensor ops for shape manipulation, and `scf.for`
    loops over tensors for the small linear-algebra ops (cholesky, inv, det,
    triangular_solve), and scf.for / scf.while / scf.if / scf.index_switch
    for fori_loop, scan, while and cond. A `vmapc.vmap` left in the module is
    an error: run `--vmapc-batch` first.

    ```mlir
    %0 = vmapc.add %a, %b : tensor<4xf32>
    ```
    becomes
    ```mlir
    %e = tensor.empty() : tensor<4xf32>
    %0 = linalg.generic {indexing_maps = [#id, #id, #id],
                         iterator_types = ["parallel"]}
        ins(%a, %b : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) {
      ^bb0(%x: f32, %y: f32, %o: f32):
        %s = arith.addf %x, %y : f32
        linalg.yield %s : f32
    } -> tensor<4xf32>
    ```
  }];
  let dependentDialects = [
    "mlir::arith::ArithDialect", "mlir::linalg::LinalgDialect",
    "mlir::math::MathDialect", "mlir::scf::SCFDialect",
    "mlir::tensor::TensorDialect"
  ];
}

#endif // VMAPC_CONVERSION_PASSES_TD
