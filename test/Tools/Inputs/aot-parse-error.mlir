// Not a test: a syntax error on line 4 (a missing operand), for
// vmapc-compile-errors.mlir.
func.func @f(%a: tensor<3xf32>) -> tensor<3xf32> {
  %b = vmapc.add %a, : tensor<3xf32>
  return %b : tensor<3xf32>
}
