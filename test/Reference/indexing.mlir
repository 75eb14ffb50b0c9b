// dynamic_slice and gather in the reference evaluator: runtime indices,
// clamped as in jax.lax (dynamic_slice) and jnp.take(mode="clip") (gather).
// Expected values worked out by hand.
// RUN: vmapc-eval %s -e dynamic_slice | FileCheck %s --check-prefix=DS
// RUN: vmapc-eval %s -e gather | FileCheck %s --check-prefix=GATHER

// DS:      tensor<2x2xi32> {{\[}}[6, 7], [10, 11]]
// DS-NEXT: tensor<2x2xi32> {{\[}}[8, 9], [12, 13]]
// DS-NEXT: tensor<3xf32> [1, 2, 3]
func.func @dynamic_slice() -> (tensor<2x2xi32>, tensor<2x2xi32>, tensor<3xf32>) {
  %lin = "vmapc.iota"() {dimension = 0 : i64} : () -> tensor<16xi32>
  %x = "vmapc.reshape"(%lin) : (tensor<16xi32>) -> tensor<4x4xi32>
  %i1 = "vmapc.constant"() {value = dense<1> : tensor<i32>} : () -> tensor<i32>
  %j2 = "vmapc.constant"() {value = dense<2> : tensor<i64>} : () -> tensor<i64>
  %a = "vmapc.dynamic_slice"(%x, %i1, %j2) {slice_sizes = array<i64: 2, 2>} : (tensor<4x4xi32>, tensor<i32>, tensor<i64>) -> tensor<2x2xi32>
  // Starts (3, -5) clamp to (4 - 2, 0) = (2, 0).
  %i3 = "vmapc.constant"() {value = dense<3> : tensor<i32>} : () -> tensor<i32>
  %jm = "vmapc.constant"() {value = dense<-5> : tensor<i32>} : () -> tensor<i32>
  %b = "vmapc.dynamic_slice"(%x, %i3, %jm) {slice_sizes = array<i64: 2, 2>} : (tensor<4x4xi32>, tensor<i32>, tensor<i32>) -> tensor<2x2xi32>
  // Full-size slice: every start clamps to 0.
  %v = "vmapc.constant"() {value = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %big = "vmapc.constant"() {value = dense<100> : tensor<i64>} : () -> tensor<i64>
  %c = "vmapc.dynamic_slice"(%v, %big) {slice_sizes = array<i64: 3>} : (tensor<3xf32>, tensor<i64>) -> tensor<3xf32>
  return %a, %b, %c : tensor<2x2xi32>, tensor<2x2xi32>, tensor<3xf32>
}

// GATHER:      tensor<4x2xf32> {{\[}}[20, 21], [0, 1], [30, 31], [0, 1]]
// GATHER-NEXT: tensor<2x2x2xi32> {{\[}}{{\[}}[3, 1], [2, 2]], {{\[}}[6, 4], [5, 5]]]
// GATHER-NEXT: tensor<2x2xi32> {{\[}}[3, 1], [5, 5]]
// GATHER-NEXT: tensor<f64> 30
// GATHER-NEXT: tensor<2x3xi32> {{\[}}[3, 2, 1], [4, 4, 6]]
func.func @gather() -> (tensor<4x2xf32>, tensor<2x2x2xi32>, tensor<2x2xi32>,
                        tensor<f64>, tensor<2x3xi32>) {
  %table = "vmapc.constant"() {value = dense<[[0.0, 1.0], [10.0, 11.0], [20.0, 21.0], [30.0, 31.0]]> : tensor<4x2xf32>} : () -> tensor<4x2xf32>
  // 7 clamps to 3, -1 to 0.
  %rows = "vmapc.constant"() {value = dense<[2, 0, 7, -1]> : tensor<4xi32>} : () -> tensor<4xi32>
  %g0 = "vmapc.gather"(%table, %rows) {axis = 0 : i64, batch_dims = 0 : i64} : (tensor<4x2xf32>, tensor<4xi32>) -> tensor<4x2xf32>
  // Along axis 1, 2-D indices: r[i, a, b] = x[i, idx[a, b]].
  %x = "vmapc.constant"() {value = dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>} : () -> tensor<2x3xi32>
  %idx = "vmapc.constant"() {value = dense<[[2, 0], [1, 1]]> : tensor<2x2xi64>} : () -> tensor<2x2xi64>
  %g1 = "vmapc.gather"(%x, %idx) {axis = 1 : i64, batch_dims = 0 : i64} : (tensor<2x3xi32>, tensor<2x2xi64>) -> tensor<2x2x2xi32>
  // batch_dims = 1 pairs row i of x with row i of idx: r[i, a] = x[i, idx[i, a]].
  %g2 = "vmapc.gather"(%x, %idx) {axis = 1 : i64, batch_dims = 1 : i64} : (tensor<2x3xi32>, tensor<2x2xi64>) -> tensor<2x2xi32>
  // A scalar index gives a scalar from a vector.
  %v = "vmapc.constant"() {value = dense<[10.0, 20.0, 30.0]> : tensor<3xf64>} : () -> tensor<3xf64>
  %k = "vmapc.constant"() {value = dense<2> : tensor<i32>} : () -> tensor<i32>
  %g3 = "vmapc.gather"(%v, %k) {axis = 0 : i64, batch_dims = 0 : i64} : (tensor<3xf64>, tensor<i32>) -> tensor<f64>
  // batch_dims = 1, one index row per operand row: x[0, [2, 1, 0]] and x[1, [0, 0, 2]].
  %perm = "vmapc.constant"() {value = dense<[[2, 1, 0], [0, 0, 2]]> : tensor<2x3xi32>} : () -> tensor<2x3xi32>
  %g4 = "vmapc.gather"(%x, %perm) {axis = 1 : i64, batch_dims = 1 : i64} : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  return %g0, %g1, %g2, %g3, %g4 : tensor<4x2xf32>, tensor<2x2x2xi32>, tensor<2x2xi32>, tensor<f64>, tensor<2x3xi32>
}
