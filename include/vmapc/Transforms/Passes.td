//===- Passes.td - vmapc transformation passes -------------*- tablegen -*-===//
//
// The passes of lib/Transforms. `--vmapc-batch` is JAX's vmap made an MLIR
// pass: it removes every `vmapc.vmap` by building batched copies of callees.
//
//===----------------------------------------------------------------------===//

#ifndef VMAPC_TRANSFORMS_PASSES_TD
#define VMAPC_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def VmapcBatch : Pass<"vmapc-batch", "::mlir::ModuleOp"> {
  let summary = "Remove every vmapc.vmap by batching its callee";
  let description = [{
    For each `vmapc.vmap`, builds a batched copy of the callee by applying
    each op's batching rule (`BatchingOpInterface`), then replaces the vmap by
    a `func.call` of that copy, moving each result's batch axis to its
    `out_axes` entry (one transpose, and only when it is elsewhere).

    Values that depend on no mapped input stay unbatched (JAX's
    `not_mapped`): below, `%w` is not mapped, so the batched copy does one
    matrix product of the whole batch with `%w`, with no broadcast of `%w`.
    Batched copies are memoized per (callee, batch dims of the arguments,
    batch size) and shared by every vmap and call that needs them; their name
    lists the argument batch dims and the size. Nested vmaps and calls inside
    a batched function are batched recursively.

    Before:
    ```mlir
    func.func @f(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> tensor<2xf32> {
      %y = vmapc.dot_general %x, %w, batching_dims = [] x [],
             contracting_dims = [0] x [0]
           : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
      return %y : tensor<2xf32>
    }
    func.func @main(%xs: tensor<8x3xf32>, %w: tensor<3x2xf32>)
        -> tensor<8x2xf32> {
      %r = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0]
           : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
      return %r : tensor<8x2xf32>
    }
    ```

    After:
    ```mlir
    func.func @f_batched_0_none__8(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>)
        -> tensor<8x2xf32> {
      %y = vmapc.dot_general %x, %w, batching_dims = [] x [],
             contracting_dims = [1] x [0]
           : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
      return %y : tensor<8x2xf32>
    }
    func.func @main(%xs: tensor<8x3xf32>, %w: tensor<3x2xf32>)
        -> tensor<8x2xf32> {
      %r = call @f_batched_0_none__8(%xs, %w)
           : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
      return %r : tensor<8x2xf32>
    }
    ```

    Errors (located diagnostics, pass failure): an op without a batching
    rule (the diagnostic names it), `out_axes = none` on a result that
    depends on a mapped input, recursion through a batched function, and
    functions that cannot be batched (external or multi-block callees).
  }];
  let dependentDialects = ["::vmapc::VmapcDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def VmapcChunkTimeLoops : Pass<"vmapc-chunk-time-loops", "::mlir::ModuleOp"> {
  let summary = "Chunk the vmaps whose function loops over time";
  let description = [{
    A scheduling choice of the CPU pipeline, run before --vmapc-batch: a
    vmap without a chunk_size whose function has a fori_loop, scan or while
    (directly, or in what it calls or maps), and whose static batch is
    more than two chunks, gets chunk_size = 64. Batched whole, each step
    of the loop streams the whole batch's state through memory; chunked,
    the loop runs inside each chunk, whose state stays in L1 for all the
    steps (W5 Lotka-Volterra, 4096 systems x 1000 steps: 0.93 -> 0.47 ms),
    and at 64 (four AVX-512 vectors, one elementwise tile) in registers
    (--vmapc-update-loop-state-in-place; with fp_contract 0.35 -> 0.28 ms).
    Examples are independent, so the results are the same bits. vmaps with
    an axis_name (their collectives need the whole axis) or `parallel` are
    left alone.
  }];
}

def VmapcLowerPmap : Pass<"vmapc-lower-pmap", "::mlir::ModuleOp"> {
  let summary = "Split each vmapc.pmap across MPI ranks (shard dialect)";
  let description = [{
    Rewrites `vmapc.pmap` for a job of `num-ranks` ranks, before
    --vmapc-batch. With one rank a pmap is a vmap with its axis_name. With
    R > 1, on a grid `shard.grid @vmapc_ranks(shape = R)`:

    - each rank takes its block of N/R examples of the mapped operands
      (`tensor.extract_slice` at `shard.process_linear_index` * N/R; every
      rank holds the whole inputs) and vmaps a copy of the callee over it,
      with the pmap's axis_name;
    - in that copy (and the functions it calls or maps), a collective over
      the pmap's axis, which the vmap reduces over the rank's block, is
      completed across the ranks by a `shard.all_reduce` (sum for psum,
      pmean (then / R) and all_gather (each rank's block placed in zeros),
      max for pmax);
    - each result mapped to an axis is assembled on every rank the same
      way: the rank's block in zeros, then an all_reduce sum.

    `--convert-shard-to-mpi` and the MPI dialect's LLVM lowering (for
    OpenMPI, the `MPI:Implementation` DLTI entry this pass sets) turn the
    shard ops into MPI calls. Errors: a mapped axis that is dynamic or not
    a multiple of the rank count, results of type i1 (not reducible over
    MPI here).
  }];
  let options = [
    Option<"numRanks", "num-ranks", "int64_t", /*default=*/"1",
           "Ranks of the MPI job (MPI_Comm_size of MPI_COMM_WORLD)">,
  ];
  let dependentDialects = ["::vmapc::VmapcDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::shard::ShardDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::DLTIDialect"];
}

#endif // VMAPC_TRANSFORMS_PASSES_TD
