// Not a test: for aot.mlir, a kernel whose MLIR function has the same name
// (@kernel) as the one of aot_kernel_a.mlir. Compiled as `kb`: x * x.
func.func @kernel(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = vmapc.mul %x, %x : tensor<4xf32>
  return %y : tensor<4xf32>
}
