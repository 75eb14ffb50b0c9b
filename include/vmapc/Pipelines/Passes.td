//===- Passes.td - Passes of the vmapc lowering pipeline ---*- tablegen -*-===//
//
// The small passes that --vmapc-lower-to-llvm needs and upstream does not
// provide as passes (or provides only as test passes).
//
//===----------------------------------------------------------------------===//

#ifndef VMAPC_PIPELINES_PASSES_TD
#define VMAPC_PIPELINES_PASSES_TD

include "mlir/Pass/PassBase.td"

def VmapcSetTarget : Pass<"vmapc-set-target", "mlir::ModuleOp"> {
  let summary = "Record the target CPU and the I/O signature on each function";
  let description = [{
    Sets `target_cpu` and `target_features` on every function with a body,
    which `convert-func-to-llvm` carries to LLVM so the backend uses the
    host's vector width (AVX-512 where present). `cpu = "host"` reads the
    host's CPU name and features. Also records the tensor signature of each
    public function as `vmapc.io_type` (a FunctionType), so a module lowered
    to the LLVM dialect can still be invoked with checked shapes.
  }];
  let options = [
    Option<"cpu", "cpu", "std::string", /*default=*/"\"host\"",
           "Target CPU name, or 'host'">,
    Option<"features", "features", "std::string", /*default=*/"\"\"",
           "Comma-separated LLVM target features (default: the host's when "
           "cpu is 'host')">,
  ];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

def VmapcMathApproximation : Pass<"vmapc-math-approximation"> {
  let summary = "Polynomial approximations of exp, log, tanh, ... on f32";
  let description = [{
    Rewrites f32 (scalar or vector) `math.exp`, `math.log`, `math.tanh`,
    `math.sin`, `math.cos`, `math.rsqrt`, ... into arithmetic so they stay in
    SIMD registers instead of becoming scalar libm calls. Upstream only has
    this as a test pass.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::vector::VectorDialect",
                           "mlir::math::MathDialect"];
}

def VmapcSplitVectorLoopCarries : Pass<"vmapc-split-vector-loop-carries"> {
  let summary = "Carry n-D vectors through scf.for as rows of 1-D vectors";
  let description = [{
    An scf.for that carries a vector<8x16xf32> (a register block's
    accumulators) becomes an LLVM phi of [8 x <16 x float>]. LLVM splits
    such a phi into eight register phis only when every incoming value is
    an insertvalue chain; a constant initial value (accumulators starting
    at zero) keeps the aggregate, and the block goes through memory on each
    step. This pass carries the rows as separate 1-D vectors instead, so
    the phis are registers whatever the initial value.
  }];
  let dependentDialects = ["mlir::scf::SCFDialect",
                           "mlir::ub::UBDialect",
                           "mlir::vector::VectorDialect"];
}

def VmapcPrefetchBlockRows : Pass<"vmapc-prefetch-block-rows"> {
  let summary = "Prefetch the next rows of a register block's streamed lhs";
  let description = [{
    A register block's k loop reads one column of M rows of its lhs per
    step (`vector.transfer_read %x[%row, %k] : vector<Mx1xf32>`, broadcast
    into the FMAs). When the lhs is streamed from outside the kernel (an
    argument, not a scratch tile), each new row block waits on memory: W3's
    8x10 block spent three quarters of the kernel there, reading X out of
    L3 at half the speed a plain read reaches.

    This pass issues `memref.prefetch` for the next block's M rows, every
    cache line of the k range, once per row block: at the top of the
    innermost loop the row index depends on, clamped to the last row (a
    prefetch never faults, but its address must still be in bounds). Only
    static k ranges of a few lines are prefetched (at most 64 lines per
    block); the loaded values do not change, so neither do the results.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::memref::MemRefDialect"];
}

def VmapcDoubleBufferLoopState : Pass<"vmapc-double-buffer-loop-state"> {
  let summary = "Reuse two buffers for a loop's state instead of one per step";
  let description = [{
    A loop over time (vmapc.fori_loop, scan, while under vmap) computes each
    step's state into a new tensor; bufferized, every step allocates the new
    state and frees the previous one (W5 Lotka-Volterra: two malloc and two
    free per step, 14% of its time).

    For each scf.for iter_arg whose yielded value is a static-shape
    memref.alloc of the body (at most 64 KiB, not in a parallel chunk), and
    whose previous buffer does not escape the step (it is not yielded, nor
    a view of it), this pass puts two buffers on the stack at the
    function's entry: step i writes its state into buffer i % 2 and reads
    the previous one from buffer (i - 1) % 2 (the loop's init at step 0).
    The buffers are picked by the step's parity instead of being carried
    as memref iter_args, whose ownership the deallocation pipeline would
    otherwise check at run time every step. Values are unchanged.
  }];
  let dependentDialects = ["mlir::arith::ArithDialect",
                           "mlir::memref::MemRefDialect"];
}

def VmapcSinkToFirstUse : Pass<"vmapc-sink-to-first-use"> {
  let summary = "Move loads and pure ops down to just before their first use";
  let description = [{
    n-D vector ops reach LLVM unrolled op by op: a 64x16 tile of x - mu is
    64 loads, then 64 subtractions, then 64 stores. That keeps 64 vectors
    live at once in a 32-register file, and the backend's answer (spilling
    and rematerializing in whatever order its heuristics pick) scatters the
    loads across the tile, which defeats the hardware prefetchers: W2 k=16
    vmapped ran 1.2x slower than the hand form with the same instructions.

    This pass walks each block bottom-up and moves every side-effect-free
    op, and every load, to just before its first user in the block, so each
    row runs load, compute, store before the next starts. A load moves past
    a write only when alias analysis proves the write cannot touch the
    loaded memory (a stack buffer against an argument, say); ops with
    regions, other side effects, or users outside the block stay put.
  }];
}

def VmapcFoldEmptyLoops : Pass<"vmapc-fold-empty-loops"> {
  let summary = "Replace linalg ops with an empty iteration space by their inits";
  let description = [{
    A linalg op on tensors with a loop of static size 0 runs no iteration:
    its results are its `outs` operands (empty tensors when the zero-size
    loop is parallel, the initial values when it is a reduction). Folding
    such ops before tiling keeps the tiling and vectorization code, which
    assumes non-empty tiles, away from size-0 dimensions (`axis_size = 0`).
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def VmapcContractMultiplyAdds : Pass<"vmapc-contract-multiply-adds"> {
  let summary = "Let float multiplies and adds fuse into FMAs";
  let description = [{
    Marks every float `arith.mulf`, `arith.addf`, `arith.subf` and
    `arith.negf` (scalar or vector) with the `contract` fast-math flag, so
    LLVM may fuse a multiply and the add or subtraction that uses it into one
    fused multiply-add, rounded once. That is what clang does within an
    expression (`-ffp-contract=on`, its default) and what XLA's CPU backend
    does everywhere; results then differ from separately rounded operations
    in the last bits. Off by default in vmapc, whose results are
    bit-reproducible against its reference evaluator;
    `--vmapc-lower-to-llvm=fp-contract=1`, `CompileOptions::fpContract`,
    `AotOptions::fpContract` and `--fp-contract` of vmapc-run and
    vmapc-compile turn it on (the DSL's jit has no switch yet). Other flags
    an op has are kept.
  }];
}

def VmapcLowerAllocaScopes : Pass<"vmapc-lower-alloca-scopes"> {
  let summary = "Inline memref.alloca_scope bodies, saving and restoring the "
                "stack around those that allocate on it";
  let description = [{
    --convert-scf-to-openmp wraps each parallel loop body in a
    memref.alloca_scope, which must hold a single block; the control-flow
    lowering of loops nested in the body would break that. This pass
    replaces every scope by its body, bracketed by llvm.intr.stacksave and
    llvm.intr.stackrestore when the body has memref.alloca or llvm.alloca ops
    of its own (the lowering --finalize-memref-to-llvm gives scopes), so
    per-iteration stack buffers are still freed each iteration.
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

def VmapcConvertMPIToLLVM : Pass<"vmapc-convert-mpi-to-llvm",
                                  "mlir::ModuleOp"> {
  let summary = "Lower the mpi dialect to calls of the MPI C API";
  let description = [{
    Upstream's MPI-to-LLVM patterns (`mpi::populateMPIToLLVMConversionPatterns`,
    exposed upstream only through --convert-to-llvm's interface) as a pass
    of its own, so it can run among the pipeline's one-dialect-at-a-time
    lowerings, before memrefs become descriptors. The MPI implementation
    (its handles and constants) comes from the module's
    `MPI:Implementation` DLTI entry (--vmapc-lower-pmap sets OpenMPI).
    It also declares mpi.allreduce's memory effects (upstream has none),
    which the buffer deallocation before it needs.
  }];
  let dependentDialects = ["mlir::LLVM::LLVMDialect", "mlir::mpi::MPIDialect"];
}

def VmapcFuseElementwise : Pass<"vmapc-fuse-elementwise"> {
  let summary = "Fuse elementwise linalg.generic producers into consumers";
  let description = [{
    `linalg-fuse-elementwise-ops` with a control function that never fuses a
    producer into a contraction (that would recompute the producer once per
    reduction step and hide the matmul from the tiling heuristics).
    Then sibling elementwise ops over the same static iteration space that
    read a common value merge into one multi-result generic, so a value
    both use (x * y in Lotka-Volterra's x' and y') has one user, fuses, and
    is computed once per point; producer fusion then runs again.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect"];
}

def VmapcUpdateLoopStateInPlace : Pass<"vmapc-update-loop-state-in-place"> {
  let summary = "Write a loop step's new state over its old state";
  let description = [{
    A loop over time (fori_loop, scan) lowers to an scf.for whose step
    computes the new state with a linalg op into a fresh `tensor.empty` and
    yields it. When that op is the only user of the old state (an
    iter_arg of the same type) and its payload never reads the init, the
    init becomes the old state: the same values, written in place.

    This is what lets the state live in registers. Vectorized, the step
    then reads the whole state with a transfer_read of the iter_arg and
    writes it with a transfer_write into the iter_arg, a matching pair that
    --loop-invariant-subset-hoisting moves out of the loop, leaving vector
    iter_args (W5 Lotka-Volterra's x and y: a load and a store per vector
    and step less). Into a fresh tensor the write is no subset of the
    iter_arg and the state goes through memory at every step.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::scf::SCFDialect"];
}

def VmapcResultsToOutParams
    : Pass<"vmapc-results-to-out-params", "mlir::ModuleOp"> {
  let summary = "Turn memref results into caller-provided out-params";
  let description = [{
    `buffer-results-to-out-params` with static allocations of results
    replaced by the out-param (no allocation per call). Copies between
    non-contiguous buffers (anywhere in the module) become `linalg.copy`,
    which lowers to inline loops rather than a call into a runtime library.
  }];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::memref::MemRefDialect"];
}

def VmapcTileAndVectorize : Pass<"vmapc-tile-and-vectorize",
                                 "mlir::func::FuncOp"> {
  let summary = "Tile linalg ops on tensors, fuse producers, vectorize";
  let description = [{
    Works on linalg on tensors after elementwise fusion. Each root (a linalg
    op no other linalg op consumes) is tiled along its parallel dims and
    every linalg producer is fused into the tile, so a chain like
    sub -> mul -> reduce -> exp -> mul never writes a full intermediate
    array. Contractions are then tiled to 8x32 register blocks with the
    reduction dim stepped by 1 (a mat-vec, whose output has no lanes dim,
    is split along k instead: 16 partial sums per row, added at the end),
    and every op with a static tile is vectorized (contractions become vector.contract, lowered later to
    broadcast FMAs). Where the rows are narrower than a vector (a vmapped
    function of x[N, 2]: less than 16 values per point), the tile's loops
    are interchanged so the points run along the lanes: the 2x2 mat-vec of
    a 2-D Gaussian becomes multiplies and adds of vector<2x64> instead of
    64 rows of vector<2>. Ops whose tile would be too large stay scalar
    loops.

    The sizes above are AVX-512's; they follow the function's
    target_features (AVX2: 4x16 blocks, 8 lanes; SSE: 4x8, 4 lanes).

    The pass decides these tile sizes, fusions, interchanges and
    vectorizations per op and runs them as transform-dialect scripts (one
    per stage: roots, register blocks, vectorization with the rows along
    the lanes, vectorization with the points along the lanes), through the
    upstream transform interpreter. `print-schedule` prints each script
    before it runs.
  }];
  let options = [
    Option<"printSchedule", "print-schedule", "bool", /*default=*/"false",
           "Print each stage's transform script to stderr before running it">,
  ];
  let dependentDialects = ["mlir::linalg::LinalgDialect",
                           "mlir::scf::SCFDialect",
                           "mlir::tensor::TensorDialect",
                           "mlir::transform::TransformDialect",
                           "mlir::vector::VectorDialect"];
}

#endif // VMAPC_PIPELINES_PASSES_TD
