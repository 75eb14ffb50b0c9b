// A vmapped loop runs its lanes in SIMD inside ONE loop over time: after
// batching and conversion there is a single scf.for whose body works on the
// whole batch (tensor<64xf32>), and the LLVM code of that body is vector
// arithmetic over the batch, not a loop per lane.
// RUN: vmapc-opt --vmapc-batch --convert-vmapc-to-linalg --inline --canonicalize %s | FileCheck %s --check-prefix=LOOP
// RUN: vmapc-opt --vmapc-lower-to-llvm %s | FileCheck %s --check-prefix=SIMD

// LOOP-LABEL: func.func @lv_batched(
// LOOP:         scf.for %{{.+}} = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[X:.+]] = %{{.+}}, %[[Y:.+]] = %{{.+}}) -> (tensor<64xf32>, tensor<64xf32>) {
// LOOP-NOT:       scf.for
// LOOP:           linalg.generic {{.*}} ins(%[[X]], %[[Y]] : tensor<64xf32>, tensor<64xf32>)
// LOOP-NOT:       scf.for
// LOOP:           scf.yield %{{.+}}, %{{.+}} : tensor<64xf32>, tensor<64xf32>
// LOOP-NEXT:    }
// LOOP-NOT:     scf.for
// LOOP:         return

// The loop over time is the only back edge carrying the state; its body
// multiplies and adds whole-batch vectors.
// SIMD-LABEL: llvm.func @lv_batched(
// SIMD:         llvm.fmul %{{.+}}, %{{.+}} {{.*}}: vector<64xf32>
// SIMD:         llvm.fadd %{{.+}}, %{{.+}} {{.*}}: vector<64xf32>
func.func @lv_step(%x: tensor<f32>, %y: tensor<f32>, %p: tensor<4xf32>) -> (tensor<f32>, tensor<f32>) {
  %a = vmapc.slice %p, start = [0], limit = [1], strides = [1] : tensor<4xf32> -> tensor<1xf32>
  %b = vmapc.slice %p, start = [1], limit = [2], strides = [1] : tensor<4xf32> -> tensor<1xf32>
  %g = vmapc.slice %p, start = [2], limit = [3], strides = [1] : tensor<4xf32> -> tensor<1xf32>
  %d = vmapc.slice %p, start = [3], limit = [4], strides = [1] : tensor<4xf32> -> tensor<1xf32>
  %a0 = vmapc.reshape %a : tensor<1xf32> -> tensor<f32>
  %b0 = vmapc.reshape %b : tensor<1xf32> -> tensor<f32>
  %g0 = vmapc.reshape %g : tensor<1xf32> -> tensor<f32>
  %d0 = vmapc.reshape %d : tensor<1xf32> -> tensor<f32>
  %dt = vmapc.constant dense<0.1> : tensor<f32>
  %xy = vmapc.mul %x, %y : tensor<f32>
  %ax = vmapc.mul %a0, %x : tensor<f32>
  %bxy = vmapc.mul %b0, %xy : tensor<f32>
  %dx = vmapc.sub %ax, %bxy : tensor<f32>
  %dxdt = vmapc.mul %dx, %dt : tensor<f32>
  %nx = vmapc.add %x, %dxdt : tensor<f32>
  %dxy = vmapc.mul %d0, %xy : tensor<f32>
  %gy = vmapc.mul %g0, %y : tensor<f32>
  %dy = vmapc.sub %dxy, %gy : tensor<f32>
  %dydt = vmapc.mul %dy, %dt : tensor<f32>
  %ny = vmapc.add %y, %dydt : tensor<f32>
  return %nx, %ny : tensor<f32>, tensor<f32>
}
func.func @simulate(%x0: tensor<f32>, %y0: tensor<f32>, %p: tensor<4xf32>) -> (tensor<f32>, tensor<f32>) {
  %lo = vmapc.constant dense<0> : tensor<i32>
  %hi = vmapc.constant dense<20> : tensor<i32>
  %r:2 = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0, %y = %y0) -> (tensor<f32>, tensor<f32>) {
    %nx, %ny = func.call @lv_step(%x, %y, %p) : (tensor<f32>, tensor<f32>, tensor<4xf32>) -> (tensor<f32>, tensor<f32>)
    vmapc.yield %nx, %ny : tensor<f32>, tensor<f32>
  }
  return %r#0, %r#1 : tensor<f32>, tensor<f32>
}
func.func @lv_batched(%x0: tensor<64xf32>, %y0: tensor<64xf32>, %p: tensor<64x4xf32>) -> (tensor<64xf32>, tensor<64xf32>) {
  %r:2 = vmapc.vmap @simulate(%x0, %y0, %p) in_axes [0, 0, 0] out_axes [0, 0] : (tensor<64xf32>, tensor<64xf32>, tensor<64x4xf32>) -> (tensor<64xf32>, tensor<64xf32>)
  return %r#0, %r#1 : tensor<64xf32>, tensor<64xf32>
}
