// RUN: vmapc-opt %s | vmapc-opt | FileCheck %s
// RUN: vmapc-opt %s --mlir-print-op-generic | vmapc-opt | FileCheck %s
// RUN: vmapc-opt %s --emit-bytecode | vmapc-opt | FileCheck %s
// RUN: vmapc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// vmapc.vmap's chunk_size and parallel in the pretty form: parse, print,
// parse again (also through the generic form and bytecode), with a `?`
// batch size on the mapped axes. The GENERIC prefix checks the attributes'
// storage (chunk_size an i64, parallel a unit attribute, absent when not
// given).

func.func @f(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> tensor<2xf32> {
  %0 = vmapc.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [0] x [0]
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

func.func @g() -> tensor<f32> {
  %0 = vmapc.constant dense<1.0> : tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @vmap_chunk
// CHECK-SAME: (%[[X:.*]]: tensor<10x3xf32>, %[[D:.*]]: tensor<?x3xf32>, %[[Y:.*]]: tensor<3x?xf32>, %[[W:.*]]: tensor<3x2xf32>)
// GENERIC-LABEL: sym_name = "vmap_chunk"
func.func @vmap_chunk(%x: tensor<10x3xf32>, %d: tensor<?x3xf32>, %y: tensor<3x?xf32>, %w: tensor<3x2xf32>)
    -> (tensor<10x2xf32>, tensor<10x2xf32>, tensor<?x2xf32>, tensor<2x?xf32>, tensor<6xf32>, tensor<f32>) {
  // CHECK: vmapc.vmap @f(%[[X]], %[[W]]) in_axes [0, none] out_axes [0] chunk_size = 4 : (tensor<10x3xf32>, tensor<3x2xf32>) -> tensor<10x2xf32>
  // GENERIC: "vmapc.vmap"(%{{.*}}, %{{.*}}) <{callee = @f, chunk_size = 4 : i64, in_axes = [0, unit], out_axes = [0]}> : (tensor<10x3xf32>, tensor<3x2xf32>) -> tensor<10x2xf32>
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] chunk_size = 4
       : (tensor<10x3xf32>, tensor<3x2xf32>) -> tensor<10x2xf32>
  // CHECK: vmapc.vmap @f(%[[X]], %[[W]]) in_axes [0, none] out_axes [0] chunk_size = 4 parallel : (tensor<10x3xf32>, tensor<3x2xf32>) -> tensor<10x2xf32>
  // GENERIC: "vmapc.vmap"(%{{.*}}, %{{.*}}) <{callee = @f, chunk_size = 4 : i64, in_axes = [0, unit], out_axes = [0], parallel}> : (tensor<10x3xf32>, tensor<3x2xf32>) -> tensor<10x2xf32>
  %1 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] chunk_size = 4 parallel
       : (tensor<10x3xf32>, tensor<3x2xf32>) -> tensor<10x2xf32>
  // CHECK: vmapc.vmap @f(%[[D]], %[[W]]) in_axes [0, none] out_axes [0] chunk_size = 8 parallel : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  // GENERIC: "vmapc.vmap"(%{{.*}}, %{{.*}}) <{callee = @f, chunk_size = 8 : i64, in_axes = [0, unit], out_axes = [0], parallel}> : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  %2 = vmapc.vmap @f(%d, %w) in_axes [0, none] out_axes [0] chunk_size = 8 parallel
       : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  // CHECK: vmapc.vmap @f(%[[Y]], %[[W]]) in_axes [-1, none] out_axes [-1] chunk_size = 1 : (tensor<3x?xf32>, tensor<3x2xf32>) -> tensor<2x?xf32>
  // GENERIC: "vmapc.vmap"(%{{.*}}, %{{.*}}) <{callee = @f, chunk_size = 1 : i64, in_axes = [-1, unit], out_axes = [-1]}> : (tensor<3x?xf32>, tensor<3x2xf32>) -> tensor<2x?xf32>
  %3 = vmapc.vmap @f(%y, %w) in_axes [-1, none] out_axes [-1] chunk_size = 1
       : (tensor<3x?xf32>, tensor<3x2xf32>) -> tensor<2x?xf32>
  // axis_size comes before chunk_size.
  // CHECK: vmapc.vmap @g() in_axes [] out_axes [0] axis_size = 6 chunk_size = 4 parallel : () -> tensor<6xf32>
  // GENERIC: "vmapc.vmap"() <{axis_size = 6 : i64, callee = @g, chunk_size = 4 : i64, in_axes = [], out_axes = [0], parallel}> : () -> tensor<6xf32>
  %4 = vmapc.vmap @g() in_axes [] out_axes [0] axis_size = 6 chunk_size = 4 parallel : () -> tensor<6xf32>
  // CHECK: vmapc.vmap @g() in_axes [] out_axes [none] axis_size = 6 chunk_size = 4 : () -> tensor<f32>
  // GENERIC: "vmapc.vmap"() <{axis_size = 6 : i64, callee = @g, chunk_size = 4 : i64, in_axes = [], out_axes = [unit]}> : () -> tensor<f32>
  %5 = vmapc.vmap @g() in_axes [] out_axes [none] axis_size = 6 chunk_size = 4 : () -> tensor<f32>
  return %0, %1, %2, %3, %4, %5 : tensor<10x2xf32>, tensor<10x2xf32>, tensor<?x2xf32>, tensor<2x?xf32>, tensor<6xf32>, tensor<f32>
}

// An unchunked vmap prints neither attribute.
// CHECK-LABEL: func.func @vmap_plain
// CHECK: vmapc.vmap @f(%{{.*}}, %{{.*}}) in_axes [0, none] out_axes [0] : (tensor<10x3xf32>, tensor<3x2xf32>) -> tensor<10x2xf32>
// GENERIC-LABEL: sym_name = "vmap_plain"
// GENERIC: "vmapc.vmap"(%{{.*}}, %{{.*}}) <{callee = @f, in_axes = [0, unit], out_axes = [0]}> : (tensor<10x3xf32>, tensor<3x2xf32>) -> tensor<10x2xf32>
func.func @vmap_plain(%x: tensor<10x3xf32>, %w: tensor<3x2xf32>) -> tensor<10x2xf32> {
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0]
       : (tensor<10x3xf32>, tensor<3x2xf32>) -> tensor<10x2xf32>
  return %0 : tensor<10x2xf32>
}
