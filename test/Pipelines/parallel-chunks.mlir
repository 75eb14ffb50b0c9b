// The chunk loop of a parallel vmap through --vmapc-lower-to-llvm: the
// batching pass makes it an scf.forall, which scf-forall-to-parallel and
// convert-scf-to-openmp turn into an OpenMP worksharing loop over the full
// chunks (omp.parallel > omp.wsloop > omp.loop_nest, from 0 to N / C * C
// step C); vmapc-lower-alloca-scopes then removes the memref.alloca_scope
// the OpenMP conversion wraps around the loop body. num-threads=N becomes
// the num_threads operand of omp.parallel (none by default: the OpenMP
// runtime decides). A serial chunked vmap has no OpenMP at all.
// RUN: vmapc-opt --split-input-file --vmapc-lower-to-llvm %s | FileCheck %s
// RUN: vmapc-opt --split-input-file --vmapc-lower-to-llvm=num-threads=2 %s | FileCheck %s --check-prefix=THREADS
// RUN: vmapc-opt --split-input-file --vmapc-lower-to-llvm %s --mlir-print-ir-after=convert-scf-to-openmp -o /dev/null 2>&1 | FileCheck %s --check-prefix=OMP
// RUN: vmapc-opt --split-input-file --vmapc-lower-to-llvm %s --mlir-print-ir-after=vmapc-lower-alloca-scopes -o /dev/null 2>&1 | FileCheck %s --check-prefix=SCOPES

func.func @f(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> tensor<2xf32> {
  %y = vmapc.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [0] x [0]
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  %t = vmapc.tanh %y : tensor<2xf32>
  return %t : tensor<2xf32>
}

// N = 10, C = 4: the worksharing loop runs the chunks at 0 and 4; the tail
// (lanes 8 and 9) runs after the parallel region, on the calling thread.
// CHECK-LABEL: llvm.func @par_static(
// CHECK-DAG:     %[[C0:.+]] = llvm.mlir.constant(0 : index) : i64
// CHECK-DAG:     %[[C4:.+]] = llvm.mlir.constant(4 : index) : i64
// CHECK-DAG:     %[[C8:.+]] = llvm.mlir.constant(8 : index) : i64
// CHECK:         omp.parallel {
// CHECK-NEXT:      omp.wsloop {
// CHECK-NEXT:        omp.loop_nest (%{{.+}}) : i64 = (%[[C0]]) to (%[[C8]]) step (%[[C4]]) {
// CHECK:               omp.yield
// CHECK:             }
// CHECK-NEXT:      }
// CHECK-NEXT:      omp.terminator
// CHECK-NEXT:    }
// The tail copies its last 2 lanes (2 x 2 floats) to lane 8 of the result.
// CHECK:         llvm.getelementptr %{{.+}}[16] : (!llvm.ptr) -> !llvm.ptr, f32
// CHECK:         llvm.intr.memcpy
// CHECK-NOT:     omp.parallel
// CHECK:         llvm.return
// THREADS-LABEL: llvm.func @par_static(
// THREADS:         %[[NT:.+]] = llvm.mlir.constant(2 : i32) : i32
// THREADS:         omp.parallel num_threads(%[[NT]] : i32) {
// THREADS-NEXT:      omp.wsloop {
// OMP-LABEL:     func.func @par_static(
// OMP:             omp.parallel {
// OMP-NEXT:          omp.wsloop {
// OMP-NEXT:            omp.loop_nest (%{{.+}}) : index = (%{{.+}}) to (%{{.+}}) step (%{{.+}}) {
// OMP-NEXT:              memref.alloca_scope {
// SCOPES-LABEL:  func.func @par_static(
// SCOPES-NOT:      memref.alloca_scope
// SCOPES:          omp.parallel {
// SCOPES-NEXT:       omp.wsloop {
// SCOPES-NEXT:         omp.loop_nest (%{{.+}}) : index = (%{{.+}}) to (%{{.+}}) step (%{{.+}}) {
// SCOPES-NOT:      memref.alloca_scope
// SCOPES:          omp.yield
// SCOPES-NOT:      memref.alloca_scope
// SCOPES:          return
func.func @par_static(%xs: tensor<10x3xf32>, %w: tensor<3x2xf32>) -> tensor<10x2xf32> {
  %r = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0] chunk_size = 4 parallel
       : (tensor<10x3xf32>, tensor<3x2xf32>) -> tensor<10x2xf32>
  return %r : tensor<10x2xf32>
}

// A dynamic batch: the loop ends at N / 4 * 4, N read from the memref
// descriptor of the batched input.
// CHECK-LABEL: llvm.func @par_dynamic(
// CHECK-DAG:     %[[C0:.+]] = llvm.mlir.constant(0 : index) : i64
// CHECK-DAG:     %[[C4:.+]] = llvm.mlir.constant(4 : index) : i64
// CHECK:         %[[Q:.+]] = llvm.udiv %{{.+}}, %[[C4]] : i64
// CHECK-NEXT:    %[[UB:.+]] = llvm.mul %[[Q]], %[[C4]] : i64
// CHECK-NEXT:    omp.parallel {
// CHECK-NEXT:      omp.wsloop {
// CHECK-NEXT:        omp.loop_nest (%{{.+}}) : i64 = (%[[C0]]) to (%[[UB]]) step (%[[C4]]) {
// CHECK-NOT:     memref.alloca_scope
// CHECK-NOT:     scf.
// CHECK:         llvm.return
// THREADS-LABEL: llvm.func @par_dynamic(
// THREADS:         %[[NT:.+]] = llvm.mlir.constant(2 : i32) : i32
// THREADS-NEXT:    omp.parallel num_threads(%[[NT]] : i32) {
func.func @par_dynamic(%xs: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> tensor<?x2xf32> {
  %r = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0] chunk_size = 4 parallel
       : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  return %r : tensor<?x2xf32>
}

// -----

// The same vmaps without `parallel`: plain loops, no OpenMP, and the
// num-threads option changes nothing.
// CHECK:         {{^}}// -{{-+}}
// THREADS:       {{^}}// -{{-+}}
// OMP:           {{^}}// -{{-+}}// IR Dump After
// SCOPES:        {{^}}// -{{-+}}// IR Dump After
// CHECK-NOT:     omp.
// THREADS-NOT:   omp.
// OMP-NOT:       omp.
// SCOPES-NOT:    omp.
func.func @f(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> tensor<2xf32> {
  %y = vmapc.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [0] x [0]
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  %t = vmapc.tanh %y : tensor<2xf32>
  return %t : tensor<2xf32>
}
// CHECK-LABEL:   llvm.func @serial_static(
// CHECK-NOT:     omp.
// CHECK:         llvm.cond_br
// CHECK-NOT:     omp.
// CHECK:         llvm.return
// THREADS-LABEL: llvm.func @serial_static(
// THREADS-NOT:   omp.
func.func @serial_static(%xs: tensor<10x3xf32>, %w: tensor<3x2xf32>) -> tensor<10x2xf32> {
  %r = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0] chunk_size = 4
       : (tensor<10x3xf32>, tensor<3x2xf32>) -> tensor<10x2xf32>
  return %r : tensor<10x2xf32>
}
// CHECK-LABEL:   llvm.func @serial_dynamic(
// CHECK-NOT:     omp.
// CHECK:         llvm.udiv
// CHECK-NOT:     omp.
// CHECK:         llvm.cond_br
// CHECK-NOT:     omp.
// CHECK:         llvm.return
// CHECK-NOT:     omp.
// THREADS-LABEL: llvm.func @serial_dynamic(
// THREADS-NOT:   omp.
func.func @serial_dynamic(%xs: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> tensor<?x2xf32> {
  %r = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0] chunk_size = 4
       : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  return %r : tensor<?x2xf32>
}
