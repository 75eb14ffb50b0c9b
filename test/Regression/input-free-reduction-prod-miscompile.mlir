// Found by the 100,000-program difftest run: fusion folds the constant
// operand of a reduction into its combiner (`out * 3`, `out + 0.25`), and the
// upstream vectorizer computed such a combiner once instead of once per
// reduced point. vmapc-tile-and-vectorize now leaves these reductions scalar.
// RUN: vmapc-difftest --check %s --input-seed=13536133966661702467
//
// Found by vmapc-difftest --seed=8180614879416300217 --first=4635 --programs=1 and reduced.
// Failed: compiled vs reference: result 0 (exact): element 0: expected 6.561000e+03, got 3.000000e+00; expected tensor<1xi64> [6561]; got tensor<1xi64> [3]
module {
func.func private @p4635_inner0() -> (tensor<8x1xi64>) {
  %v4 = "vmapc.constant"() {value = dense<1> : tensor<4x2x1xi64>} : () -> tensor<4x2x1xi64>
  %v5 = "vmapc.reduce"(%v4) {dimensions = array<i64: 1>, kind = "min"} : (tensor<4x2x1xi64>) -> tensor<4x1xi64>
  %v7 = "vmapc.concatenate"(%v5, %v5) {dimension = 0 : i64} : (tensor<4x1xi64>, tensor<4x1xi64>) -> tensor<8x1xi64>
  "func.return"(%v7) : (tensor<8x1xi64>) -> ()
}
func.func private @p4635_body(%v0: tensor<3x8x2xf32>) -> (tensor<i64>) {
  %v2 = "vmapc.vmap"() {callee = @p4635_inner0, in_axes = [], out_axes = [unit], axis_size = 1 : i64} : () -> tensor<8x1xi64>
  %v4 = "vmapc.constant"() {value = dense<3> : tensor<8x1xi64>} : () -> tensor<8x1xi64>
  %v5 = "vmapc.compare"(%v2, %v4) {predicate = "eq"} : (tensor<8x1xi64>, tensor<8x1xi64>) -> tensor<8x1xi1>
  %v6 = "vmapc.select"(%v5, %v2, %v4) : (tensor<8x1xi1>, tensor<8x1xi64>, tensor<8x1xi64>) -> tensor<8x1xi64>
  %v7 = "vmapc.reduce"(%v6) {dimensions = array<i64: 0, 1>, kind = "prod"} : (tensor<8x1xi64>) -> tensor<i64>
  "func.return"(%v7) : (tensor<i64>) -> ()
}
func.func @p4635_wrap(%v0: tensor<3x1x8x2xf32>) -> (tensor<1xi64>) attributes {difftest.rtol = [0.00000000000000000e+00 : f64], difftest.scale = [6.56100000000000000e+03 : f64]} {
  %v1 = "vmapc.vmap"(%v0) {callee = @p4635_body, in_axes = [-3 : i64], out_axes = [-1 : i64]} : (tensor<3x1x8x2xf32>) -> tensor<1xi64>
  "func.return"(%v1) : (tensor<1xi64>) -> ()
}
}
