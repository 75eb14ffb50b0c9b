// vmapc-tile-and-vectorize puts the points along the vector lanes when the
// rows are narrow: the vmapped 2-D Gaussian computes, per 64-point tile, the
// difference, the 2x2 mat-vec and the quadratic form on vector<2x64> (two
// zmm per coordinate), not on 64 rows of vector<2> (xmm). The mat-vec is a
// multiply plus a lane-wise reduction, not a register-blocked contraction,
// and nothing full-size is materialized. Rows of 16 (k = 16) fill the lanes
// as they are and keep the 8x32 register blocks.
// RUN: vmapc-opt --vmapc-batch --convert-vmapc-to-linalg --inline --symbol-dce --canonicalize --cse %s \
// RUN:   | vmapc-opt --pass-pipeline='builtin.module(func.func(linalg-generalize-named-ops,vmapc-fuse-elementwise,canonicalize,cse,vmapc-tile-and-vectorize,canonicalize,cse))' \
// RUN:   | FileCheck %s
// The compiled code agrees with the reference evaluator.
// RUN: vmapc-difftest --check %s --input-seed=3 | FileCheck %s --check-prefix=NUM

// CHECK-LABEL: func.func @gauss2
// CHECK: scf.for %{{.+}} = %c0 to %c1024 step %c64
// CHECK-NOT: linalg.generic
// CHECK: arith.subf %{{.+}}, %{{.+}} : vector<2x64xf32>
// CHECK: arith.mulf %{{.+}}, %{{.+}} : vector<2x2x64xf32>
// CHECK: vector.multi_reduction <add>, %{{.+}}, %{{.+}} [1] : vector<2x2x64xf32> to vector<2x64xf32>
// CHECK: arith.mulf %{{.+}}, %{{.+}} : vector<2x64xf32>
// CHECK: vector.multi_reduction <add>, %{{.+}}, %{{.+}} [0] : vector<2x64xf32> to vector<64xf32>
// CHECK: math.exp %{{.+}} : vector<64xf32>
// CHECK: vector.transfer_write %{{.+}} : vector<64xf32>, tensor<1024xf32>
// CHECK-NOT: vector.contract
// CHECK-LABEL: func.func @gauss16
// CHECK: vector.contract
// CHECK-SAME: vector<8x1xf32>
// NUM: vmapc-difftest: 2 function(s) pass

func.func private @pdf2(%x: tensor<2xf32>, %mu: tensor<2xf32>, %prec: tensor<2x2xf32>) -> tensor<f32> {
  %d = vmapc.sub %x, %mu : tensor<2xf32>
  %t = vmapc.dot_general %prec, %d, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<2x2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %p = vmapc.mul %d, %t : tensor<2xf32>
  %q = vmapc.reduce sum %p, dims = [0] : tensor<2xf32> -> tensor<f32>
  %h = vmapc.constant dense<-5.000000e-01> : tensor<f32>
  %e = vmapc.mul %q, %h : tensor<f32>
  %r = vmapc.exp %e : tensor<f32>
  return %r : tensor<f32>
}

func.func @gauss2(%x: tensor<1024x2xf32>, %mu: tensor<2xf32>, %prec: tensor<2x2xf32>) -> tensor<1024xf32> attributes {difftest.rtol = [1.0e-5], difftest.scale = [1.0]} {
  %0 = vmapc.vmap @pdf2(%x, %mu, %prec) in_axes [0, none, none] out_axes [0] : (tensor<1024x2xf32>, tensor<2xf32>, tensor<2x2xf32>) -> tensor<1024xf32>
  return %0 : tensor<1024xf32>
}

func.func private @pdf16(%x: tensor<16xf32>, %mu: tensor<16xf32>, %prec: tensor<16x16xf32>) -> tensor<f32> {
  %d = vmapc.sub %x, %mu : tensor<16xf32>
  %t = vmapc.dot_general %prec, %d, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<16x16xf32>, tensor<16xf32>) -> tensor<16xf32>
  %p = vmapc.mul %d, %t : tensor<16xf32>
  %q = vmapc.reduce sum %p, dims = [0] : tensor<16xf32> -> tensor<f32>
  %h = vmapc.constant dense<-5.000000e-01> : tensor<f32>
  %e = vmapc.mul %q, %h : tensor<f32>
  %r = vmapc.exp %e : tensor<f32>
  return %r : tensor<f32>
}

func.func @gauss16(%x: tensor<256x16xf32>, %mu: tensor<16xf32>, %prec: tensor<16x16xf32>) -> tensor<256xf32> attributes {difftest.rtol = [1.0e-4], difftest.scale = [1.0]} {
  %0 = vmapc.vmap @pdf16(%x, %mu, %prec) in_axes [0, none, none] out_axes [0] : (tensor<256x16xf32>, tensor<16xf32>, tensor<16x16xf32>) -> tensor<256xf32>
  return %0 : tensor<256xf32>
}
