// vmapc-tile-and-vectorize blocks a mat-vec along its reduction: the vmapped
// `relu(x W1) . W2` computes, per 8-row tile, 16 partial sums of each row
// (an 8x16 block, one multiply-add per row and k step of 16) and adds them
// once at the end, instead of gathering one column of the 8x64 hidden tile
// per k into a vector<8>. A mat-vec whose matrix is read across k (its rows
// are the contiguous dim) keeps the rows along the lanes, and one whose k
// fills only one vector is not split.
// RUN: vmapc-opt --vmapc-batch --convert-vmapc-to-linalg --inline --symbol-dce --canonicalize --cse %s \
// RUN:   | vmapc-opt --pass-pipeline='builtin.module(func.func(linalg-generalize-named-ops,vmapc-fuse-elementwise,canonicalize,cse,vmapc-tile-and-vectorize,canonicalize,cse))' \
// RUN:   | FileCheck %s
// The compiled code agrees with the reference evaluator (up to the order of
// the sums: the tolerance is a few ulp of the magnitude of the terms).
// RUN: vmapc-difftest --check %s --input-seed=5 | FileCheck %s --check-prefix=NUM

// CHECK-LABEL: func.func @nn
// The hidden tile x W1 as 8x32 register blocks:
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// The mat-vec: 4 steps of 16 along k, multiply-adds on whole rows.
// CHECK: scf.for %{{.+}} = %c0 to %c4 step %c1 iter_args(%{{.+}} = %{{.+}}) -> (tensor<8x16xf32>)
// CHECK: arith.mulf %{{.+}}, %{{.+}} fastmath<contract> : vector<8x16xf32>
// CHECK: arith.addf %{{.+}}, %{{.+}} fastmath<contract> : vector<8x16xf32>
// CHECK: vector.multi_reduction <add>, %{{.+}}, %{{.+}} [1] : vector<8x16xf32> to vector<8xf32>
// CHECK-NOT: vector<8x1xf32>
// CHECK: return
func.func private @layer(%x: tensor<32xf32>, %w1: tensor<32x64xf32>, %w2: tensor<64xf32>) -> tensor<f32> {
  %h = vmapc.dot_general %x, %w1, batching_dims = [] x [], contracting_dims = [0] x [0] : (tensor<32xf32>, tensor<32x64xf32>) -> tensor<64xf32>
  %z = vmapc.constant dense<0.0> : tensor<64xf32>
  %r = vmapc.max %h, %z : tensor<64xf32>
  %y = vmapc.dot_general %r, %w2, batching_dims = [] x [], contracting_dims = [0] x [0] : (tensor<64xf32>, tensor<64xf32>) -> tensor<f32>
  return %y : tensor<f32>
}
func.func @nn(%X: tensor<64x32xf32>, %w1: tensor<32x64xf32>, %w2: tensor<64xf32>) -> tensor<64xf32> attributes {difftest.rtol = [1.0e-6], difftest.scale = [100.0]} {
  %y = vmapc.vmap @layer(%X, %w1, %w2) in_axes [0, none, none] out_axes [0] : (tensor<64x32xf32>, tensor<32x64xf32>, tensor<64xf32>) -> tensor<64xf32>
  return %y : tensor<64xf32>
}

// A^T v with A[64, 64]: k runs down A's columns, so each k step loads a
// contiguous row of A for 16 outputs at once; nothing is split.
// CHECK-LABEL: func.func @transposed_matvec
// CHECK-NOT: vector<8x16xf32>
// CHECK-NOT: vector.multi_reduction
// CHECK: return
func.func @transposed_matvec(%a: tensor<64x64xf32>, %v: tensor<64xf32>) -> tensor<64xf32> attributes {difftest.rtol = [1.0e-6], difftest.scale = [64.0]} {
  %y = vmapc.dot_general %a, %v, batching_dims = [] x [], contracting_dims = [0] x [0] : (tensor<64x64xf32>, tensor<64xf32>) -> tensor<64xf32>
  return %y : tensor<64xf32>
}

// k = 16 is one vector: the 8x16 block would hold a single product per lane.
// CHECK-LABEL: func.func @short_matvec
// CHECK-NOT: fastmath<contract> : vector<8x16xf32>
// CHECK: return
func.func @short_matvec(%a: tensor<64x16xf32>, %v: tensor<16xf32>) -> tensor<64xf32> attributes {difftest.rtol = [1.0e-6], difftest.scale = [16.0]} {
  %y = vmapc.dot_general %a, %v, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<64x16xf32>, tensor<16xf32>) -> tensor<64xf32>
  return %y : tensor<64xf32>
}

// A v with 64 rows of A (W6's dot(W, fired)): tiled to 8-row blocks first,
// each then split along k like the 8-row mat-vec above, rather than
// blocked with the rows along the lanes (a gather of 8 rows per k step).
// CHECK-LABEL: func.func @tall_matvec
// CHECK: scf.for %{{.+}} = %c0 to %c64 step %c8
// CHECK: scf.for %{{.+}} = %c0 to %c4 step %c1 iter_args(%{{.+}} = %{{.+}}) -> (tensor<8x16xf32>)
// CHECK: arith.mulf %{{.+}}, %{{.+}} fastmath<contract> : vector<8x16xf32>
// CHECK: vector.multi_reduction <add>, %{{.+}}, %{{.+}} [1] : vector<8x16xf32> to vector<8xf32>
// CHECK-NOT: vector<8x1xf32>
// CHECK: return
func.func @tall_matvec(%a: tensor<64x64xf32>, %v: tensor<64xf32>) -> tensor<64xf32> attributes {difftest.rtol = [1.0e-6], difftest.scale = [64.0]} {
  %y = vmapc.dot_general %a, %v, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<64x64xf32>, tensor<64xf32>) -> tensor<64xf32>
  return %y : tensor<64xf32>
}

// NUM: vmapc-difftest: 4 function(s) pass
