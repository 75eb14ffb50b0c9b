// RUN: vmapc-opt --vmapc-lower-pmap=num-ranks=4 %s | FileCheck %s
// RUN: vmapc-opt --vmapc-lower-pmap %s | FileCheck %s --check-prefix=ONE
// RUN: vmapc-opt --vmapc-lower-pmap=num-ranks=4 --vmapc-batch %s | FileCheck %s --check-prefix=BATCHED

// --vmapc-lower-pmap for 4 ranks: each rank slices its 2 of the 8 examples
// at 2 * rank, vmaps a copy of the callee over them (with the pmap's axis
// name), and the collectives over that axis in the copy are finished with
// a shard.all_reduce across the grid of the 4 ranks (pmean: the sum of the
// ranks' means, times 1/4; all_gather: each rank's block of 2 in zeros of 8,
// summed). The mapped result is assembled the same way. On one rank the
// pmap is a vmap.

func.func private @f(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> (tensor<2xf32>, tensor<2xf32>, tensor<8x2xf32>) {
  %y = vmapc.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [0] x [0]
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  %s = vmapc.psum %y axis_name = "i" : tensor<2xf32>
  %m = vmapc.pmean %y axis_name = "i" : tensor<2xf32>
  %g = vmapc.all_gather %y axis_name = "i" : tensor<2xf32> -> tensor<8x2xf32>
  %d = vmapc.sub %y, %m : tensor<2xf32>
  return %d, %s, %g : tensor<2xf32>, tensor<2xf32>, tensor<8x2xf32>
}

// CHECK: module attributes {dlti.map = #dlti.map<"MPI:Implementation" = "OpenMPI">}
// CHECK: shard.grid @vmapc_ranks(shape = 4)

// CHECK-LABEL: func.func private @f_ranks_i(
// CHECK:         %[[Y:.*]] = vmapc.dot_general
// CHECK:         %[[S:.*]] = vmapc.psum %[[Y]] axis_name = "i"
// CHECK:         %[[ST:.*]] = shard.all_reduce %[[S]] on @vmapc_ranks grid_axes = [0] : tensor<2xf32> -> tensor<2xf32>
// CHECK:         %[[M:.*]] = vmapc.pmean %[[Y]] axis_name = "i"
// CHECK:         %[[MS:.*]] = shard.all_reduce %[[M]] on @vmapc_ranks
// CHECK:         %[[Q:.*]] = vmapc.constant dense<2.500000e-01>
// CHECK:         %[[MT:.*]] = vmapc.mul %[[MS]], %[[Q]]
// CHECK:         %[[G:.*]] = vmapc.all_gather %[[Y]] axis_name = "i" : tensor<2xf32> -> tensor<2x2xf32>
// CHECK:         %[[R:.*]] = shard.process_linear_index on @vmapc_ranks : index
// CHECK:         %[[OFF:.*]] = arith.muli %[[R]], %c2
// CHECK:         %[[PLACED:.*]] = tensor.insert_slice %[[G]] into %{{.*}}[%[[OFF]], 0] [2, 2] [1, 1] : tensor<2x2xf32> into tensor<8x2xf32>
// CHECK:         %[[GT:.*]] = shard.all_reduce %[[PLACED]] on @vmapc_ranks
// CHECK:         %[[D:.*]] = vmapc.sub %[[Y]], %[[MT]]
// CHECK:         return %[[D]], %[[ST]], %[[GT]]

// CHECK-LABEL: func.func @main(
// CHECK:         %[[RANK:.*]] = shard.process_linear_index on @vmapc_ranks : index
// CHECK:         %[[AT:.*]] = arith.muli %[[RANK]], %c2
// CHECK:         %[[BLOCK:.*]] = tensor.extract_slice %arg0[%[[AT]], 0] [2, 3] [1, 1] : tensor<8x3xf32> to tensor<2x3xf32>
// CHECK:         %[[V:.*]]:3 = vmapc.vmap @f_ranks_i(%[[BLOCK]], %arg1) in_axes [0, none] out_axes [0, none, none] axis_name = "i"
// CHECK-SAME:      -> (tensor<2x2xf32>, tensor<2xf32>, tensor<8x2xf32>)
// CHECK:         tensor.insert_slice %[[V]]#0 into %{{.*}} : tensor<2x2xf32> into tensor<8x2xf32>
// CHECK:         %[[FULL:.*]] = shard.all_reduce
// CHECK:         return %[[FULL]], %[[V]]#1, %[[V]]#2

// ONE-NOT:     shard
// ONE:         vmapc.vmap @f(%arg0, %arg1) in_axes [0, none] out_axes [0, none, none] axis_name = "i"

// The rank's block of 2 examples, batched: psum is a sum over them.
// BATCHED-LABEL: func.func private @f_ranks_i_batched_0_none__2__i(
// BATCHED:         vmapc.reduce sum %{{.*}}, dims = [0] : tensor<2x2xf32> -> tensor<2xf32>
// BATCHED:         shard.all_reduce
// BATCHED-NOT:     vmapc.psum
func.func @main(%xs: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> (tensor<8x2xf32>, tensor<2xf32>, tensor<8x2xf32>) {
  %r:3 = vmapc.pmap @f(%xs, %w) in_axes [0, none] out_axes [0, none, none] axis_name = "i"
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> (tensor<8x2xf32>, tensor<2xf32>, tensor<8x2xf32>)
  return %r#0, %r#1, %r#2 : tensor<8x2xf32>, tensor<2xf32>, tensor<8x2xf32>
}
