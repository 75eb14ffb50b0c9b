// RUN: vmapc-opt --vmapc-chunk-time-loops --vmapc-batch --canonicalize %s | FileCheck %s
// RUN: vmapc-difftest --check %s --input-seed=4 | FileCheck %s --check-prefix=NUM

// A vmap whose function loops over time (fori_loop, here through a call) and
// that has no chunk_size runs in chunks of 64 examples: the time loop is
// inside each chunk, whose state stays in the caches for all its steps. A
// vmap without a loop and one over at most two chunks are batched as
// written (a chunk_size of its own: chunk-time-loops-own-chunk.mlir).

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

// CHECK-LABEL: func.func @looping(
// CHECK:         scf.for %{{.+}} = %c0 to %c1088 step %c64
// CHECK:           func.call @simulate_batched_0_0__64(
// CHECK-NOT:     scf.for
// CHECK:         return
func.func @looping(%x: tensor<1100xf32>, %a: tensor<1100xf32>) -> tensor<1100xf32>
    attributes {difftest.rtol = [1.0e-6]} {
  %r = vmapc.vmap @simulate(%x, %a) in_axes [0, 0] out_axes [0]
       : (tensor<1100xf32>, tensor<1100xf32>) -> tensor<1100xf32>
  return %r : tensor<1100xf32>
}

// CHECK-LABEL: func.func @no_loop(
// CHECK-NOT:     scf.for
// CHECK:         call @once_batched_0_0__1100(
func.func @no_loop(%x: tensor<1100xf32>, %a: tensor<1100xf32>) -> tensor<1100xf32> {
  %r = vmapc.vmap @once(%x, %a) in_axes [0, 0] out_axes [0]
       : (tensor<1100xf32>, tensor<1100xf32>) -> tensor<1100xf32>
  return %r : tensor<1100xf32>
}

// CHECK-LABEL: func.func @small(
// CHECK-NOT:     scf.for
// CHECK:         call @simulate_batched_0_0__128(
func.func @small(%x: tensor<128xf32>, %a: tensor<128xf32>) -> tensor<128xf32> {
  %r = vmapc.vmap @simulate(%x, %a) in_axes [0, 0] out_axes [0]
       : (tensor<128xf32>, tensor<128xf32>) -> tensor<128xf32>
  return %r : tensor<128xf32>
}

// NUM: vmapc-difftest: 3 function(s) pass
