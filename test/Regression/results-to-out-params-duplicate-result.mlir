// A public function returning one value twice used to crash the lowering:
// upstream promoteBufferResultsToOutParams (hoistStaticAllocs) segfaulted on
// the second use of the hoisted allocation. lib/Pipelines/ResultsToOutParams
// now copies a buffer returned more than once. Found by vmapc-difftest
// --seed=1 (program 855: after batching, two results of a vmap fold to one
// value); reduced by hand to the functions below.
// RUN: vmapc-difftest --check %s --input-seed=1

func.func @twice(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "vmapc.neg"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  "func.return"(%0, %0) : (tensor<4xf32>, tensor<4xf32>) -> ()
}

func.func private @pair(%x: tensor<4xf32>) -> (tensor<f32>, tensor<f32>) {
  %c = "vmapc.constant"() {value = dense<0.5> : tensor<f32>} : () -> tensor<f32>
  "func.return"(%c, %c) : (tensor<f32>, tensor<f32>) -> ()
}

func.func @vmapped(%x: tensor<5x4xf32>) -> (tensor<5xf32>, tensor<5xf32>) {
  %0, %1 = "vmapc.vmap"(%x) {callee = @pair, in_axes = [0 : i64], out_axes = [-1 : i64, -1 : i64]} : (tensor<5x4xf32>) -> (tensor<5xf32>, tensor<5xf32>)
  "func.return"(%0, %1) : (tensor<5xf32>, tensor<5xf32>) -> ()
}
