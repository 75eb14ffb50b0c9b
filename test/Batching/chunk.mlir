// RUN: vmapc-opt --vmapc-batch --canonicalize %s | FileCheck %s
// RUN: vmapc-opt --vmapc-batch %s | vmapc-opt | FileCheck %s --check-prefix=GONE
// RUN: vmapc-opt --vmapc-batch %s | FileCheck %s --check-prefix=COPIES

// Chunked vmaps (chunk_size = C): the batching pass batches the callee for
// exactly C lanes and calls it from a loop over the full chunks (scf.for,
// or scf.forall with `parallel`), then once more for the tail on the last
// full window [max(N - C, 0), N), keeping only its last N mod C lanes. A
// dynamic batch may be smaller than C: its tail window is padded to C lanes
// with copies of lane N-1. out_axes none results come from one call of the
// unbatched callee. --canonicalize folds the index arithmetic of static
// batch sizes, so the loop bounds and slices below are concrete numbers.
// GONE-NOT: vmapc.vmap

func.func @f(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> tensor<2xf32> {
  %y = vmapc.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [0] x [0]
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  %t = vmapc.tanh %y : tensor<2xf32>
  return %t : tensor<2xf32>
}
// One copy for 4 lanes serves every chunked vmap of @f below on axis 0,
// whatever their batch size (10 or ?).
// CHECK-LABEL: func.func private @f_batched_0_none__4(
// CHECK-SAME:    %[[X:.+]]: tensor<4x3xf32>, %[[W:.+]]: tensor<3x2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT:    %[[Y:.+]] = vmapc.dot_general %[[X]], %[[W]], batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT:    %[[T:.+]] = vmapc.tanh %[[Y]] : tensor<4x2xf32>
// CHECK-NEXT:    return %[[T]]
// Exactly two copies of @f on axis 0: for chunks of 4, and for @small's 3
// lanes (none for 10 or 8 lanes, nor for a dynamic size).
// COPIES:     func.func private @f_batched_0_none__4(
// COPIES-NOT: func.func private @f_batched_0_none__
// COPIES:     func.func private @f_batched_0_none__3(
// COPIES-NOT: func.func private @f_batched_0_none__

// (a) N = 10, C = 4, serial: two full chunks at 0 and 4, then the tail runs
// the window [6, 10) and keeps its lanes 2 and 3 for results 8 and 9.
// CHECK-LABEL: func.func @serial(
// CHECK-SAME:    %[[XS:.+]]: tensor<10x3xf32>, %[[W:.+]]: tensor<3x2xf32>) -> tensor<10x2xf32>
// CHECK-NOT:     scf.forall
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK-DAG:     %[[C8:.+]] = arith.constant 8 : index
// CHECK-DAG:     %[[INIT:.+]] = tensor.empty() : tensor<10x2xf32>
// CHECK:         %[[LOOP:.+]] = scf.for %[[I:.+]] = %[[C0]] to %[[C8]] step %[[C4]] iter_args(%[[ACC:.+]] = %[[INIT]]) -> (tensor<10x2xf32>) {
// CHECK-NEXT:      %[[XC:.+]] = tensor.extract_slice %[[XS]][%[[I]], 0] [4, 3] [1, 1] : tensor<10x3xf32> to tensor<4x3xf32>
// CHECK-NEXT:      %[[YC:.+]] = func.call @f_batched_0_none__4(%[[XC]], %[[W]]) : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT:      %[[UPD:.+]] = tensor.insert_slice %[[YC]] into %[[ACC]][%[[I]], 0] [4, 2] [1, 1] : tensor<4x2xf32> into tensor<10x2xf32>
// CHECK-NEXT:      scf.yield %[[UPD]] : tensor<10x2xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[XT:.+]] = tensor.extract_slice %[[XS]][6, 0] [4, 3] [1, 1] : tensor<10x3xf32> to tensor<4x3xf32>
// CHECK-NEXT:    %[[YT:.+]] = call @f_batched_0_none__4(%[[XT]], %[[W]]) : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT:    %[[LANES:.+]] = tensor.extract_slice %[[YT]][2, 0] [2, 2] [1, 1] : tensor<4x2xf32> to tensor<2x2xf32>
// CHECK-NEXT:    %[[R:.+]] = tensor.insert_slice %[[LANES]] into %[[LOOP]][8, 0] [2, 2] [1, 1] : tensor<2x2xf32> into tensor<10x2xf32>
// CHECK-NEXT:    return %[[R]] : tensor<10x2xf32>
// CHECK-NEXT:  }
func.func @serial(%xs: tensor<10x3xf32>, %w: tensor<3x2xf32>) -> tensor<10x2xf32> {
  %r = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0] chunk_size = 4
       : (tensor<10x3xf32>, tensor<3x2xf32>) -> tensor<10x2xf32>
  return %r : tensor<10x2xf32>
}

// (b) The same with `parallel`: the full chunks are an scf.forall whose
// chunks write disjoint slices of the shared output; the tail is the same.
// CHECK-LABEL: func.func @par(
// CHECK-SAME:    %[[XS:.+]]: tensor<10x3xf32>, %[[W:.+]]: tensor<3x2xf32>) -> tensor<10x2xf32>
// CHECK-NOT:     scf.for
// CHECK:         %[[INIT:.+]] = tensor.empty() : tensor<10x2xf32>
// CHECK-NEXT:    %[[LOOP:.+]] = scf.forall (%[[I:.+]]) = (0) to (8) step (4) shared_outs(%[[OUT:.+]] = %[[INIT]]) -> (tensor<10x2xf32>) {
// CHECK-NEXT:      %[[XC:.+]] = tensor.extract_slice %[[XS]][%[[I]], 0] [4, 3] [1, 1] : tensor<10x3xf32> to tensor<4x3xf32>
// CHECK-NEXT:      %[[YC:.+]] = func.call @f_batched_0_none__4(%[[XC]], %[[W]]) : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[YC]] into %[[OUT]][%[[I]], 0] [4, 2] [1, 1] : tensor<4x2xf32> into tensor<10x2xf32>
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[XT:.+]] = tensor.extract_slice %[[XS]][6, 0] [4, 3] [1, 1] : tensor<10x3xf32> to tensor<4x3xf32>
// CHECK-NEXT:    %[[YT:.+]] = call @f_batched_0_none__4(%[[XT]], %[[W]])
// CHECK-NEXT:    %[[LANES:.+]] = tensor.extract_slice %[[YT]][2, 0] [2, 2] [1, 1] : tensor<4x2xf32> to tensor<2x2xf32>
// CHECK-NEXT:    %[[R:.+]] = tensor.insert_slice %[[LANES]] into %[[LOOP]][8, 0] [2, 2] [1, 1] : tensor<2x2xf32> into tensor<10x2xf32>
// CHECK-NEXT:    return %[[R]] : tensor<10x2xf32>
func.func @par(%xs: tensor<10x3xf32>, %w: tensor<3x2xf32>) -> tensor<10x2xf32> {
  %r = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0] chunk_size = 4 parallel
       : (tensor<10x3xf32>, tensor<3x2xf32>) -> tensor<10x2xf32>
  return %r : tensor<10x2xf32>
}

// (c) A dynamic batch N: the full chunks end at N / 4 * 4; the tail runs
// only if lanes are left. Its window starts at max(N - 4, 0) and holds
// min(N, 4) real lanes, inserted at the front of lane N-1 broadcast over 4
// lanes (the padding, which matters when N < 4). Lanes [N/4*4 - start, ..)
// of the chunk's result, N - N/4*4 of them, go to [N/4*4, N).
// CHECK-LABEL: func.func @dyn(
// CHECK-SAME:    %[[XS:.+]]: tensor<?x3xf32>, %[[W:.+]]: tensor<3x2xf32>) -> tensor<?x2xf32>
// CHECK-DAG:     %[[C0:.+]] = arith.constant 0 : index
// CHECK-DAG:     %[[C1:.+]] = arith.constant 1 : index
// CHECK-DAG:     %[[C4:.+]] = arith.constant 4 : index
// CHECK:         %[[N:.+]] = tensor.dim %[[XS]], %[[C0]] : tensor<?x3xf32>
// CHECK-NEXT:    %[[INIT:.+]] = tensor.empty(%[[N]]) : tensor<?x2xf32>
// CHECK-NEXT:    %[[NC:.+]] = arith.divui %[[N]], %[[C4]] : index
// CHECK-NEXT:    %[[FULL:.+]] = arith.muli %[[NC]], %[[C4]] : index
// CHECK-NEXT:    %[[LOOP:.+]] = scf.for %[[I:.+]] = %[[C0]] to %[[FULL]] step %[[C4]] iter_args(%[[ACC:.+]] = %[[INIT]]) -> (tensor<?x2xf32>) {
// CHECK-NEXT:      %[[XC:.+]] = tensor.extract_slice %[[XS]][%[[I]], 0] [4, 3] [1, 1] : tensor<?x3xf32> to tensor<4x3xf32>
// CHECK-NEXT:      %[[YC:.+]] = func.call @f_batched_0_none__4(%[[XC]], %[[W]])
// CHECK-NEXT:      %[[UPD:.+]] = tensor.insert_slice %[[YC]] into %[[ACC]][%[[I]], 0] [4, 2] [1, 1] : tensor<4x2xf32> into tensor<?x2xf32>
// CHECK-NEXT:      scf.yield %[[UPD]]
// CHECK-NEXT:    }
// CHECK-NEXT:    %[[HAS_TAIL:.+]] = arith.cmpi ult, %[[FULL]], %[[N]] : index
// CHECK-NEXT:    %[[R:.+]] = scf.if %[[HAS_TAIL]] -> (tensor<?x2xf32>) {
// CHECK-NEXT:      %[[NMC:.+]] = arith.subi %[[N]], %[[C4]] : index
// CHECK-NEXT:      %[[START:.+]] = arith.maxsi %[[NMC]], %[[C0]] : index
// CHECK-NEXT:      %[[REAL:.+]] = arith.minui %[[N]], %[[C4]] : index
// CHECK-NEXT:      %[[WIN:.+]] = tensor.extract_slice %[[XS]][%[[START]], 0] [%[[REAL]], 3] [1, 1] : tensor<?x3xf32> to tensor<?x3xf32>
// CHECK-NEXT:      %[[LASTI:.+]] = arith.subi %[[N]], %[[C1]] : index
// CHECK-NEXT:      %[[LAST:.+]] = tensor.extract_slice %[[XS]][%[[LASTI]], 0] [1, 3] [1, 1] : tensor<?x3xf32> to tensor<3xf32>
// CHECK-NEXT:      %[[PAD:.+]] = vmapc.broadcast_in_dim %[[LAST]], dims = [1] : tensor<3xf32> -> tensor<4x3xf32>
// CHECK-NEXT:      %[[XT:.+]] = tensor.insert_slice %[[WIN]] into %[[PAD]][0, 0] [%[[REAL]], 3] [1, 1] : tensor<?x3xf32> into tensor<4x3xf32>
// CHECK-NEXT:      %[[YT:.+]] = func.call @f_batched_0_none__4(%[[XT]], %[[W]]) : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT:      %[[FIRST:.+]] = arith.subi %[[FULL]], %[[START]] : index
// CHECK-NEXT:      %[[COUNT:.+]] = arith.subi %[[N]], %[[FULL]] : index
// CHECK-NEXT:      %[[LANES:.+]] = tensor.extract_slice %[[YT]][%[[FIRST]], 0] [%[[COUNT]], 2] [1, 1] : tensor<4x2xf32> to tensor<?x2xf32>
// CHECK-NEXT:      %[[DONE:.+]] = tensor.insert_slice %[[LANES]] into %[[LOOP]][%[[FULL]], 0] [%[[COUNT]], 2] [1, 1] : tensor<?x2xf32> into tensor<?x2xf32>
// CHECK-NEXT:      scf.yield %[[DONE]] : tensor<?x2xf32>
// CHECK-NEXT:    } else {
// CHECK-NEXT:      scf.yield %[[LOOP]] : tensor<?x2xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    return %[[R]] : tensor<?x2xf32>
func.func @dyn(%xs: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> tensor<?x2xf32> {
  %r = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0] chunk_size = 4
       : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  return %r : tensor<?x2xf32>
}

// (d) An out_axes none result of a chunked vmap: computed once, by the
// unbatched callee @g (its mapped argument a zero it does not read), not
// by the chunk copy; the chunk loop carries only the mapped result.
func.func @g(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>) {
  %y = vmapc.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [0] x [0]
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  %w2 = vmapc.add %w, %w : tensor<3x2xf32>
  return %y, %w2 : tensor<2xf32>, tensor<3x2xf32>
}
// CHECK-LABEL: func.func private @g_batched_0_none__4(
// CHECK-SAME:    tensor<4x3xf32>, %{{.+}}: tensor<3x2xf32>) -> (tensor<4x2xf32>, tensor<3x2xf32>)
// CHECK-LABEL: func.func @none(
// CHECK-SAME:    %[[XS:.+]]: tensor<10x3xf32>, %[[W:.+]]: tensor<3x2xf32>) -> (tensor<10x2xf32>, tensor<3x2xf32>)
// CHECK:         %[[ZERO:.+]] = vmapc.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK-NEXT:    %[[ONCE:.+]]:2 = call @g(%[[ZERO]], %[[W]]) : (tensor<3xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>)
// CHECK:         %[[LOOP:.+]] = scf.for %{{.+}} = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%{{.+}} = %{{.+}}) -> (tensor<10x2xf32>) {
// CHECK:           func.call @g_batched_0_none__4(
// CHECK:         }
// CHECK:         %[[YT:.+]]:2 = call @g_batched_0_none__4(
// CHECK-NEXT:    %[[LANES:.+]] = tensor.extract_slice %[[YT]]#0[2, 0] [2, 2] [1, 1]
// CHECK-NEXT:    %[[R:.+]] = tensor.insert_slice %[[LANES]] into %[[LOOP]][8, 0] [2, 2] [1, 1]
// CHECK-NEXT:    return %[[R]], %[[ONCE]]#1 : tensor<10x2xf32>, tensor<3x2xf32>
func.func @none(%xs: tensor<10x3xf32>, %w: tensor<3x2xf32>) -> (tensor<10x2xf32>, tensor<3x2xf32>) {
  %r:2 = vmapc.vmap @g(%xs, %w) in_axes [0, none] out_axes [0, none] chunk_size = 4
       : (tensor<10x3xf32>, tensor<3x2xf32>) -> (tensor<10x2xf32>, tensor<3x2xf32>)
  return %r#0, %r#1 : tensor<10x2xf32>, tensor<3x2xf32>
}

// With every result out_axes none there is no loop at all, even for a
// dynamic batch: one call of the unbatched callee.
func.func @pick_w(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %0 = vmapc.neg %w : tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
// CHECK-LABEL: func.func @all_none(
// CHECK-SAME:    %{{.+}}: tensor<?x3xf32>, %[[W:.+]]: tensor<3x2xf32>) -> tensor<3x2xf32>
// CHECK-NEXT:    %[[ZERO:.+]] = vmapc.constant dense<0.000000e+00> : tensor<3xf32>
// CHECK-NEXT:    %[[R:.+]] = call @pick_w(%[[ZERO]], %[[W]])
// CHECK-NEXT:    return %[[R]]
func.func @all_none(%xs: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %r = vmapc.vmap @pick_w(%xs, %w) in_axes [0, none] out_axes [none] chunk_size = 4
       : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

// A static batch that is a multiple of C has no tail; one no larger than C
// is no loop: the callee is batched for all N lanes at once.
// CHECK-LABEL: func.func @exact(
// CHECK-SAME:    %[[XS:.+]]: tensor<8x3xf32>, %[[W:.+]]: tensor<3x2xf32>) -> tensor<8x2xf32>
// CHECK:         %[[LOOP:.+]] = scf.for %{{.+}} = %{{.+}} to %[[C8:.+]] step %{{.+}} iter_args
// CHECK:           func.call @f_batched_0_none__4(
// CHECK:         }
// CHECK-NEXT:    return %[[LOOP]] : tensor<8x2xf32>
func.func @exact(%xs: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  %r = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0] chunk_size = 4
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %r : tensor<8x2xf32>
}
// CHECK-LABEL: func.func private @f_batched_0_none__3(
// CHECK-SAME:    tensor<3x3xf32>, %{{.+}}: tensor<3x2xf32>) -> tensor<3x2xf32>
// CHECK-LABEL: func.func @small(
// CHECK-SAME:    %[[XS:.+]]: tensor<3x3xf32>, %[[W:.+]]: tensor<3x2xf32>) -> tensor<3x2xf32>
// CHECK-NEXT:    %[[R:.+]] = call @f_batched_0_none__3(%[[XS]], %[[W]])
// CHECK-NEXT:    return %[[R]]
func.func @small(%xs: tensor<3x3xf32>, %w: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %r = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0] chunk_size = 4
       : (tensor<3x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

// Mapped axis 1 in and out (out_axes -1): the slices cut dim 1, the chunk
// copy is batched on axis 1 and its result moved to the last axis.
// CHECK-LABEL: func.func @axis1(
// CHECK-SAME:    %[[XS:.+]]: tensor<3x10xf32>, %[[W:.+]]: tensor<3x2xf32>) -> tensor<2x10xf32>
// CHECK:         scf.forall (%[[I:.+]]) = (0) to (8) step (4) shared_outs(%[[OUT:.+]] = %{{.+}}) -> (tensor<2x10xf32>) {
// CHECK-NEXT:      %[[XC:.+]] = tensor.extract_slice %[[XS]][0, %[[I]]] [3, 4] [1, 1] : tensor<3x10xf32> to tensor<3x4xf32>
// CHECK-NEXT:      %[[YC:.+]] = func.call @f_batched_1_none__4(%[[XC]], %[[W]]) : (tensor<3x4xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT:      %[[YT:.+]] = vmapc.transpose %[[YC]], permutation = [1, 0] : tensor<4x2xf32> -> tensor<2x4xf32>
// CHECK-NEXT:      scf.forall.in_parallel {
// CHECK-NEXT:        tensor.parallel_insert_slice %[[YT]] into %[[OUT]][0, %[[I]]] [2, 4] [1, 1] : tensor<2x4xf32> into tensor<2x10xf32>
// CHECK:         tensor.extract_slice %[[XS]][0, 6] [3, 4] [1, 1] : tensor<3x10xf32> to tensor<3x4xf32>
// CHECK:         tensor.extract_slice %{{.+}}[0, 2] [2, 2] [1, 1] : tensor<2x4xf32> to tensor<2x2xf32>
// CHECK-NEXT:    tensor.insert_slice %{{.+}} into %{{.+}}[0, 8] [2, 2] [1, 1] : tensor<2x2xf32> into tensor<2x10xf32>
func.func @axis1(%xs: tensor<3x10xf32>, %w: tensor<3x2xf32>) -> tensor<2x10xf32> {
  %r = vmapc.vmap @f(%xs, %w) in_axes [1, none] out_axes [-1] chunk_size = 4 parallel
       : (tensor<3x10xf32>, tensor<3x2xf32>) -> tensor<2x10xf32>
  return %r : tensor<2x10xf32>
}
