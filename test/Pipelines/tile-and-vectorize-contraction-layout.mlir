// A vmapped mat-vec `P d` batches to out[b, i] = sum_k P[i, k] d[b, k]: its
// output's lanes (i) come from the lhs, which is read along k. Register
// blocking wants the lanes from a rhs read contiguously along them, so the
// operands are swapped and P is transposed once, before the loop over
// tiles: each k step then broadcasts 8 values of d and loads a row of P^T.
// A contraction already in that form, and one whose transposed operand is
// too large to copy, are left alone.
// RUN: vmapc-opt --pass-pipeline='builtin.module(func.func(vmapc-tile-and-vectorize))' %s | FileCheck %s

#pd_lhs = affine_map<(i, b, k) -> (i, k)>
#pd_rhs = affine_map<(i, b, k) -> (b, k)>
#pd_out = affine_map<(i, b, k) -> (b, i)>

// CHECK-LABEL: func.func @vmapped_matvec
// The copy of P^T, made once:
// CHECK: %[[P:.+]] = vector.transfer_read %arg0{{.*}} vector<16x16xf32>
// CHECK: %[[PT:.+]] = vector.transpose %[[P]], [1, 0]
// CHECK: %[[PTBUF:.+]] = vector.transfer_write %[[PT]]
// CHECK: scf.for
// CHECK: scf.for %[[K:.+]] = %c0 to %c16 step %c1
// CHECK-DAG: %[[D:.+]] = vector.transfer_read %arg1[%{{.+}}, %[[K]]]{{.*}} vector<8x1xf32>
// CHECK-DAG: %[[ROW:.+]] = vector.transfer_read %[[PTBUF]][%[[K]], %c0]{{.*}} vector<1x16xf32>
// CHECK: vector.contract {{.*}} %[[D]], %[[ROW]], %{{.+}} : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
// CHECK-NOT: vector.transpose
// CHECK: return
func.func @vmapped_matvec(%p: tensor<16x16xf32>, %d: tensor<64x16xf32>) -> tensor<64x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x16xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<64x16xf32>) -> tensor<64x16xf32>
  %r = linalg.generic {indexing_maps = [#pd_lhs, #pd_rhs, #pd_out], iterator_types = ["parallel", "parallel", "reduction"]} ins(%p, %d : tensor<16x16xf32>, tensor<64x16xf32>) outs(%init : tensor<64x16xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// The hand-batched form d P: already rows (b) x lanes (j), P read along j.
// CHECK-LABEL: func.func @hand_batched
// CHECK-NOT: vector.transpose
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
// CHECK: return
func.func @hand_batched(%d: tensor<64x16xf32>, %p: tensor<16x16xf32>) -> tensor<64x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x16xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<64x16xf32>) -> tensor<64x16xf32>
  %r = linalg.matmul ins(%d, %p : tensor<64x16xf32>, tensor<16x16xf32>) outs(%init : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// x W^T with W[256, 128] (128 Ki elements): too large to copy, so the
// contraction keeps its operands and reads W along k.
// CHECK-LABEL: func.func @large_transposed_rhs
// CHECK-NOT: vector.transpose %{{.+}}, [1, 0] : vector<256x128xf32>
// CHECK: vector.contract {{.*}} : vector<8x1xf32>, vector<32x1xf32> into vector<8x32xf32>
// CHECK: return
func.func @large_transposed_rhs(%x: tensor<64x128xf32>, %w: tensor<256x128xf32>) -> tensor<64x256xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x256xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<64x256xf32>) -> tensor<64x256xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"]} ins(%x, %w : tensor<64x128xf32>, tensor<256x128xf32>) outs(%init : tensor<64x256xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<64x256xf32>
  return %r : tensor<64x256xf32>
}
