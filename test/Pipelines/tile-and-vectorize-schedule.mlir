// vmapc-tile-and-vectorize records its decisions as transform-dialect
// scripts, one per stage, and print-schedule shows them. For relu(x W1) W2
// vmapped over 64 rows:
//  1. the root (the second matmul) is tiled by 8 rows with everything it
//     reads fused into the row tile;
//  2. the first matmul's relu is tiled by 32 columns, the matmul and its
//     zero fill fused into it (an 8x32 register block that ends in relu),
//     then the matmul's k loop is stepped by 1; the second matmul (10
//     columns, nothing to tile) has only its k loop stepped;
//  3. the tiles are vectorized, the matmuls as named contractions.
// RUN: vmapc-opt --vmapc-batch --convert-vmapc-to-linalg --inline --symbol-dce --canonicalize --cse %s \
// RUN:   | vmapc-opt --pass-pipeline='builtin.module(func.func(linalg-generalize-named-ops,vmapc-fuse-elementwise,canonicalize,cse,vmapc-tile-and-vectorize{print-schedule=true}))' \
// RUN:     -o /dev/null 2>&1 | FileCheck %s

// CHECK: transform.sequence failures(propagate) {
// CHECK-NEXT: ^bb0(%[[FUNC:.+]]: !transform.any_op, %[[ROOT:.+]]: !transform.any_op):
// CHECK: sequence %[[FUNC]] : !transform.any_op failures(suppress)
// CHECK: transform.structured.fuse %[[ROOT]] tile_sizes [8, 0, 0]
// CHECK-NOT: transform.structured

// CHECK: transform.sequence failures(propagate) {
// CHECK-NEXT: ^bb0(%{{.+}}: !transform.any_op, %[[MM1:.+]]: !transform.any_op, %[[RELU:.+]]: !transform.any_op, %[[FILL:.+]]: !transform.any_op, %[[MM2:.+]]: !transform.any_op):
// CHECK: %{{.+}}, %[[COLS:.+]] = transform.structured.tile_using_for %[[RELU]] tile_sizes [0, 32]
// CHECK: %[[BLOCK:.+]], %[[COLS2:.+]] = transform.structured.fuse_into_containing_op %[[MM1]] into %[[COLS]]
// CHECK: transform.structured.fuse_into_containing_op %[[FILL]] into %[[COLS2]]
// CHECK: transform.structured.tile_using_for %[[BLOCK]] tile_sizes [0, 0, 1]
// CHECK: transform.structured.tile_using_for %[[MM2]] tile_sizes [0, 0, 1]
// CHECK-NOT: transform.structured

// CHECK: transform.sequence failures(propagate) {
// CHECK-COUNT-2: transform.structured.vectorize %{{.+}} {create_named_contraction, vectorize_nd_extract}
// CHECK: }

module {
  func.func @nn(%xs: tensor<64x16xf32>, %w1: tensor<16x64xf32>,
                %w2: tensor<64x10xf32>) -> tensor<64x10xf32> {
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
