// Concatenating and slicing size-0 tensors used to fail to compile:
// tensor.insert_slice / extract_slice at an offset equal to a size-0 dim is
// out of bounds. The lowering now skips empty concatenate inputs and builds
// empty slices as tensor.empty.
// RUN: vmapc-difftest --check %s --input-seed=9268266844030413619
//
// Found by vmapc-difftest --seed=1 --first=183 --programs=1 and reduced.
// Failed: JIT compile: difftest:3:9: error: offset 0 is out-of-bounds: 0 >= 0
module {
func.func private @p183_body(%v0: tensor<0x2x17xi64>) -> (tensor<2x17xi64>) {
  %v1 = "vmapc.concatenate"(%v0, %v0) {dimension = 0 : i64} : (tensor<0x2x17xi64>, tensor<0x2x17xi64>) -> tensor<0x2x17xi64>
  %v4 = "vmapc.constant"() {value = dense<1> : tensor<2x17xi64>} : () -> tensor<2x17xi64>
  "func.return"(%v4) : (tensor<2x17xi64>) -> ()
}
func.func @p183_wrap(%v0: tensor<0x2x4x17xi64>) -> (tensor<4x2x17xi64>) attributes {difftest.rtol = [0.00000000000000000e+00 : f64], difftest.scale = [4.00000000000000000e+00 : f64]} {
  %v1 = "vmapc.vmap"(%v0) {callee = @p183_body, in_axes = [-2 : i64], out_axes = [0 : i64]} : (tensor<0x2x4x17xi64>) -> tensor<4x2x17xi64>
  "func.return"(%v1) : (tensor<4x2x17xi64>) -> ()
}
}
