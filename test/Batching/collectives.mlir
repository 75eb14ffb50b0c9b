// RUN: vmapc-opt --vmapc-batch %s | FileCheck %s

// Collectives under vmap (jax.vmap with axis_name): over the vmap's own
// axis, psum/pmax are a reduction over the batch dim, pmean that sum times
// 1/B, all_gather the batched value itself; the result is unbatched (the
// same in every lane). Over another axis the collective stays, applied to
// the batched value, for the enclosing map of that name.

func.func private @center(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>, tensor<8x3xf32>) {
  %m = vmapc.pmean %x axis_name = "i" : tensor<3xf32>
  %d = vmapc.sub %x, %m : tensor<3xf32>
  %p = vmapc.pmax %x axis_name = "i" : tensor<3xf32>
  %g = vmapc.all_gather %x axis_name = "i" : tensor<3xf32> -> tensor<8x3xf32>
  return %d, %p, %g : tensor<3xf32>, tensor<3xf32>, tensor<8x3xf32>
}

// CHECK-LABEL: func.func private @center_batched_1__8__i(
// CHECK-SAME:      %[[X:.*]]: tensor<3x8xf32>)
// CHECK:         %[[S:.*]] = vmapc.reduce sum %[[X]], dims = [1] : tensor<3x8xf32> -> tensor<3xf32>
// CHECK:         %[[INV:.*]] = vmapc.constant dense<1.250000e-01> : tensor<3xf32>
// CHECK:         %[[M:.*]] = vmapc.mul %[[S]], %[[INV]] : tensor<3xf32>
// CHECK:         vmapc.sub
// CHECK:         vmapc.reduce max %[[X]], dims = [1] : tensor<3x8xf32> -> tensor<3xf32>
// CHECK:         vmapc.transpose %[[X]]{{.*}}tensor<3x8xf32> -> tensor<8x3xf32>
// CHECK-NOT:     vmapc.psum
// CHECK-NOT:     vmapc.pmean
// CHECK:         return

// CHECK-LABEL: func.func @main
// CHECK:         call @center_batched_1__8__i
func.func @main(%xs: tensor<3x8xf32>) -> (tensor<8x3xf32>, tensor<3xf32>, tensor<8x3xf32>) {
  %r:3 = vmapc.vmap @center(%xs) in_axes [1] out_axes [0, none, none] axis_name = "i"
       : (tensor<3x8xf32>) -> (tensor<8x3xf32>, tensor<3xf32>, tensor<8x3xf32>)
  return %r#0, %r#1, %r#2 : tensor<8x3xf32>, tensor<3xf32>, tensor<8x3xf32>
}

// Nested: psum over the outer axis "i" inside the inner vmap over "j". The
// inner batching keeps the psum (over another axis) on the [4, 2] value;
// the outer batching then sums it over the outer batch of 5.
func.func private @inner(%x: tensor<2xf32>) -> tensor<2xf32> {
  %s = vmapc.psum %x axis_name = "i" : tensor<2xf32>
  %t = vmapc.psum %x axis_name = "j" : tensor<2xf32>
  %u = vmapc.add %s, %t : tensor<2xf32>
  return %u : tensor<2xf32>
}
func.func private @outer(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %r = vmapc.vmap @inner(%x) in_axes [0] out_axes [0] axis_name = "j"
       : (tensor<4x2xf32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}
// CHECK-LABEL: func.func private @inner_batched_0__4__j_batched_0__5__i(
// CHECK-SAME:      %{{.*}}: tensor<5x4x2xf32>
// CHECK-DAG:     vmapc.reduce sum %{{.*}}, dims = [0] : tensor<5x4x2xf32> -> tensor<4x2xf32>
// CHECK-DAG:     vmapc.reduce sum %{{.*}}, dims = [{{[01]}}] : tensor<{{.*}}> -> tensor<{{.*}}>
// CHECK-NOT:     vmapc.psum
// CHECK:         return
func.func @nested(%x: tensor<5x4x2xf32>) -> tensor<5x4x2xf32> {
  %r = vmapc.vmap @outer(%x) in_axes [0] out_axes [0] axis_name = "i"
       : (tensor<5x4x2xf32>) -> tensor<5x4x2xf32>
  return %r : tensor<5x4x2xf32>
}

// A collective of a value the same in every example (an unmapped argument,
// a constant) still depends on the batch: psum is B times it, pmean and
// pmax the value, all_gather B copies.
func.func private @unmapped(%x: tensor<2xf32>, %w: tensor<2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<4x2xf32>) {
  %s = vmapc.psum %w axis_name = "i" : tensor<2xf32>
  %m = vmapc.pmean %w axis_name = "i" : tensor<2xf32>
  %g = vmapc.all_gather %w axis_name = "i" : tensor<2xf32> -> tensor<4x2xf32>
  %d = vmapc.add %x, %s : tensor<2xf32>
  return %d, %m, %g : tensor<2xf32>, tensor<2xf32>, tensor<4x2xf32>
}
// CHECK-LABEL: func.func private @unmapped_batched_0_none__4__i(
// CHECK-SAME:      %{{.*}}: tensor<4x2xf32>, %[[W:.*]]: tensor<2xf32>)
// CHECK:         %[[FOUR:.*]] = vmapc.constant dense<4.000000e+00> : tensor<2xf32>
// CHECK:         vmapc.mul %[[W]], %[[FOUR]] : tensor<2xf32>
// CHECK:         vmapc.broadcast_in_dim %[[W]]{{.*}}-> tensor<4x2xf32>
// CHECK:         return %{{.*}}, %[[W]], %{{.*}} : tensor<4x2xf32>, tensor<2xf32>, tensor<4x2xf32>
func.func @unmapped_main(%xs: tensor<4x2xf32>, %w: tensor<2xf32>) -> (tensor<4x2xf32>, tensor<2xf32>, tensor<4x2xf32>) {
  %r:3 = vmapc.vmap @unmapped(%xs, %w) in_axes [0, none] out_axes [0, none, none] axis_name = "i"
       : (tensor<4x2xf32>, tensor<2xf32>) -> (tensor<4x2xf32>, tensor<2xf32>, tensor<4x2xf32>)
  return %r#0, %r#1, %r#2 : tensor<4x2xf32>, tensor<2xf32>, tensor<4x2xf32>
}
