// RUN: vmapc-eval %s -e main > %t.looped
// RUN: vmapc-opt --vmapc-batch %s -o %t.batched.mlir
// RUN: vmapc-eval %t.batched.mlir -e main > %t.batched
// RUN: diff %t.looped %t.batched

// Differential check of the rule branches the FileCheck tests pin down
// structurally: the reference evaluator runs each vmap of this file as a
// loop (its definition), then the batched module; the printed results must
// be identical. Inputs are built inside @main (sin of an iota: varied,
// non-symmetric values) so the test needs no data files.

func.func @data(%scale: tensor<120xf32>) -> tensor<120xf32> {
  %i = vmapc.iota dim = 0 : tensor<120xf32>
  %k = vmapc.mul %i, %scale : tensor<120xf32>
  %s = vmapc.sin %k : tensor<120xf32>
  return %s : tensor<120xf32>
}

// gather, table batched after the taken axis.
func.func @take(%t: tensor<5x3xf32>, %idx: tensor<4xi32>) -> tensor<4x3xf32> {
  %0 = vmapc.gather %t[%idx] axis = 0 batch_dims = 0 : (tensor<5x3xf32>, tensor<4xi32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}
// gather with paired batch dims (tf.gather batch_dims = 1).
func.func @take_paired(%t: tensor<2x5xf32>, %idx: tensor<2x3xi32>) -> tensor<2x3xf32> {
  %0 = vmapc.gather %t[%idx] axis = 1 batch_dims = 1 : (tensor<2x5xf32>, tensor<2x3xi32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// dynamic_slice with every operand batched.
func.func @dslice(%x: tensor<5x4xf32>, %i: tensor<i32>, %j: tensor<i32>) -> tensor<2x3xf32> {
  %0 = vmapc.dynamic_slice %x[%i, %j] sizes = [2, 3] : (tensor<5x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// Triangular solves, both sides, with and without transpose.
func.func @lsolve(%a: tensor<3x3xf32>, %b: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %0 = vmapc.triangular_solve %a, %b {lower = true, left_side = true} : tensor<3x3xf32>, tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
func.func @rsolve(%a: tensor<3x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = vmapc.triangular_solve %a, %b {lower = false, left_side = false, transpose_a = true} : tensor<3x3xf32>, tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// broadcast_in_dim and reduce with the batch dim in the middle.
func.func @bcast_reduce(%x: tensor<3x2xf32>) -> tensor<3x4xf32> {
  %0 = vmapc.broadcast_in_dim %x, dims = [0, 2] : tensor<3x2xf32> -> tensor<3x4x2xf32>
  %1 = vmapc.reduce max %0, dims = [2] : tensor<3x4x2xf32> -> tensor<3x4xf32>
  return %1 : tensor<3x4xf32>
}
// select with its three operands batched at three different places.
func.func @sel(%p: tensor<2x3xi1>, %a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = vmapc.select %p, %a, %b : tensor<2x3xi1>, tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// concatenate and dot with batch dims in the middle.
func.func @cat_dot(%a: tensor<2x3xf32>, %b: tensor<1x3xf32>, %w: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %0 = vmapc.concatenate %a, %b dim = 0 : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<3x3xf32>
  %1 = vmapc.dot_general %0, %w, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<3x3xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %1 : tensor<3x4xf32>
}
// cholesky of an SPD matrix built from the input, batch in a matrix dim.
func.func @chol(%m: tensor<3x3xf32>) -> (tensor<3x3xf32>, tensor<f32>) {
  %mt = vmapc.transpose %m, permutation = [1, 0] : tensor<3x3xf32> -> tensor<3x3xf32>
  %mm = vmapc.dot_general %m, %mt, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  %i = vmapc.constant dense<[[3.0, 0.0, 0.0], [0.0, 3.0, 0.0], [0.0, 0.0, 3.0]]> : tensor<3x3xf32>
  %spd = vmapc.add %mm, %i : tensor<3x3xf32>
  %l = vmapc.cholesky %spd : tensor<3x3xf32>
  %d = vmapc.det %spd : tensor<3x3xf32> -> tensor<f32>
  return %l, %d : tensor<3x3xf32>, tensor<f32>
}
// A nested vmap whose inner result lands away from out_axes, with one
// unbatched-in-the-outer-map operand.
func.func @row_scale(%r: tensor<3xf32>, %s: tensor<f32>) -> tensor<3xf32> {
  %b = vmapc.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<3xf32>
  %0 = vmapc.mul %r, %b : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @scale_cols(%m: tensor<3x2xf32>, %s: tensor<2xf32>) -> tensor<2x3xf32> {
  %0 = vmapc.vmap @row_scale(%m, %s) in_axes [1, 0] out_axes [0] : (tensor<3x2xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

func.func @main() -> (tensor<4x4x3xf32>, tensor<2x2x3xf32>, tensor<3x2x3xf32>,
                      tensor<4x3x2xf32>, tensor<4x2x3xf32>, tensor<3x3x4xf32>,
                      tensor<2x4x3xf32>, tensor<2x3x4xf32>, tensor<4x3x3xf32>,
                      tensor<4xf32>, tensor<2x3x4xf32>) {
  %c1 = vmapc.constant dense<1.37> : tensor<120xf32>
  %c2 = vmapc.constant dense<0.71> : tensor<120xf32>
  %d1 = func.call @data(%c1) : (tensor<120xf32>) -> tensor<120xf32>
  %d2 = func.call @data(%c2) : (tensor<120xf32>) -> tensor<120xf32>
  %x60 = vmapc.slice %d1, start = [0], limit = [60], strides = [1] : tensor<120xf32> -> tensor<60xf32>
  %y60 = vmapc.slice %d2, start = [60], limit = [120], strides = [1] : tensor<120xf32> -> tensor<60xf32>
  %ti = vmapc.reshape %x60 : tensor<60xf32> -> tensor<5x3x4xf32>
  %t = vmapc.transpose %ti, permutation = [0, 1, 2] : tensor<5x3x4xf32> -> tensor<5x3x4xf32>
  %idx = vmapc.constant dense<[4, 0, 2, 9, -1, 3, 1, 1]> : tensor<8xi32>
  %idx4 = vmapc.slice %idx, start = [0], limit = [4], strides = [1] : tensor<8xi32> -> tensor<4xi32>
  // 1. take, table batched at 2, indices unbatched, out at 0.
  %r1 = vmapc.vmap @take(%t, %idx4) in_axes [2, none] out_axes [0] : (tensor<5x3x4xf32>, tensor<4xi32>) -> tensor<4x4x3xf32>
  // 2. take with paired dims, table batched at 0, indices unbatched.
  %tp = vmapc.reshape %x60 : tensor<60xf32> -> tensor<6x2x5xf32>
  %tp2 = vmapc.slice %tp, start = [0, 0, 0], limit = [2, 2, 5], strides = [1, 1, 1] : tensor<6x2x5xf32> -> tensor<2x2x5xf32>
  %ip = vmapc.constant dense<[[0, 4, 2], [7, 1, 3]]> : tensor<2x3xi32>
  %r2 = vmapc.vmap @take_paired(%tp2, %ip) in_axes [0, none] out_axes [0] : (tensor<2x2x5xf32>, tensor<2x3xi32>) -> tensor<2x2x3xf32>
  // 3. dynamic_slice, operand batched at 1, both starts batched.
  %xs = vmapc.reshape %y60 : tensor<60xf32> -> tensor<5x3x4xf32>
  %is = vmapc.constant dense<[1, 7, -2]> : tensor<3xi32>
  %js = vmapc.constant dense<[0, 1, 3]> : tensor<3xi32>
  %r3 = vmapc.vmap @dslice(%xs, %is, %js) in_axes [1, 0, 0] out_axes [0] : (tensor<5x3x4xf32>, tensor<3xi32>, tensor<3xi32>) -> tensor<3x2x3xf32>
  // 4/5. triangular solves with one matrix and batched right-hand sides.
  %a9 = vmapc.slice %d1, start = [0], limit = [9], strides = [1] : tensor<120xf32> -> tensor<9xf32>
  %a = vmapc.reshape %a9 : tensor<9xf32> -> tensor<3x3xf32>
  %two = vmapc.constant dense<[[2.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 2.0]]> : tensor<3x3xf32>
  %ad = vmapc.add %a, %two : tensor<3x3xf32>
  %b24 = vmapc.slice %d2, start = [0], limit = [24], strides = [1] : tensor<120xf32> -> tensor<24xf32>
  %bl = vmapc.reshape %b24 : tensor<24xf32> -> tensor<3x2x4xf32>
  %r4 = vmapc.vmap @lsolve(%ad, %bl) in_axes [none, -1] out_axes [0] : (tensor<3x3xf32>, tensor<3x2x4xf32>) -> tensor<4x3x2xf32>
  %br = vmapc.reshape %b24 : tensor<24xf32> -> tensor<2x4x3xf32>
  %r5 = vmapc.vmap @rsolve(%ad, %br) in_axes [none, 1] out_axes [0] : (tensor<3x3xf32>, tensor<2x4x3xf32>) -> tensor<4x2x3xf32>
  // 6. broadcast and reduce, batch in the middle.
  %x18 = vmapc.slice %d1, start = [10], limit = [28], strides = [1] : tensor<120xf32> -> tensor<18xf32>
  %xb = vmapc.reshape %x18 : tensor<18xf32> -> tensor<3x3x2xf32>
  %r6 = vmapc.vmap @bcast_reduce(%xb) in_axes [1] out_axes [0] : (tensor<3x3x2xf32>) -> tensor<3x3x4xf32>
  // 7. select, operands batched at 0, 1 and 2.
  %p24 = vmapc.constant dense<0.0> : tensor<24xf32>
  %pm = vmapc.compare lt, %b24, %p24 : tensor<24xf32>
  %p = vmapc.reshape %pm : tensor<24xi1> -> tensor<4x2x3xi1>
  %sa = vmapc.reshape %b24 : tensor<24xf32> -> tensor<2x4x3xf32>
  %sb24 = vmapc.slice %d1, start = [30], limit = [54], strides = [1] : tensor<120xf32> -> tensor<24xf32>
  %sb = vmapc.reshape %sb24 : tensor<24xf32> -> tensor<2x3x4xf32>
  %r7 = vmapc.vmap @sel(%p, %sa, %sb) in_axes [0, 1, 2] out_axes [1] : (tensor<4x2x3xi1>, tensor<2x4x3xf32>, tensor<2x3x4xf32>) -> tensor<2x4x3xf32>
  // 8. concatenate + dot, first input batched at 1, second unbatched.
  %ca = vmapc.reshape %sb24 : tensor<24xf32> -> tensor<2x4x3xf32>
  %cb = vmapc.slice %d2, start = [40], limit = [43], strides = [1] : tensor<120xf32> -> tensor<3xf32>
  %cb2 = vmapc.reshape %cb : tensor<3xf32> -> tensor<1x3xf32>
  %w12 = vmapc.slice %d2, start = [50], limit = [62], strides = [1] : tensor<120xf32> -> tensor<12xf32>
  %w = vmapc.reshape %w12 : tensor<12xf32> -> tensor<3x4xf32>
  %r8 = vmapc.vmap @cat_dot(%ca, %cb2, %w) in_axes [1, none, none] out_axes [-1] : (tensor<2x4x3xf32>, tensor<1x3xf32>, tensor<3x4xf32>) -> tensor<3x4x4xf32>
  %r8s = vmapc.slice %r8, start = [0, 0, 0], limit = [2, 3, 4], strides = [1, 1, 1] : tensor<3x4x4xf32> -> tensor<2x3x4xf32>
  // 9. cholesky and det, batch in a matrix dim.
  %m36 = vmapc.slice %d2, start = [70], limit = [106], strides = [1] : tensor<120xf32> -> tensor<36xf32>
  %m = vmapc.reshape %m36 : tensor<36xf32> -> tensor<3x4x3xf32>
  %r9:2 = vmapc.vmap @chol(%m) in_axes [1] out_axes [0, 0] : (tensor<3x4x3xf32>) -> (tensor<4x3x3xf32>, tensor<4xf32>)
  // 10. nested vmap, outer map over the last axis.
  %nm = vmapc.reshape %sb24 : tensor<24xf32> -> tensor<3x2x4xf32>
  %ns = vmapc.slice %d1, start = [5], limit = [7], strides = [1] : tensor<120xf32> -> tensor<2xf32>
  %r10 = vmapc.vmap @scale_cols(%nm, %ns) in_axes [2, none] out_axes [2] : (tensor<3x2x4xf32>, tensor<2xf32>) -> tensor<2x3x4xf32>
  return %r1, %r2, %r3, %r4, %r5, %r6, %r7, %r8s, %r9#0, %r9#1, %r10
      : tensor<4x4x3xf32>, tensor<2x2x3xf32>, tensor<3x2x3xf32>,
        tensor<4x3x2xf32>, tensor<4x2x3xf32>, tensor<3x3x4xf32>,
        tensor<2x4x3xf32>, tensor<2x3x4xf32>, tensor<4x3x3xf32>,
        tensor<4xf32>, tensor<2x3x4xf32>
}
