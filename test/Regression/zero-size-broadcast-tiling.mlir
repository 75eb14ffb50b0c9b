// A broadcast into a shape with a size-0 dimension used to crash
// --vmapc-lower-to-llvm in TileAndVectorize (upstream
// linalg::computeTileSizes, via tileConsumerAndFuseProducersUsingSCF); the
// pipeline now folds linalg ops with an empty iteration space first
// (vmapc-fold-empty-loops). Found
// by vmapc-difftest with --zero-dims (seed 1, programs 816 and 947: a vmap
// whose out_axes places the batch before a size-0 dimension); reduced by
// hand. Other size-0 programs fail to compile with "offset 0 is
// out-of-bounds: 0 >= 0" (seed 1, program 183).
// RUN: vmapc-difftest --check %s --input-seed=1

func.func @broadcast(%a: tensor<2x0xi64>) -> tensor<2x1x0xi64> {
  %0 = "vmapc.broadcast_in_dim"(%a) {broadcast_dimensions = array<i64: 0, 2>} : (tensor<2x0xi64>) -> tensor<2x1x0xi64>
  "func.return"(%0) : (tensor<2x1x0xi64>) -> ()
}
