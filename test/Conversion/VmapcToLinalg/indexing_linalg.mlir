// RUN: vmapc-opt --convert-vmapc-to-linalg %s | FileCheck %s

// CHECK-DAG: #[[IDX:.+]] = affine_map<(d0, d1, d2) -> (d0, d1)>

// Start indices are clamped to [0, dim - size] (lax.dynamic_slice).
// CHECK-LABEL: func.func @dynamic_slice
// CHECK:         %[[I:.+]] = tensor.extract %arg1[] : tensor<i32>
// CHECK:         %[[II:.+]] = arith.index_cast %[[I]] : i32 to index
// CHECK:         %[[HI0:.+]] = arith.constant 2 : index
// CHECK:         %[[M:.+]] = arith.minsi %[[II]], %[[HI0]] : index
// CHECK:         %[[Z0:.+]] = arith.constant 0 : index
// CHECK:         %[[O0:.+]] = arith.maxsi %[[M]], %[[Z0]] : index
// CHECK:         %[[J:.+]] = tensor.extract %arg2[] : tensor<i64>
// CHECK:         %[[JJ:.+]] = arith.index_cast %[[J]] : i64 to index
// CHECK:         %[[HI1:.+]] = arith.constant 3 : index
// CHECK:         %[[N:.+]] = arith.minsi %[[JJ]], %[[HI1]] : index
// CHECK:         %[[Z1:.+]] = arith.constant 0 : index
// CHECK:         %[[O1:.+]] = arith.maxsi %[[N]], %[[Z1]] : index
// CHECK:         tensor.extract_slice %arg0[%[[O0]], %[[O1]]] [2, 1] [1, 1] : tensor<4x4xf32> to tensor<2x1xf32>
func.func @dynamic_slice(%x: tensor<4x4xf32>, %i: tensor<i32>, %j: tensor<i64>) -> tensor<2x1xf32> {
  %0 = "vmapc.dynamic_slice"(%x, %i, %j) {slice_sizes = array<i64: 2, 1>} : (tensor<4x4xf32>, tensor<i32>, tensor<i64>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// Result [2 (batch), 3 (indices), 5 (trailing)] from operand [2, 7, 5]:
// the indices are read at (d0, d1) and clamped into [0, 6].
// CHECK-LABEL: func.func @gather
// CHECK:         linalg.generic {indexing_maps = [#[[IDX]], #{{.+}}], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME:      ins(%arg1 : tensor<2x3xi32>)
// CHECK:         ^bb0(%[[IN:.+]]: i32, %{{.+}}: f32):
// CHECK-DAG:       %[[D0:.+]] = linalg.index 0 : index
// CHECK-DAG:       %[[K:.+]] = arith.index_cast %[[IN]] : i32 to index
// CHECK-DAG:       %[[LO:.+]] = arith.minsi %[[K]], %c6{{.*}} : index
// CHECK-DAG:       %[[CL:.+]] = arith.maxsi %[[LO]], %c0{{.*}} : index
// CHECK-DAG:       %[[D2:.+]] = linalg.index 2 : index
// CHECK:           tensor.extract %arg0[%[[D0]], %[[CL]], %[[D2]]] : tensor<2x7x5xf32>
func.func @gather(%t: tensor<2x7x5xf32>, %idx: tensor<2x3xi32>) -> tensor<2x3x5xf32> {
  %0 = "vmapc.gather"(%t, %idx) {axis = 1 : i64, batch_dims = 1 : i64} : (tensor<2x7x5xf32>, tensor<2x3xi32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// The small linear algebra ops run one matrix per lane: the batch goes
// innermost ([n, n, B]), entry (i, j) of every matrix is one contiguous
// tensor<B>, and one linalg.generic over B runs the unrolled algorithm.
// CHECK-LABEL: func.func @cholesky
// CHECK:         %[[A:.+]] = tensor.collapse_shape %arg0 {{\[}}[0, 1], [2], [3]] : tensor<2x3x4x4xf64> into tensor<6x4x4xf64>
// CHECK:         %[[T:.+]] = linalg.transpose ins(%[[A]] : tensor<6x4x4xf64>) outs(%{{.+}} : tensor<4x4x6xf64>) permutation = [1, 2, 0]
// Only the lower triangle is read: 10 entries in, 16 out.
// CHECK:         tensor.extract_slice %[[T]][0, 0, 0] [1, 1, 6] [1, 1, 1] : tensor<4x4x6xf64> to tensor<6xf64>
// CHECK-NOT:     tensor.extract_slice %[[T]][0, 1, 0]
// CHECK:         tensor.extract_slice %[[T]][3, 3, 0] [1, 1, 6] [1, 1, 1] : tensor<4x4x6xf64> to tensor<6xf64>
// CHECK:         %[[L:.+]]:16 = linalg.generic {{.*}} iterator_types = ["parallel"]
// CHECK-SAME:        : tensor<6xf64>, tensor<6xf64>, tensor<6xf64>, tensor<6xf64>, tensor<6xf64>, tensor<6xf64>, tensor<6xf64>, tensor<6xf64>, tensor<6xf64>, tensor<6xf64>) outs(
// CHECK-NOT:       scf.for
// CHECK:           math.sqrt
// CHECK:           arith.cmpf ule
// A lane that is not positive definite is NaN, in that lane only.
// CHECK:           arith.select %{{.+}}, %cst{{.*}}, %{{.+}} : f64
// CHECK:         tensor.insert_slice %[[L]]#15 into %{{.+}}[3, 3, 0] [1, 1, 6] [1, 1, 1] : tensor<6xf64> into tensor<4x4x6xf64>
// CHECK:         linalg.transpose ins(%{{.+}} : tensor<4x4x6xf64>) outs(%{{.+}} : tensor<6x4x4xf64>) permutation = [2, 0, 1]
// CHECK:         tensor.expand_shape %{{.+}} {{\[}}[0, 1], [2], [3]] output_shape [2, 3, 4, 4]
func.func @cholesky(%a: tensor<2x3x4x4xf64>) -> tensor<2x3x4x4xf64> {
  %0 = "vmapc.cholesky"(%a) : (tensor<2x3x4x4xf64>) -> tensor<2x3x4x4xf64>
  return %0 : tensor<2x3x4x4xf64>
}

// Partial pivoting per lane: a running argmax of |a| down column k picks
// the pivot row (an i32 per lane), and rows are swapped by select.
// CHECK-LABEL: func.func @inv_det
// CHECK:         tensor.expand_shape %arg0 {{\[}}[0, 1], [2]] output_shape [1, 3, 3]
// CHECK:         linalg.transpose {{.*}} permutation = [1, 2, 0]
// CHECK:         %[[INV:.+]]:9 = linalg.generic {{.*}} iterator_types = ["parallel"]
// CHECK-NOT:       scf.for
// CHECK:           math.absf
// CHECK:           math.absf
// CHECK:           arith.cmpf ogt
// CHECK:           arith.select %{{.+}}, %{{.+}}, %{{.+}} : i32
// CHECK:           math.absf
// CHECK:           %[[BETTER:.+]] = arith.cmpf ogt
// CHECK:           %[[ROW:.+]] = arith.select %[[BETTER]], %{{.+}}, %{{.+}} : i32
// CHECK:           %[[IS1:.+]] = arith.cmpi eq, %[[ROW]], %{{.+}} : i32
// CHECK:           arith.select %[[IS1]], %{{.+}}, %{{.+}} : f32
// CHECK:           arith.divf
// CHECK:         linalg.transpose {{.*}} permutation = [2, 0, 1]
// CHECK:         tensor.collapse_shape %{{.+}} {{\[}}[0, 1], [2]] : tensor<1x3x3xf32> into tensor<3x3xf32>
// det = sign * prod(pivots); an exactly zero pivot makes the lane's det 0.
// CHECK:         %[[DET:.+]] = linalg.generic {{.*}} iterator_types = ["parallel"]
// CHECK:           arith.cmpi ne
// CHECK:           arith.negf
// CHECK:           arith.cmpf oeq
// CHECK:         tensor.collapse_shape %{{.+}} [] : tensor<1x1x1xf32> into tensor<f32>
func.func @inv_det(%a: tensor<3x3xf32>) -> (tensor<3x3xf32>, tensor<f32>) {
  %0 = "vmapc.inv"(%a) : (tensor<3x3xf32>) -> tensor<3x3xf32>
  %1 = "vmapc.det"(%a) : (tensor<3x3xf32>) -> tensor<f32>
  return %0, %1 : tensor<3x3xf32>, tensor<f32>
}

// CHECK-LABEL: func.func @triangular_solve
// CHECK:         linalg.transpose ins(%arg0 : tensor<2x3x3xf32>) {{.*}} permutation = [1, 2, 0]
// CHECK:         linalg.transpose ins(%arg1 : tensor<2x3x2xf32>) {{.*}} permutation = [1, 2, 0]
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel"]
// CHECK-NOT:       scf.for
// CHECK:           arith.mulf
// CHECK:           arith.subf
// CHECK:           arith.divf
// CHECK:         linalg.transpose {{.*}} outs(%{{.+}} : tensor<2x3x2xf32>) permutation = [2, 0, 1]
// CHECK:         return %{{.+}} : tensor<2x3x2xf32>
func.func @triangular_solve(%a: tensor<2x3x3xf32>, %b: tensor<2x3x2xf32>) -> tensor<2x3x2xf32> {
  %0 = "vmapc.triangular_solve"(%a, %b) {lower = true, left_side = true, transpose_a = false} : (tensor<2x3x3xf32>, tensor<2x3x2xf32>) -> tensor<2x3x2xf32>
  return %0 : tensor<2x3x2xf32>
}
