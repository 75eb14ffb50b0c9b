// The seed programs, written per example and batched with vmapc.vmap, run
// end to end (batching, lowering, JIT). Expected values computed
// independently (exact for the NN; to 5-6 digits where exp is involved,
// since exp uses a polynomial approximation); vmapc-eval must agree.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/x.npy '<f4' 4,3 --values=1,2,-1,0,1,1,-2,0.5,3,1,1,1
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/w1.npy '<f4' 3,5 --values=1,-1,0.5,2,0,0,1,1,-1,1,2,0,-1,1,-0.5
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/w2.npy '<f4' 5,2 --values=1,0,0,1,1,1,-1,2,0.5,-0.5
// RUN: vmapc-run %s -e nn --arg=%t/x.npy --arg=%t/w1.npy --arg=%t/w2.npy --out=%t/nn | FileCheck %s --check-prefix=NN
// RUN: vmapc-eval %s -e nn --arg=%t/x.npy --arg=%t/w1.npy --arg=%t/w2.npy | FileCheck %s --check-prefix=NN
// The written .npy holds the same result.
// RUN: vmapc-eval %s -e identity --arg=%t/nn0.npy | FileCheck %s --check-prefix=NN
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/p.npy '<f4' 4,2 --values=0,0,1,2,-1,0.5,3,-1
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/mu.npy '<f4' 2 --values=0.5,1
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/var.npy '<f4' 2 --values=1,4
// RUN: vmapc-run %s -e gaussian --arg=%t/p.npy --arg=%t/mu.npy --arg=%t/var.npy | FileCheck %s --check-prefix=GAUSS
// RUN: vmapc-eval %s -e gaussian --arg=%t/p.npy --arg=%t/mu.npy --arg=%t/var.npy | FileCheck %s --check-prefix=GAUSS
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/xs.npy '<f4' 3,3 --values=1,0,2,0.5,-1,0,3,3,-2
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/w.npy '<f4' 3,4 --values=1,0,-1,0.5,0,2,1,0,0.5,0.5,0,-1
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/b.npy '<f4' 4 --values=0.1,0,-0.2,0.3
// RUN: vmapc-run %s -e softmax --arg=%t/xs.npy --arg=%t/w.npy --arg=%t/b.npy | FileCheck %s --check-prefix=SOFT
// RUN: vmapc-eval %s -e softmax --arg=%t/xs.npy --arg=%t/w.npy --arg=%t/b.npy | FileCheck %s --check-prefix=SOFT

// NN inference relu(x . W1) . W2, one example per call of @forward.
// NN: tensor<4x2xf32> {{\[}}[4.75, 3.25], [2.25, 0.75], [4, 2.5], [1.75, 4.25]]
func.func private @forward(%x: tensor<3xf32>, %w1: tensor<3x5xf32>, %w2: tensor<5x2xf32>) -> tensor<2xf32> {
  %h = "vmapc.dot_general"(%x, %w1) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<3xf32>, tensor<3x5xf32>) -> tensor<5xf32>
  %z = "vmapc.constant"() {value = dense<0.0> : tensor<5xf32>} : () -> tensor<5xf32>
  %r = "vmapc.max"(%h, %z) : (tensor<5xf32>, tensor<5xf32>) -> tensor<5xf32>
  %y = "vmapc.dot_general"(%r, %w2) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<5xf32>, tensor<5x2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
func.func @nn(%x: tensor<4x3xf32>, %w1: tensor<3x5xf32>, %w2: tensor<5x2xf32>) -> tensor<4x2xf32> {
  %y = "vmapc.vmap"(%x, %w1, %w2) {callee = @forward, in_axes = [0 : i64, unit, unit], out_axes = [0 : i64]} : (tensor<4x3xf32>, tensor<3x5xf32>, tensor<5x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}
func.func @identity(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  return %x : tensor<4x2xf32>
}

// Gaussian pdf with diagonal covariance, k = 2:
// exp(-0.5 sum((p - mu)^2 / var)) / sqrt((2 pi)^2 prod(var)).
// GAUSS: tensor<4xf32> [0.06197{{[0-9]*}}, 0.06197{{[0-9]*}}, 0.02504{{[0-9]*}}, 0.002120{{[0-9]*}}]
func.func private @pdf(%p: tensor<2xf32>, %mu: tensor<2xf32>, %var: tensor<2xf32>) -> tensor<f32> {
  %d = "vmapc.sub"(%p, %mu) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %d2 = "vmapc.mul"(%d, %d) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %q = "vmapc.div"(%d2, %var) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %s = "vmapc.reduce"(%q) {kind = "sum", dimensions = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  %mhalf = "vmapc.constant"() {value = dense<-0.5> : tensor<f32>} : () -> tensor<f32>
  %e = "vmapc.mul"(%s, %mhalf) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %num = "vmapc.exp"(%e) : (tensor<f32>) -> tensor<f32>
  %pv = "vmapc.reduce"(%var) {kind = "prod", dimensions = array<i64: 0>} : (tensor<2xf32>) -> tensor<f32>
  %twopi2 = "vmapc.constant"() {value = dense<39.4784176> : tensor<f32>} : () -> tensor<f32>
  %den2 = "vmapc.mul"(%pv, %twopi2) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %rs = "vmapc.rsqrt"(%den2) : (tensor<f32>) -> tensor<f32>
  %r = "vmapc.mul"(%num, %rs) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}
func.func @gaussian(%p: tensor<4x2xf32>, %mu: tensor<2xf32>, %var: tensor<2xf32>) -> tensor<4xf32> {
  %r = "vmapc.vmap"(%p, %mu, %var) {callee = @pdf, in_axes = [0 : i64, unit, unit], out_axes = [0 : i64]} : (tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// Softmax regression softmax(x . W + b), max-subtracted.
// SOFT: tensor<3x4xf32> {{\[}}[0.71091{{[0-9]*}}, 0.23664{{[0-9]*}}, 0.026220{{[0-9]*}}, 0.026220{{[0-9]*}}], [0.47041{{[0-9]*}}, 0.034939{{[0-9]*}}, 0.047163{{[0-9]*}}, 0.44747{{[0-9]*}}], [0.040406{{[0-9]*}}, 0.73435{{[0-9]*}}, 0.0040511{{[0-9]*}}, 0.22118{{[0-9]*}}]]
func.func private @classify(%x: tensor<3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %l0 = "vmapc.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<3xf32>, tensor<3x4xf32>) -> tensor<4xf32>
  %l = "vmapc.add"(%l0, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %m = "vmapc.reduce"(%l) {kind = "max", dimensions = array<i64: 0>} : (tensor<4xf32>) -> tensor<f32>
  %mb = "vmapc.broadcast_in_dim"(%m) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<4xf32>
  %d = "vmapc.sub"(%l, %mb) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %e = "vmapc.exp"(%d) : (tensor<4xf32>) -> tensor<4xf32>
  %s = "vmapc.reduce"(%e) {kind = "sum", dimensions = array<i64: 0>} : (tensor<4xf32>) -> tensor<f32>
  %sb = "vmapc.broadcast_in_dim"(%s) {broadcast_dimensions = array<i64>} : (tensor<f32>) -> tensor<4xf32>
  %p = "vmapc.div"(%e, %sb) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %p : tensor<4xf32>
}
func.func @softmax(%x: tensor<3x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<3x4xf32> {
  %r = "vmapc.vmap"(%x, %w, %b) {callee = @classify, in_axes = [0 : i64, unit, unit], out_axes = [0 : i64]} : (tensor<3x3xf32>, tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}
