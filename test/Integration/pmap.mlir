// REQUIRES: mpi
// OpenMPI's own internals are not sanitizer-clean (its shared-memory
// transport trips ASan), so the sanitized builds leave pmap to this build.
// UNSUPPORTED: sanitizers
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/gen_pmap.py %t
//
// One process (the pmap is a vmap), then mpirun with 1, 2 and 4 ranks (the
// 8 examples split 8, 4 and 2 per rank; psum, pmean and all_gather cross
// the ranks through MPI_Allreduce): rank 0 must print the same results,
// which are exact (inputs are multiples of 1/4), and match the numbers
// below, worked out by hand for psum and the first rows.
// RUN: vmapc-run %s -e main --arg=%t/xs.npy --arg=%t/w.npy > %t/one.txt
// RUN: FileCheck %s < %t/one.txt
// RUN: %mpirun -np 1 vmapc-run %s -e main --arg=%t/xs.npy --arg=%t/w.npy > %t/np1.txt
// RUN: diff %t/one.txt %t/np1.txt
// RUN: %mpirun -np 2 vmapc-run %s -e main --arg=%t/xs.npy --arg=%t/w.npy > %t/np2.txt
// RUN: diff %t/one.txt %t/np2.txt
// RUN: %mpirun -np 4 vmapc-run %s -e main --arg=%t/xs.npy --arg=%t/w.npy > %t/np4.txt
// RUN: diff %t/one.txt %t/np4.txt
//
// A psum over the pmap's axis inside a vmap over another axis: the inner
// batching keeps the cross-rank all_reduce on the batched value.
// RUN: vmapc-run %s -e nested --arg=%t/ns.npy > %t/nested1.txt
// RUN: FileCheck %s --check-prefix=NESTED < %t/nested1.txt
// RUN: %mpirun -np 2 vmapc-run %s -e nested --arg=%t/ns.npy > %t/nested2.txt
// RUN: diff %t/nested1.txt %t/nested2.txt
// RUN: %mpirun -np 4 vmapc-run %s -e nested --arg=%t/ns.npy > %t/nested4.txt
// RUN: diff %t/nested1.txt %t/nested4.txt
// Element [j, c] is the sum over the 4 examples i of ns[i, j, c]: for
// j = 0, c = 0, (-7 - 1 + 5 + 11) / 2 = 4; every example gets the same.
// NESTED: tensor<4x3x2xf32> {{\[\[\[}}4, 6], [8, 10], [12, 14]], {{\[\[}}4, 6], [8, 10], [12, 14]],
//
// 8 examples do not split over 3 ranks: a located error on every rank.
// RUN: not %mpirun -np 3 vmapc-run %s -e main --arg=%t/xs.npy --arg=%t/w.npy 2> %t/np3.txt
// RUN: FileCheck %s --check-prefix=UNEVEN < %t/np3.txt
// UNEVEN: pmap.mlir:{{[0-9]+}}:{{[0-9]+}}: error: 'vmapc.pmap' op maps 8 examples over 3 ranks: the mapped axis must be a multiple of the rank count (pad the batch)

// y = x w per example; results: y - pmean(y), psum(y), all_gather(y).
// Row 0 of xs is [-2.5, -2.25, -2]: y0 = [-2.5 - 6.75 - 1, -5 + 2.25 - 0.5]
// = [-10.25, -3.25]; the mean of the 8 rows of y is [1.5625, 0.03125], so
// psum(y) = 8 * mean = [12.5, 0.25] and row 0 of y - pmean(y) is
// [-11.8125, -3.28125].
// CHECK: tensor<8x2xf32> {{\[\[}}-11.8125, -3.28125], [-8.4375, -2.34375],
// CHECK-NEXT: tensor<2xf32> [12.5, 0.25]
// CHECK-NEXT: tensor<8x2xf32> {{\[\[}}-10.25, -3.25], [-6.875, -2.3125],

func.func private @f(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<8x2xf32>) {
  %y = vmapc.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [0] x [0]
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  %s = vmapc.psum %y axis_name = "i" : tensor<2xf32>
  %m = vmapc.pmean %y axis_name = "i" : tensor<2xf32>
  %g = vmapc.all_gather %y axis_name = "i" : tensor<2xf32> -> tensor<8x2xf32>
  %d = vmapc.sub %y, %m : tensor<2xf32>
  return %d, %s, %g : tensor<2xf32>, tensor<2xf32>, tensor<8x2xf32>
}

func.func @main(%xs: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> (tensor<8x2xf32>, tensor<2xf32>, tensor<8x2xf32>) {
  %r:3 = vmapc.pmap @f(%xs, %w) in_axes [0, none] out_axes [0, none, none] axis_name = "i"
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> (tensor<8x2xf32>, tensor<2xf32>, tensor<8x2xf32>)
  return %r#0, %r#1, %r#2 : tensor<8x2xf32>, tensor<2xf32>, tensor<8x2xf32>
}

func.func private @total(%x: tensor<2xf32>) -> tensor<2xf32> {
  %s = vmapc.psum %x axis_name = "i" : tensor<2xf32>
  return %s : tensor<2xf32>
}
func.func private @rows(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %r = vmapc.vmap @total(%x) in_axes [0] out_axes [0] axis_name = "j"
       : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}
func.func @nested(%xs: tensor<4x3x2xf32>) -> tensor<4x3x2xf32> {
  %r = vmapc.pmap @rows(%xs) in_axes [0] out_axes [0] axis_name = "i"
       : (tensor<4x3x2xf32>) -> tensor<4x3x2xf32>
  return %r : tensor<4x3x2xf32>
}
