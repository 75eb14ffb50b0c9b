// Lowering a reduction over a static iteration space with more than 2^63
// points used to overflow int64 in vmapc-tile-and-vectorize while it sized
// the tiles (UBSan: signed overflow, then a crash). Sizing now saturates, so
// the pipeline lowers the module (the loop bounds are the static sizes).
// RUN: vmapc-opt --vmapc-lower-to-llvm %s | FileCheck %s
//
// Found by vmapc-fuzz-lower from the seed test/Dialect/vmapc/fold-shape.mlir.

// CHECK-LABEL: llvm.func @reduce_splat_overflow
// CHECK-DAG: llvm.mlir.constant(4611686018427387904 : index) : i64
// CHECK-DAG: llvm.mlir.constant(4 : index) : i64
// CHECK: llvm.icmp "slt"
// CHECK: llvm.fadd
func.func @reduce_splat_overflow() -> tensor<f32> {
  %c = vmapc.constant dense<1.0> : tensor<4611686018427387904x4xf32>
  %0 = vmapc.reduce sum %c, dims = [0, 1] : tensor<4611686018427387904x4xf32> -> tensor<f32>
  return %0 : tensor<f32>
}
