// RUN: vmapc-opt --convert-vmapc-to-linalg %s | FileCheck %s

// The identity initializes the result; sums may be reassociated.
// CHECK-LABEL: func.func @reduce
// CHECK:         %[[Z:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[I:.+]] = linalg.fill ins(%[[Z]] : f32) outs(%{{.+}} : tensor<2xf32>)
// CHECK:         linalg.reduce ins(%arg0 : tensor<2x3x4xf32>) outs(%[[I]] : tensor<2xf32>) dimensions = [1, 2]
// CHECK:           arith.addf %{{.+}}, %{{.+}} fastmath<reassoc,contract> : f32
// CHECK:         %[[NINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK:         linalg.fill ins(%[[NINF]] : f32)
// CHECK:         linalg.reduce
// CHECK:           arith.maximumf
// CHECK:         %[[INF:.+]] = arith.constant 0x7F800000 : f32
// CHECK:         linalg.fill ins(%[[INF]] : f32)
// CHECK:         arith.minimumf
// CHECK:         %[[ONE:.+]] = arith.constant 1 : i32
// CHECK:         linalg.fill ins(%[[ONE]] : i32)
// CHECK:         arith.muli
// CHECK:         %[[IMIN:.+]] = arith.constant -2147483648 : i32
// CHECK:         linalg.fill ins(%[[IMIN]] : i32)
// CHECK:         arith.maxsi
func.func @reduce(%a: tensor<2x3x4xf32>, %b: tensor<3x2xi32>) -> (tensor<2xf32>, tensor<3x4xf32>, tensor<2x4xf32>, tensor<2xi32>, tensor<3xi32>) {
  %0 = "vmapc.reduce"(%a) {kind = "sum", dimensions = array<i64: 2, 1>} : (tensor<2x3x4xf32>) -> tensor<2xf32>
  %1 = "vmapc.reduce"(%a) {kind = "max", dimensions = array<i64: 0>} : (tensor<2x3x4xf32>) -> tensor<3x4xf32>
  %2 = "vmapc.reduce"(%a) {kind = "min", dimensions = array<i64: 1>} : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  %3 = "vmapc.reduce"(%b) {kind = "prod", dimensions = array<i64: 0>} : (tensor<3x2xi32>) -> tensor<2xi32>
  %4 = "vmapc.reduce"(%b) {kind = "max", dimensions = array<i64: 1>} : (tensor<3x2xi32>) -> tensor<3xi32>
  return %0, %1, %2, %3, %4 : tensor<2xf32>, tensor<3x4xf32>, tensor<2x4xf32>, tensor<2xi32>, tensor<3xi32>
}

// CHECK-LABEL: func.func @matmul
// CHECK:         %[[Z:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[F:.+]] = linalg.fill ins(%[[Z]] : f32) outs(%{{.+}} : tensor<4x5xf32>)
// CHECK:         linalg.matmul ins(%arg0, %arg1 : tensor<4x8xf32>, tensor<8x5xf32>) outs(%[[F]] : tensor<4x5xf32>)
func.func @matmul(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) -> tensor<4x5xf32> {
  %0 = "vmapc.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  return %0 : tensor<4x5xf32>
}

// CHECK-LABEL: func.func @vector_products
// CHECK:         linalg.matvec ins(%arg0, %arg1 : tensor<4x8xf32>, tensor<8xf32>)
// CHECK:         linalg.vecmat ins(%arg1, %arg2 : tensor<8xf32>, tensor<8x5xf32>)
// CHECK:         linalg.dot ins(%arg1, %arg1 : tensor<8xf32>, tensor<8xf32>) outs(%{{.+}} : tensor<f32>)
func.func @vector_products(%a: tensor<4x8xf32>, %v: tensor<8xf32>, %b: tensor<8x5xf32>) -> (tensor<4xf32>, tensor<5xf32>, tensor<f32>) {
  %0 = "vmapc.dot_general"(%a, %v) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4x8xf32>, tensor<8xf32>) -> tensor<4xf32>
  %1 = "vmapc.dot_general"(%v, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<8xf32>, tensor<8x5xf32>) -> tensor<5xf32>
  %2 = "vmapc.dot_general"(%v, %v) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<8xf32>, tensor<8xf32>) -> tensor<f32>
  return %0, %1, %2 : tensor<4xf32>, tensor<5xf32>, tensor<f32>
}

// Batch dims anywhere, contracting dims anywhere: transpose to
// [batch, free, contract] x [batch, contract, free], collapse, batch_matmul,
// then expand to [batch..., lhs free..., rhs free...].
// CHECK-LABEL: func.func @general
// CHECK:         %[[L:.+]] = linalg.transpose ins(%arg0 : tensor<3x2x5x4xf32>) outs(%{{.+}} : tensor<2x3x4x5xf32>) permutation = [1, 0, 3, 2]
// CHECK:         %[[R:.+]] = linalg.transpose ins(%arg1 : tensor<5x2x6xf32>) outs(%{{.+}} : tensor<2x5x6xf32>) permutation = [1, 0, 2]
// CHECK:         %[[LC:.+]] = tensor.collapse_shape %[[L]] {{\[}}[0], [1, 2], [3]] : tensor<2x3x4x5xf32> into tensor<2x12x5xf32>
// CHECK:         %[[M:.+]] = linalg.batch_matmul ins(%[[LC]], %[[R]] : tensor<2x12x5xf32>, tensor<2x5x6xf32>)
// CHECK:         tensor.expand_shape %[[M]] {{\[}}[0], [1, 2], [3]] output_shape [2, 3, 4, 6] : tensor<2x12x6xf32> into tensor<2x3x4x6xf32>
func.func @general(%a: tensor<3x2x5x4xf32>, %b: tensor<5x2x6xf32>) -> tensor<2x3x4x6xf32> {
  %0 = "vmapc.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64: 1>, lhs_contracting_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<3x2x5x4xf32>, tensor<5x2x6xf32>) -> tensor<2x3x4x6xf32>
  return %0 : tensor<2x3x4x6xf32>
}

// CHECK-LABEL: func.func @batch_matvec_i64
// CHECK:         %[[Z:.+]] = arith.constant 0 : i64
// CHECK:         linalg.batch_matvec ins(%arg0, %arg1 : tensor<2x3x5xi64>, tensor<2x5xi64>)
func.func @batch_matvec_i64(%a: tensor<2x3x5xi64>, %v: tensor<2x5xi64>) -> tensor<2x3xi64> {
  %0 = "vmapc.dot_general"(%a, %v) {lhs_batching_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<2x3x5xi64>, tensor<2x5xi64>) -> tensor<2x3xi64>
  return %0 : tensor<2x3xi64>
}

// A contraction of at most 4 is unrolled into one elementwise generic over
// the result (batch dims, then lhs free, then rhs free), reading one slice
// of each operand per contraction index: the vmapped d^T S d of a 2-D
// Gaussian, batched over classes and points, is a dot_general with two batch
// dims and a contraction of 2, and as batch_matmul it was a loop of 1x2 * 2x1
// products after transposes.
// CHECK-LABEL: func.func @tiny_two_batch_dims
// CHECK-DAG:     %[[L0:.+]] = tensor.extract_slice %arg0[0, 0, 0] [4, 6, 1] [1, 1, 1] : tensor<4x6x2xf32> to tensor<4x6xf32>
// CHECK-DAG:     %[[R0:.+]] = tensor.extract_slice %arg1[0, 0, 0] [4, 1, 6] [1, 1, 1] : tensor<4x2x6xf32> to tensor<4x6xf32>
// CHECK-DAG:     %[[L1:.+]] = tensor.extract_slice %arg0[0, 0, 1] [4, 6, 1] [1, 1, 1] : tensor<4x6x2xf32> to tensor<4x6xf32>
// CHECK-DAG:     %[[R1:.+]] = tensor.extract_slice %arg1[0, 1, 0] [4, 1, 6] [1, 1, 1] : tensor<4x2x6xf32> to tensor<4x6xf32>
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[L0]], %[[R0]], %[[L1]], %[[R1]] : {{.*}}) outs(%{{.+}} : tensor<4x6xf32>)
// CHECK:           %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:           %[[P0:.+]] = arith.mulf %in, %in_{{.+}} : f32
// CHECK:           %[[S0:.+]] = arith.addf %[[ZERO]], %[[P0]] : f32
// CHECK:           %[[P1:.+]] = arith.mulf
// CHECK:           %[[S1:.+]] = arith.addf %[[S0]], %[[P1]] : f32
// CHECK:           linalg.yield %[[S1]] : f32
// CHECK-NOT:     linalg.batch_matmul
// CHECK:         return
func.func @tiny_two_batch_dims(%d: tensor<4x6x2xf32>, %t: tensor<4x2x6xf32>) -> tensor<4x6xf32> {
  %0 = "vmapc.dot_general"(%d, %t) {lhs_batching_dimensions = array<i64: 0, 1>, rhs_batching_dimensions = array<i64: 0, 2>, lhs_contracting_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<4x6x2xf32>, tensor<4x2x6xf32>) -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// Free dims of both sides, read through projected permutations (the lhs
// free dim 1 is iteration dim 1, the rhs free dim 1 is iteration dim 2);
// two contracting dims (2 x 2 = 4 products, row-major).
// CHECK-LABEL: func.func @tiny_free_dims_i32
// CHECK:         tensor.extract_slice %arg0[0, 0, 0, 0] [3, 5, 1, 1]
// CHECK:         tensor.extract_slice %arg1[0, 0, 0, 0] [3, 1, 7, 1]
// CHECK:         tensor.extract_slice %arg0[0, 0, 0, 1] [3, 5, 1, 1]
// CHECK:         tensor.extract_slice %arg1[0, 0, 0, 1] [3, 1, 7, 1]
// CHECK:         tensor.extract_slice %arg0[0, 0, 1, 0] [3, 5, 1, 1]
// CHECK:         tensor.extract_slice %arg1[0, 1, 0, 0] [3, 1, 7, 1]
// CHECK:         tensor.extract_slice %arg0[0, 0, 1, 1] [3, 5, 1, 1]
// CHECK:         tensor.extract_slice %arg1[0, 1, 0, 1] [3, 1, 7, 1]
// CHECK:         linalg.generic {indexing_maps = [#[[LMAP:map[0-9]*]], #[[RMAP:map[0-9]*]], #[[LMAP]], #[[RMAP]], #[[LMAP]], #[[RMAP]], #[[LMAP]], #[[RMAP]], #{{.+}}]
// CHECK-COUNT-4:   arith.muli
// CHECK:         return
func.func @tiny_free_dims_i32(%a: tensor<3x5x2x2xi32>, %b: tensor<3x2x7x2xi32>) -> tensor<3x5x7xi32> {
  %0 = "vmapc.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2, 3>, rhs_contracting_dimensions = array<i64: 1, 3>} : (tensor<3x5x2x2xi32>, tensor<3x2x7x2xi32>) -> tensor<3x5x7xi32>
  return %0 : tensor<3x5x7xi32>
}
