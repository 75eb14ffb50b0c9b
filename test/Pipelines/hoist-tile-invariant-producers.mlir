// In --vmapc-lower-to-llvm, loop-invariant code motion runs after
// --vmapc-tile-and-vectorize: a producer fused into a tile loop whose every
// tile reads all of it is computed once, before the loop. Here (a LIF step:
// W6 at N = 128) each 64-row tile of dot(W, fired) needs all of `fired` as
// floats; fused, the conversion ran once per tile and step (W6, N = 1024:
// 16 times per step, 157 -> 147 ms hoisted). The comparison per tile, which
// reads the tile's slice, stays in the loop. The sums of the mat-vec run in
// another order than the reference evaluator's: the potentials agree to a
// few ulp, the spikes exactly.
// RUN: vmapc-opt %s --vmapc-lower-to-llvm --mlir-print-ir-after=loop-invariant-code-motion -o /dev/null 2>&1 | FileCheck %s
// RUN: vmapc-difftest --check %s --input-seed=3 | FileCheck %s --check-prefix=NUM

// CHECK-LABEL: IR Dump After LoopInvariantCodeMotion
// CHECK:       func.func @lif(
// CHECK:         scf.for %{{.+}} = %c0 to %c20 step %c1
// CHECK:           arith.cmpf oge
// CHECK:           arith.uitofp %{{.+}} : i1 to f32
// CHECK:           scf.for %{{.+}} = %c0 to %c128 step %c64
// CHECK-NOT:         arith.uitofp
// CHECK:             arith.cmpf oge
// CHECK-NOT:         arith.uitofp
// CHECK:             vector.multi_reduction
// CHECK-NOT:         arith.uitofp
// CHECK:             scf.yield
// NUM: vmapc-difftest: 1 function(s) pass
func.func private @step(%v: tensor<128xf32>, %w: tensor<128x128xf32>, %i: tensor<128xf32>) -> (tensor<128xf32>, tensor<128xi1>) {
  %th = vmapc.constant dense<1.0> : tensor<128xf32>
  %f = vmapc.compare ge, %v, %th : tensor<128xf32>
  %ff = vmapc.convert %f : tensor<128xi1> -> tensor<128xf32>
  %s = vmapc.dot_general %w, %ff, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<128x128xf32>, tensor<128xf32>) -> tensor<128xf32>
  %a = vmapc.add %s, %i : tensor<128xf32>
  %z = vmapc.constant dense<0.0> : tensor<128xf32>
  %n = vmapc.select %f, %z, %a : tensor<128xi1>, tensor<128xf32>
  return %n, %f : tensor<128xf32>, tensor<128xi1>
}
func.func @lif(%w: tensor<128x128xf32>, %i: tensor<128xf32>, %v0: tensor<128xf32>) -> (tensor<128xf32>, tensor<20x128xi1>)
    attributes {difftest.rtol = [1.0e-5, 0.0]} {
  %r:2 = vmapc.scan (%v = %v0) length = 20 : (tensor<128xf32>) -> (tensor<20x128xi1>) {
    %o:2 = func.call @step(%v, %w, %i) : (tensor<128xf32>, tensor<128x128xf32>, tensor<128xf32>) -> (tensor<128xf32>, tensor<128xi1>)
    vmapc.yield %o#0, %o#1 : tensor<128xf32>, tensor<128xi1>
  }
  return %r#0, %r#1 : tensor<128xf32>, tensor<20x128xi1>
}
