// Not a test: parses, but the verifier rejects line 5 (the returned type
// is not the function's), for vmapc-compile-errors.mlir.
func.func @f(%a: tensor<3xf32>) -> tensor<2xf32> {
  %b = vmapc.add %a, %a : tensor<3xf32>
  return %b : tensor<3xf32>
}
