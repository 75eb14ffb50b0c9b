// RUN: vmapc-opt --vmapc-batch %s | FileCheck %s
// RUN: vmapc-opt --vmapc-batch %s | vmapc-opt | FileCheck %s

// Batching rules of elementwise ops: one batch dim for all operands, chosen
// where most of them already have it; unbatched operands are broadcast.

func.func @unary(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = vmapc.exp %x : tensor<3xf32>
  %1 = vmapc.tanh %0 : tensor<3xf32>
  return %1 : tensor<3xf32>
}
// CHECK-LABEL: func.func private @unary_batched_1__5(
// CHECK-SAME:    %[[X:.+]]: tensor<3x5xf32>) -> tensor<3x5xf32>
// CHECK-NEXT:    %[[E:.+]] = vmapc.exp %[[X]] : tensor<3x5xf32>
// CHECK-NEXT:    %[[T:.+]] = vmapc.tanh %[[E]] : tensor<3x5xf32>
// CHECK-NEXT:    return %[[T]]
// CHECK-LABEL: func.func @unary_main(
// CHECK:         %[[C:.+]] = call @unary_batched_1__5(%{{.+}}) : (tensor<3x5xf32>) -> tensor<3x5xf32>
// CHECK-NEXT:    return %[[C]]
func.func @unary_main(%x: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %r = vmapc.vmap @unary(%x) in_axes [1] out_axes [1] : (tensor<3x5xf32>) -> tensor<3x5xf32>
  return %r : tensor<3x5xf32>
}

// Operands batched at different dims: ONE transpose, of the second operand,
// to the first one's dim; no round trip through dim 0.
func.func @binary(%x: tensor<3xf32>, %y: tensor<3xf32>) -> tensor<3xf32> {
  %0 = vmapc.mul %x, %y : tensor<3xf32>
  return %0 : tensor<3xf32>
}
// CHECK-LABEL: func.func private @binary_batched_1_0__4(
// CHECK-SAME:    %[[X:.+]]: tensor<3x4xf32>, %[[Y:.+]]: tensor<4x3xf32>)
// CHECK-NEXT:    %[[T:.+]] = vmapc.transpose %[[Y]], permutation = [1, 0] : tensor<4x3xf32> -> tensor<3x4xf32>
// CHECK-NEXT:    %[[M:.+]] = vmapc.mul %[[X]], %[[T]] : tensor<3x4xf32>
// CHECK-NEXT:    return %[[M]] : tensor<3x4xf32>
// The result is batched at dim 1 and out_axes is 0: one transpose after the
// call.
// CHECK-LABEL: func.func @binary_main(
// CHECK:         %[[C:.+]] = call @binary_batched_1_0__4
// CHECK-NEXT:    %[[T:.+]] = vmapc.transpose %[[C]], permutation = [1, 0] : tensor<3x4xf32> -> tensor<4x3xf32>
// CHECK-NEXT:    return %[[T]]
func.func @binary_main(%x: tensor<3x4xf32>, %y: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %r = vmapc.vmap @binary(%x, %y) in_axes [1, 0] out_axes [0] : (tensor<3x4xf32>, tensor<4x3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// An unbatched operand is broadcast to the batched shape; values computed
// from unbatched operands only stay unbatched (the sub).
func.func @mixed(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<3xf32> {
  %0 = vmapc.sub %w, %w : tensor<3xf32>
  %1 = vmapc.add %x, %0 : tensor<3xf32>
  return %1 : tensor<3xf32>
}
// CHECK-LABEL: func.func private @mixed_batched_0_none__2(
// CHECK-SAME:    %[[X:.+]]: tensor<2x3xf32>, %[[W:.+]]: tensor<3xf32>)
// CHECK-NEXT:    %[[S:.+]] = vmapc.sub %[[W]], %[[W]] : tensor<3xf32>
// CHECK-NEXT:    %[[B:.+]] = vmapc.broadcast_in_dim %[[S]], dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
// CHECK-NEXT:    %[[A:.+]] = vmapc.add %[[X]], %[[B]] : tensor<2x3xf32>
// CHECK-NEXT:    return %[[A]]
func.func @mixed_main(%x: tensor<2x3xf32>, %w: tensor<3xf32>) -> tensor<2x3xf32> {
  %r = vmapc.vmap @mixed(%x, %w) in_axes [0, none] out_axes [0] : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}

// compare, select, convert; a splat constant operand is rebuilt at the
// batched type instead of being broadcast.
func.func @where(%x: tensor<3xf32>) -> tensor<3xi32> {
  %zero = vmapc.constant dense<0.0> : tensor<3xf32>
  %m = vmapc.compare lt, %x, %zero : tensor<3xf32>
  %n = vmapc.neg %x : tensor<3xf32>
  %s = vmapc.select %m, %n, %x : tensor<3xi1>, tensor<3xf32>
  %c = vmapc.convert %s : tensor<3xf32> -> tensor<3xi32>
  return %c : tensor<3xi32>
}
// CHECK-LABEL: func.func private @where_batched_0__6(
// CHECK-SAME:    %[[X:.+]]: tensor<6x3xf32>) -> tensor<6x3xi32>
// CHECK-NEXT:    %[[Z:.+]] = vmapc.constant dense<0.000000e+00> : tensor<6x3xf32>
// CHECK-NEXT:    %[[M:.+]] = vmapc.compare lt, %[[X]], %[[Z]] : tensor<6x3xf32>
// CHECK-NEXT:    %[[N:.+]] = vmapc.neg %[[X]] : tensor<6x3xf32>
// CHECK-NEXT:    %[[S:.+]] = vmapc.select %[[M]], %[[N]], %[[X]] : tensor<6x3xi1>, tensor<6x3xf32>
// CHECK-NEXT:    %[[C:.+]] = vmapc.convert %[[S]] : tensor<6x3xf32> -> tensor<6x3xi32>
// CHECK-NEXT:    return %[[C]]
func.func @where_main(%x: tensor<6x3xf32>) -> tensor<6x3xi32> {
  %r = vmapc.vmap @where(%x) in_axes [0] out_axes [0] : (tensor<6x3xf32>) -> tensor<6x3xi32>
  return %r : tensor<6x3xi32>
}

// Scalars (rank 0) batch to vectors; every binary and unary op has a rule.
func.func @scalar_ops(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = vmapc.add %a, %b : tensor<f32>
  %1 = vmapc.sub %0, %b : tensor<f32>
  %2 = vmapc.div %1, %b : tensor<f32>
  %3 = vmapc.max %2, %a : tensor<f32>
  %4 = vmapc.min %3, %b : tensor<f32>
  %5 = vmapc.pow %4, %a : tensor<f32>
  %6 = vmapc.abs %5 : tensor<f32>
  %7 = vmapc.log %6 : tensor<f32>
  %8 = vmapc.sqrt %7 : tensor<f32>
  %9 = vmapc.rsqrt %8 : tensor<f32>
  %10 = vmapc.sin %9 : tensor<f32>
  %11 = vmapc.cos %10 : tensor<f32>
  %12 = vmapc.logistic %11 : tensor<f32>
  return %12 : tensor<f32>
}
// CHECK-LABEL: func.func private @scalar_ops_batched_0_0__7(
// CHECK-SAME:    tensor<7xf32>, %{{.+}}: tensor<7xf32>) -> tensor<7xf32>
// CHECK-NEXT:    vmapc.add {{.+}} : tensor<7xf32>
// CHECK-NEXT:    vmapc.sub {{.+}} : tensor<7xf32>
// CHECK-NEXT:    vmapc.div {{.+}} : tensor<7xf32>
// CHECK-NEXT:    vmapc.max {{.+}} : tensor<7xf32>
// CHECK-NEXT:    vmapc.min {{.+}} : tensor<7xf32>
// CHECK-NEXT:    vmapc.pow {{.+}} : tensor<7xf32>
// CHECK-NEXT:    vmapc.abs {{.+}} : tensor<7xf32>
// CHECK-NEXT:    vmapc.log {{.+}} : tensor<7xf32>
// CHECK-NEXT:    vmapc.sqrt {{.+}} : tensor<7xf32>
// CHECK-NEXT:    vmapc.rsqrt {{.+}} : tensor<7xf32>
// CHECK-NEXT:    vmapc.sin {{.+}} : tensor<7xf32>
// CHECK-NEXT:    vmapc.cos {{.+}} : tensor<7xf32>
// CHECK-NEXT:    vmapc.logistic {{.+}} : tensor<7xf32>
// CHECK-NEXT:    return
func.func @scalar_ops_main(%a: tensor<7xf32>, %b: tensor<7xf32>) -> tensor<7xf32> {
  %r = vmapc.vmap @scalar_ops(%a, %b) in_axes [0, 0] out_axes [0] : (tensor<7xf32>, tensor<7xf32>) -> tensor<7xf32>
  return %r : tensor<7xf32>
}

// iota and constant depend on no input and are copied unbatched.
func.func @nullary(%x: tensor<4xi32>) -> tensor<4xi32> {
  %i = vmapc.iota dim = 0 : tensor<4xi32>
  %c = vmapc.constant dense<[1, 2, 3, 4]> : tensor<4xi32>
  %s = vmapc.mul %i, %c : tensor<4xi32>
  %r = vmapc.add %x, %s : tensor<4xi32>
  return %r : tensor<4xi32>
}
// CHECK-LABEL: func.func private @nullary_batched_0__3(
// CHECK-NEXT:    %[[I:.+]] = vmapc.iota dim = 0 : tensor<4xi32>
// CHECK-NEXT:    %[[C:.+]] = vmapc.constant dense<[1, 2, 3, 4]> : tensor<4xi32>
// CHECK-NEXT:    %[[S:.+]] = vmapc.mul %[[I]], %[[C]] : tensor<4xi32>
// CHECK-NEXT:    %[[B:.+]] = vmapc.broadcast_in_dim %[[S]], dims = [1] : tensor<4xi32> -> tensor<3x4xi32>
// CHECK-NEXT:    vmapc.add %{{.+}}, %[[B]] : tensor<3x4xi32>
func.func @nullary_main(%x: tensor<3x4xi32>) -> tensor<3x4xi32> {
  %r = vmapc.vmap @nullary(%x) in_axes [0] out_axes [0] : (tensor<3x4xi32>) -> tensor<3x4xi32>
  return %r : tensor<3x4xi32>
}
