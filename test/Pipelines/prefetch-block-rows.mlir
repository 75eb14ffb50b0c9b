// vmapc-prefetch-block-rows: a register block's k loop reading columns of 8
// rows of a streamed lhs gets, at the top of its row loop, one prefetch per
// cache line of each of the next block's 8 rows (clamped to the last row).
// Scratch buffers and k loops without static bounds get none.
// RUN: vmapc-opt --pass-pipeline='builtin.module(func.func(vmapc-prefetch-block-rows,canonicalize))' %s | FileCheck %s

// CHECK-LABEL: func.func @streamed
// CHECK-SAME: (%[[X:[^:]+]]: memref<64x32xf32>
// CHECK-DAG: %[[LAST:.+]] = arith.constant 63 : index
// CHECK-DAG: %[[C15:.+]] = arith.constant 15 : index
// CHECK: scf.for %[[I:.+]] = %{{.+}} to %{{.+}} step %c8
// CHECK-NEXT: %[[R0:.+]] = arith.addi %[[I]], %c8
// CHECK-NEXT: %[[K0:.+]] = arith.minui %[[R0]], %[[LAST]]
// CHECK-NEXT: memref.prefetch %[[X]][%[[K0]], %c0], read, locality<3>, data
// CHECK-NEXT: memref.prefetch %[[X]][%[[K0]], %c16], read, locality<3>, data
// CHECK-COUNT-12: memref.prefetch %[[X]]
// CHECK: %[[R7:.+]] = arith.addi %[[I]], %[[C15]]
// CHECK-NEXT: %[[K7:.+]] = arith.minui %[[R7]], %[[LAST]]
// CHECK-NEXT: memref.prefetch %[[X]][%[[K7]], %c0]
// CHECK-NEXT: memref.prefetch %[[X]][%[[K7]], %c16]
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @streamed(%x: memref<64x32xf32>, %w: memref<32x16xf32>,
                    %out: memref<64x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %pad = ub.poison : f32
  %zero = arith.constant dense<0.0> : vector<8x16xf32>
  scf.for %i = %c0 to %c64 step %c8 {
    %acc = scf.for %k = %c0 to %c32 step %c1 iter_args(%a = %zero) -> (vector<8x16xf32>) {
      // The row index computed in the k loop, as tiling leaves it.
      %row = affine.apply affine_map<()[s0] -> (s0)>()[%i]
      %lhs = vector.transfer_read %x[%row, %k], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<8x1xf32>
      %rhs = vector.transfer_read %w[%k, %c0], %pad {in_bounds = [true, true]} : memref<32x16xf32>, vector<1x16xf32>
      %r = vector.contract {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %lhs, %rhs, %a : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
      scf.yield %r : vector<8x16xf32>
    }
    vector.transfer_write %acc, %out[%i, %c0] {in_bounds = [true, true]} : vector<8x16xf32>, memref<64x16xf32>
  }
  return
}

// CHECK-LABEL: func.func @scratch_and_dynamic
// CHECK-NOT: memref.prefetch
// CHECK: return
func.func @scratch_and_dynamic(%x: memref<64x32xf32>, %w: memref<32x16xf32>, %n: index,
                               %out: memref<64x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %pad = ub.poison : f32
  %zero = arith.constant dense<0.0> : vector<8x16xf32>
  %tile = memref.alloca() : memref<64x32xf32>
  scf.for %i = %c0 to %c64 step %c8 {
    // A scratch tile: already in cache.
    %acc = scf.for %k = %c0 to %c32 step %c1 iter_args(%a = %zero) -> (vector<8x16xf32>) {
      %lhs = vector.transfer_read %tile[%i, %k], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<8x1xf32>
      %rhs = vector.transfer_read %w[%k, %c0], %pad {in_bounds = [true, true]} : memref<32x16xf32>, vector<1x16xf32>
      %r = vector.contract {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %lhs, %rhs, %a : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
      scf.yield %r : vector<8x16xf32>
    }
    vector.transfer_write %acc, %out[%i, %c0] {in_bounds = [true, true]} : vector<8x16xf32>, memref<64x16xf32>
    // A k range known only at run time.
    %acc2 = scf.for %k = %c0 to %n step %c1 iter_args(%a = %zero) -> (vector<8x16xf32>) {
      %lhs = vector.transfer_read %x[%i, %k], %pad {in_bounds = [true, true]} : memref<64x32xf32>, vector<8x1xf32>
      %rhs = vector.transfer_read %w[%k, %c0], %pad {in_bounds = [true, true]} : memref<32x16xf32>, vector<1x16xf32>
      %r = vector.contract {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>} %lhs, %rhs, %a : vector<8x1xf32>, vector<1x16xf32> into vector<8x16xf32>
      scf.yield %r : vector<8x16xf32>
    }
    vector.transfer_write %acc2, %out[%i, %c0] {in_bounds = [true, true]} : vector<8x16xf32>, memref<64x16xf32>
  }
  return
}
