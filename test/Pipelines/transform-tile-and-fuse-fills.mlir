// transform.vmapc.tile_and_fuse_fills tiles an op and fuses the fill of its
// accumulator, following the new loops' iter_args to it, and nothing else:
// the transposed operand, a linalg op too, stays before the loops (computed
// once), where transform.structured.fuse would compute it again per tile.
// RUN: vmapc-opt --transform-interpreter --split-input-file --verify-diagnostics %s | FileCheck %s

#lhs = affine_map<(m, n, k) -> (m, k)>
#rhs = affine_map<(m, n, k) -> (k, n)>
#out = affine_map<(m, n, k) -> (m, n)>

// CHECK-LABEL: func.func @block
// CHECK: %[[PT:.+]] = linalg.transpose
// CHECK-NOT: linalg.fill
// CHECK: scf.for %{{.+}} = %{{.+}} to %{{.+}} step %c8
// CHECK: scf.for %{{.+}} = %{{.+}} to %{{.+}} step %c32
// CHECK: %[[ZERO:.+]] = linalg.fill {{.+}} -> tensor<8x32xf32>
// CHECK: linalg.generic {{.+}} ins(%{{.+}}, %{{.+}} : tensor<8x16xf32>, tensor<16x32xf32>) outs(%[[ZERO]] : tensor<8x32xf32>)
// CHECK-NOT: linalg.transpose
// CHECK: return
func.func @block(%x: tensor<64x16xf32>, %p: tensor<64x16xf32>) -> tensor<64x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %et = tensor.empty() : tensor<16x64xf32>
  %pt = linalg.transpose ins(%p : tensor<64x16xf32>) outs(%et : tensor<16x64xf32>) permutation = [1, 0]
  %r = linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "parallel", "reduction"]} ins(%x, %pt : tensor<64x16xf32>, tensor<16x64xf32>) outs(%init : tensor<64x64xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %mm = transform.structured.match ops{["linalg.generic"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled = transform.vmapc.tile_and_fuse_fills %mm tile_sizes [8, 32, 0] : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
}

// -----

// One tile size per loop of the op, or the op is not tiled.
func.func @wrong_sizes(%x: tensor<64x16xf32>) -> tensor<64x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x16xf32>
  // expected-note @below {{when applied to this op}}
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %init : tensor<64x16xf32>
}

module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %fill = transform.structured.match ops{["linalg.fill"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @below {{failed to apply}}
    %tiled = transform.vmapc.tile_and_fuse_fills %fill tile_sizes [8, 8, 8] : (!transform.any_op) -> !transform.any_op
    transform.yield
  }
}
