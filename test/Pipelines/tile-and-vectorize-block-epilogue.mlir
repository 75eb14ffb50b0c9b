// vmapc-tile-and-vectorize runs the elementwise consumer of a register block
// (the relu of relu(x W1) W2) on each 8x32 block as soon as its sum is done,
// with the block's zero fill fused too: the accumulators go from zero to
// relu in registers, instead of a zeroed [8, 256] tile before and a
// [8, 256] relu after (128 zmm live at once, spilled).
// RUN: vmapc-opt --vmapc-batch --convert-vmapc-to-linalg --inline --symbol-dce --canonicalize --cse %s \
// RUN:   | vmapc-opt --pass-pipeline='builtin.module(func.func(linalg-generalize-named-ops,vmapc-fuse-elementwise,canonicalize,cse,vmapc-tile-and-vectorize,canonicalize,cse))' \
// RUN:   | FileCheck %s
// RUN: vmapc-difftest --check %s --input-seed=5 | FileCheck %s --check-prefix=NUM

// CHECK-LABEL: func.func @nn
// CHECK: scf.for %[[ROW:.+]] = %{{.+}} to %{{.+}} step %c8
// CHECK: scf.for %[[COL:.+]] = %{{.+}} to %{{.+}} step %c32
// CHECK-NEXT: tensor.empty() : tensor<8x32xf32>
// CHECK-NEXT: vector.transfer_write %{{.+}} : vector<8x32xf32>, tensor<8x32xf32>
// CHECK: %[[SUM:.+]] = scf.for
// CHECK: vector.contract {{.+}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK: %[[BLOCK:.+]] = vector.transfer_read %[[SUM]]{{.+}} : tensor<8x32xf32>, vector<8x32xf32>
// CHECK-NEXT: arith.maximumf %[[BLOCK]], %{{.+}} : vector<8x32xf32>
// CHECK-NEXT: vector.transfer_write %{{.+}}[%c0, %[[COL]]] {{.+}} : vector<8x32xf32>, tensor<8x64xf32>
// CHECK-NOT: vector<8x64xf32>
// CHECK: vector.contract {{.+}} : vector<8x1xf32>, vector<1x10xf32> into vector<8x10xf32>
// CHECK: return

// NUM: vmapc-difftest: 1 function(s) pass
module {
  func.func @nn(%xs: tensor<64x16xf32>, %w1: tensor<16x64xf32>,
                %w2: tensor<64x10xf32>) -> tensor<64x10xf32>
      attributes {difftest.rtol = [1.0e-5]} {
    %r = vmapc.vmap @forward(%xs, %w1, %w2) in_axes [0, none, none]
           out_axes [0]
         : (tensor<64x16xf32>, tensor<16x64xf32>, tensor<64x10xf32>)
           -> tensor<64x10xf32>
    return %r : tensor<64x10xf32>
  }
  func.func private @forward(%x: tensor<16xf32>, %w1: tensor<16x64xf32>,
                             %w2: tensor<64x10xf32>) -> tensor<10xf32> {
    %h = vmapc.dot_general %x, %w1, batching_dims = [] x [],
           contracting_dims = [0] x [0]
         : (tensor<16xf32>, tensor<16x64xf32>) -> tensor<64xf32>
    %z = vmapc.constant dense<0.0> : tensor<64xf32>
    %a = vmapc.max %h, %z : tensor<64xf32>
    %y = vmapc.dot_general %a, %w2, batching_dims = [] x [],
           contracting_dims = [0] x [0]
         : (tensor<64xf32>, tensor<64x10xf32>) -> tensor<10xf32>
    return %y : tensor<10xf32>
  }
}
