// RUN: vmapc-opt --vmapc-lower-to-llvm="num-ranks=2" %s | FileCheck %s

// A pmap through the whole pipeline for 2 ranks: upstream's
// --convert-shard-to-mpi and MPI-to-LLVM, with vmapc-convert-mpi-to-llvm's
// fixes for MLIR 22 and OpenMPI: the predefined ops are ompi_mpi_op_*
// (ompi_mpi_sum does not exist in libmpi), the whole-world communicator
// serves the grid (no MPI_Comm_split per call), and the grid op is gone.

// CHECK-NOT:   shard.
// CHECK-NOT:   ompi_mpi_sum
// CHECK-DAG:   llvm.func @MPI_Allreduce(
// CHECK-DAG:   llvm.func @MPI_Comm_rank(
// CHECK-DAG:   llvm.mlir.global external @ompi_mpi_op_sum()
// CHECK-DAG:   llvm.mlir.global external @ompi_mpi_op_max()
// CHECK-DAG:   llvm.mlir.global external @ompi_mpi_comm_world()
// CHECK-NOT:   MPI_Comm_split
// CHECK-LABEL: llvm.func @main(
// CHECK:         llvm.call @MPI_Comm_rank
// CHECK:         llvm.call @MPI_Allreduce

func.func private @f(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %s = vmapc.psum %x axis_name = "i" : tensor<3xf32>
  %m = vmapc.pmax %x axis_name = "i" : tensor<3xf32>
  %d = vmapc.sub %x, %s : tensor<3xf32>
  return %d, %m : tensor<3xf32>, tensor<3xf32>
}

func.func @main(%xs: tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<3xf32>) {
  %r:2 = vmapc.pmap @f(%xs) in_axes [0] out_axes [0, none] axis_name = "i"
       : (tensor<4x3xf32>) -> (tensor<4x3xf32>, tensor<3xf32>)
  return %r#0, %r#1 : tensor<4x3xf32>, tensor<3xf32>
}
