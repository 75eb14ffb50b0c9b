// Entry points of Integration/linalg.mlir for fixed matrices.

func.func @inv_det2(%a: tensor<4x2x2xf32>) -> (tensor<4x2x2xf32>, tensor<4xf32>) {
  %0 = "vmapc.inv"(%a) : (tensor<4x2x2xf32>) -> tensor<4x2x2xf32>
  %1 = "vmapc.det"(%a) : (tensor<4x2x2xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4x2x2xf32>, tensor<4xf32>
}

func.func @inv_det3(%a: tensor<2x3x3xf32>) -> (tensor<2x3x3xf32>, tensor<2xf32>) {
  %0 = "vmapc.inv"(%a) : (tensor<2x3x3xf32>) -> tensor<2x3x3xf32>
  %1 = "vmapc.det"(%a) : (tensor<2x3x3xf32>) -> tensor<2xf32>
  return %0, %1 : tensor<2x3x3xf32>, tensor<2xf32>
}

func.func @cholesky2(%a: tensor<3x2x2xf32>) -> tensor<3x2x2xf32> {
  %0 = "vmapc.cholesky"(%a) : (tensor<3x2x2xf32>) -> tensor<3x2x2xf32>
  return %0 : tensor<3x2x2xf32>
}
