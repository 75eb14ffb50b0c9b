// RUN: vmapc-opt --vmapc-batch --split-input-file %s | FileCheck %s

// A chunked vmap inside a function that another vmap batches is batched as
// a nested vmap (its chunk_size and parallel have no effect there), so the
// outer chunk loop calls one batched copy of both levels. The inner vmap's
// own chunk loop is built only in the original @outer, for its unbatched
// uses. (Expanding the inner vmap first used to leave an scf.forall in
// @outer that batching it then rejected: "'scf.forall' op has no batching
// rule".)

// CHECK-LABEL: func.func private @outer(
// CHECK:         scf.forall
// CHECK:           func.call @inner_batched_0__2({{.*}}) : (tensor<2x3xf32>)
// CHECK-LABEL: func.func private @outer_batched_0__4(
// CHECK-NOT:     scf.
// CHECK:         call @inner_batched_0__5_batched_0__4({{.*}}) : (tensor<4x5x3xf32>)
// CHECK-LABEL: func.func @main(
// CHECK:         scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// CHECK:           func.call @outer_batched_0__4({{.*}}) : (tensor<4x5x3xf32>)
func.func private @inner(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = vmapc.mul %x, %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func private @outer(%x: tensor<5x3xf32>) -> tensor<5x3xf32> {
  %0 = vmapc.vmap @inner(%x) in_axes [0] out_axes [0] chunk_size = 2 parallel
       : (tensor<5x3xf32>) -> tensor<5x3xf32>
  return %0 : tensor<5x3xf32>
}
func.func @main(%x: tensor<8x5x3xf32>) -> tensor<8x5x3xf32> {
  %0 = vmapc.vmap @outer(%x) in_axes [0] out_axes [0] chunk_size = 4
       : (tensor<8x5x3xf32>) -> tensor<8x5x3xf32>
  return %0 : tensor<8x5x3xf32>
}

// -----

// A mapped value with a size-0 dim has nothing to split: the vmap becomes
// one call, no chunk loop (tensor.extract_slice rejects offsets into a
// size-0 dim, so a loop would not even verify).

// CHECK-LABEL: func.func @empty(
// CHECK-NOT:     scf.for
// CHECK-NOT:     tensor.extract_slice
// CHECK:         call @body_batched_0__3({{.*}}) : (tensor<3x4x0xf32>)
func.func private @body(%x: tensor<4x0xf32>) -> tensor<4x0xf32> {
  %0 = vmapc.constant dense<0.5> : tensor<4x0xf32>
  return %0 : tensor<4x0xf32>
}
func.func @empty(%x: tensor<3x4x0xf32>) -> tensor<4x3x0xf32> {
  %0 = vmapc.vmap @body(%x) in_axes [0] out_axes [1] chunk_size = 2
       : (tensor<3x4x0xf32>) -> tensor<4x3x0xf32>
  return %0 : tensor<4x3x0xf32>
}
