// A reduction whose combiner reads only its own accumulator (`out * 3`: what
// fusion leaves of `reduce prod` over a constant 3) stays a scalar loop: the
// upstream vectorizer computes such a combiner once, not once per reduced
// point (it gave 3 for a product of eight 3s). A reduction that reads its
// input is still vectorized.
// RUN: vmapc-opt --pass-pipeline='builtin.module(func.func(vmapc-tile-and-vectorize))' %s | FileCheck %s

// CHECK-LABEL: func.func @prod_of_constant
// CHECK: linalg.generic
// CHECK-SAME: iterator_types = ["reduction", "reduction"]
// CHECK: arith.muli %{{.+}}, %{{.+}} : i64
// CHECK-NOT: vector.
// CHECK: return
func.func @prod_of_constant(%x: tensor<8x1xi64>) -> tensor<i64> {
  %one = arith.constant 1 : i64
  %three = arith.constant 3 : i64
  %e = tensor.empty() : tensor<i64>
  %init = linalg.fill ins(%one : i64) outs(%e : tensor<i64>) -> tensor<i64>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["reduction", "reduction"]} ins(%x : tensor<8x1xi64>) outs(%init : tensor<i64>) {
  ^bb0(%in: i64, %out: i64):
    %p = arith.muli %out, %three : i64
    linalg.yield %p : i64
  } -> tensor<i64>
  return %r : tensor<i64>
}

// CHECK-LABEL: func.func @row_sums_of_constant
// CHECK: linalg.generic
// CHECK: arith.addf %{{.+}}, %{{.+}} : f32
// CHECK: return
func.func @row_sums_of_constant(%x: tensor<4x10xf32>) -> tensor<4xf32> {
  %zero = arith.constant 0.0 : f32
  %q = arith.constant 0.25 : f32
  %e = tensor.empty() : tensor<4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x10xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %q : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// CHECK-LABEL: func.func @row_sums
// CHECK-NOT: linalg.generic
// CHECK: vector.multi_reduction <add>
func.func @row_sums(%x: tensor<4x10xf32>) -> tensor<4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x10xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %out, %in : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}
