// RUN: vmapc-opt --vmapc-chunk-time-loops --vmapc-batch --canonicalize %s | FileCheck %s

// A vmap over a loop in time that has a chunk_size of its own keeps it.
// (The batched reference of vmapc-difftest does not evaluate chunk loops,
// hence a file of its own, without the numbers of chunk-time-loops.mlir.)

func.func private @step(%x: tensor<f32>, %a: tensor<f32>) -> tensor<f32> {
  %ax = vmapc.mul %a, %x : tensor<f32>
  %r = vmapc.add %x, %ax : tensor<f32>
  return %r : tensor<f32>
}
func.func private @simulate(%x0: tensor<f32>, %a: tensor<f32>) -> tensor<f32> {
  %lo = vmapc.constant dense<0> : tensor<i32>
  %hi = vmapc.constant dense<10> : tensor<i32>
  %r = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0) -> (tensor<f32>) {
    %n = func.call @step(%x, %a) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    vmapc.yield %n : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func private @once(%x: tensor<f32>, %a: tensor<f32>) -> tensor<f32> {
  %r = func.call @step(%x, %a) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}

// CHECK-LABEL: func.func @own_chunk(
// CHECK:         scf.for %{{.+}} = %c0 to %c1000 step %c500
func.func @own_chunk(%x: tensor<1100xf32>, %a: tensor<1100xf32>) -> tensor<1100xf32> {
  %r = vmapc.vmap @simulate(%x, %a) in_axes [0, 0] out_axes [0] chunk_size = 500
       : (tensor<1100xf32>, tensor<1100xf32>) -> tensor<1100xf32>
  return %r : tensor<1100xf32>
}

