// vmapc-double-buffer-loop-state: a loop whose step allocates its new state
// (bufferized fori_loop) writes it into one of two stack buffers at the
// function's entry instead, picked by the step's parity; the previous state
// is the loop's init at step 0. A state whose previous buffer escapes the
// step (yielded again) keeps its allocation.
// RUN: vmapc-opt --pass-pipeline='builtin.module(func.func(vmapc-double-buffer-loop-state,canonicalize))' %s | FileCheck %s

// CHECK-LABEL: func.func @steps
// CHECK-SAME: (%[[X0:[^:]+]]: memref<64xf32>
// CHECK-DAG: %[[EVEN:.+]] = memref.alloca() {alignment = 64 : i64} : memref<64xf32>
// CHECK-DAG: %[[ODD:.+]] = memref.alloca() {alignment = 64 : i64} : memref<64xf32>
// CHECK: scf.for %[[I:[^ ]+]] = %c0 to %c10 step %c1 {
// CHECK-NOT: memref.alloc(
// CHECK-DAG: %[[PAR:.+]] = arith.andi %[[I]], %c1
// CHECK-DAG: %[[ISODD:.+]] = arith.cmpi eq, %[[PAR]], %c1
// CHECK-DAG: %[[W:.+]] = arith.select %[[ISODD]], %[[ODD]], %[[EVEN]]
// CHECK-DAG: %[[FIRST:.+]] = arith.cmpi eq, %[[I]], %c0
// CHECK-DAG: %[[OTHER:.+]] = arith.select %[[ISODD]], %[[EVEN]], %[[ODD]]
// CHECK-DAG: %[[PREV:.+]] = arith.select %[[FIRST]], %[[X0]], %[[OTHER]]
// CHECK: %[[V:.+]] = vector.transfer_read %[[PREV]]
// CHECK: vector.transfer_write %{{.+}}, %[[W]]
// CHECK: }
// Ten steps: the last (9) wrote the odd buffer.
// CHECK: memref.copy %[[ODD]], %{{.+}}
func.func @steps(%x0: memref<64xf32>, %out: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c10 = arith.constant 10 : index
  %pad = ub.poison : f32
  %r = scf.for %i = %c0 to %c10 step %c1 iter_args(%x = %x0) -> (memref<64xf32>) {
    %new = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    %v = vector.transfer_read %x[%c0], %pad {in_bounds = [true]} : memref<64xf32>, vector<64xf32>
    %w = arith.addf %v, %v : vector<64xf32>
    vector.transfer_write %w, %new[%c0] {in_bounds = [true]} : vector<64xf32>, memref<64xf32>
    scf.yield %new : memref<64xf32>
  }
  memref.copy %r, %out : memref<64xf32> to memref<64xf32>
  return
}

// CHECK-LABEL: func.func @escapes
// CHECK: scf.for
// CHECK: memref.alloc()
func.func @escapes(%x0: memref<64xf32>, %out: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c10 = arith.constant 10 : index
  %pad = ub.poison : f32
  %r:2 = scf.for %i = %c0 to %c10 step %c1 iter_args(%x = %x0, %old = %x0) -> (memref<64xf32>, memref<64xf32>) {
    %new = memref.alloc() {alignment = 64 : i64} : memref<64xf32>
    %v = vector.transfer_read %x[%c0], %pad {in_bounds = [true]} : memref<64xf32>, vector<64xf32>
    vector.transfer_write %v, %new[%c0] {in_bounds = [true]} : vector<64xf32>, memref<64xf32>
    // The previous state lives on as the second iter_arg.
    scf.yield %new, %x : memref<64xf32>, memref<64xf32>
  }
  memref.copy %r#1, %out : memref<64xf32> to memref<64xf32>
  return
}
