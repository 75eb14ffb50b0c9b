// RUN: vmapc-opt --convert-vmapc-to-linalg %s | FileCheck %s

// A size-1 operand dim that stretches is collapsed away first, so
// linalg.broadcast only adds dims.
// CHECK-LABEL: func.func @broadcast
// CHECK:         linalg.broadcast ins(%arg0 : tensor<3xf32>) outs(%{{.+}} : tensor<2x3xf32>) dimensions = [0]
// CHECK:         %[[C:.+]] = tensor.collapse_shape %arg1 {{\[}}[0, 1]] : tensor<2x1xf32> into tensor<2xf32>
// CHECK:         linalg.broadcast ins(%[[C]] : tensor<2xf32>) outs(%{{.+}} : tensor<2x4xf32>) dimensions = [1]
// CHECK:         %[[S:.+]] = tensor.collapse_shape %arg2 [] : tensor<1x1xf32> into tensor<f32>
// CHECK:         linalg.broadcast ins(%[[S]] : tensor<f32>) outs(%{{.+}} : tensor<2x2xf32>) dimensions = [0, 1]
func.func @broadcast(%a: tensor<3xf32>, %b: tensor<2x1xf32>, %c: tensor<1x1xf32>) -> (tensor<2x3xf32>, tensor<2x4xf32>, tensor<2x2xf32>) {
  %0 = "vmapc.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %1 = "vmapc.broadcast_in_dim"(%b) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x1xf32>) -> tensor<2x4xf32>
  %2 = "vmapc.broadcast_in_dim"(%c) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<1x1xf32>) -> tensor<2x2xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x4xf32>, tensor<2x2xf32>
}

// Reshapes are views: collapse, expand, or both through rank 1.
// CHECK-LABEL: func.func @reshape
// CHECK:         tensor.collapse_shape %arg0 {{\[}}[0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK:         tensor.expand_shape %arg0 {{\[}}[0], [1, 2]] output_shape [2, 3, 1] : tensor<2x3xf32> into tensor<2x3x1xf32>
// CHECK:         %[[F:.+]] = tensor.collapse_shape %arg0 {{\[}}[0, 1]] : tensor<2x3xf32> into tensor<6xf32>
// CHECK:         tensor.expand_shape %[[F]] {{\[}}[0, 1]] output_shape [3, 2] : tensor<6xf32> into tensor<3x2xf32>
func.func @reshape(%a: tensor<2x3xf32>) -> (tensor<6xf32>, tensor<2x3x1xf32>, tensor<3x2xf32>) {
  %0 = "vmapc.reshape"(%a) : (tensor<2x3xf32>) -> tensor<6xf32>
  %1 = "vmapc.reshape"(%a) : (tensor<2x3xf32>) -> tensor<2x3x1xf32>
  %2 = "vmapc.reshape"(%a) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return %0, %1, %2 : tensor<6xf32>, tensor<2x3x1xf32>, tensor<3x2xf32>
}

// CHECK-LABEL: func.func @transpose
// CHECK:         linalg.transpose ins(%arg0 : tensor<2x3x4xi32>) outs(%{{.+}} : tensor<4x2x3xi32>) permutation = [2, 0, 1]
func.func @transpose(%a: tensor<2x3x4xi32>) -> tensor<4x2x3xi32> {
  %0 = "vmapc.transpose"(%a) {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xi32>) -> tensor<4x2x3xi32>
  return %0 : tensor<4x2x3xi32>
}

// CHECK-LABEL: func.func @slice_concat
// CHECK:         tensor.extract_slice %arg0[1, 0] [2, 2] [1, 2] : tensor<4x4xf32> to tensor<2x2xf32>
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<4x5xf32>
// CHECK:         %[[I:.+]] = tensor.insert_slice %arg0 into %[[E]][0, 0] [4, 4] [1, 1]
// CHECK:         tensor.insert_slice %arg1 into %[[I]][0, 4] [4, 1] [1, 1]
func.func @slice_concat(%a: tensor<4x4xf32>, %b: tensor<4x1xf32>) -> (tensor<2x2xf32>, tensor<4x5xf32>) {
  %0 = "vmapc.slice"(%a) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 3, 4>, strides = array<i64: 1, 2>} : (tensor<4x4xf32>) -> tensor<2x2xf32>
  %1 = "vmapc.concatenate"(%a, %b) {dimension = 1 : i64} : (tensor<4x4xf32>, tensor<4x1xf32>) -> tensor<4x5xf32>
  return %0, %1 : tensor<2x2xf32>, tensor<4x5xf32>
}
