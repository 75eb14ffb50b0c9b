//===- vmapc.h - JAX's vmap and jit for C++ ---------------------*- C++ -*-===//
//
// The one header a C++ program includes to use vmapc. It needs no MLIR or
// LLVM header; link the `vmapc::vmapc` CMake target (find_package(vmapc)).
//
//===----------------------------------------------------------------------===//
//
// Quick tour (for readers who know JAX)
// -------------------------------------
//
//   #include <vmapc/vmapc.h>
//   namespace vx = vmapc;
//
//   auto forward = [](auto x, auto W1, auto W2) {   // one example: x is [d]
//     return vx::dot(vx::relu(vx::dot(x, W1)), W2);
//   };
//   auto batched = vx::vmap(forward, vx::in_axes(0, vx::none, vx::none));
//   auto kernel = vx::jit(batched);
//   vx::Array<float> X({128, 784}), W1({784, 512}), W2({512, 10});
//   vx::Array<float> Y = kernel(X, W1, W2);          // [128, 10]
//
// - The function's arguments are symbolic arrays (`vx::Expr<T>`, JAX's
//   tracers). Operations on them record an expression graph and check shapes;
//   no arithmetic happens while tracing. `x.shape()` is available.
// - Operations: + - * / (numpy broadcasting; plain numbers take the array's
//   element type), neg exp log sqrt rsqrt tanh abs sin cos sigmoid relu,
//   maximum minimum pow, where(cond, a, b), comparisons < <= > >= == != (or
//   less, greater_equal, ..., compare(a, b, vx::Cmp::lt)) giving Expr<bool>,
//   astype<U>, dot (numpy.dot; also `x.dot(W)`), matmul, sum/max/min/mean
//   over all axes, one axis or a list (negative axes, keepdims), transpose,
//   reshape (one -1 allowed), broadcast_to, slice (lax.slice), slice_axis
//   (x[..., a:b:c, ...]), concat.
// - Control flow with jax.lax's meaning, taking lambdas that are traced once
//   (vmapc/dsl/Control.h): fori_loop(lo, hi, body, init), scan(f, init, xs)
//   and scan(f, init, none, length), while_loop(cond, body, init),
//   cond(pred, true_fn, false_fn, operands...), switch_(index, {fns...},
//   operands...); carries are one array or a std::tuple of them. Under vmap
//   a batched predicate runs both branches and selects, and a while loop
//   runs until every lane is done. linalg::inv, det, cholesky and
//   solve_triangular work on the last two axes; constant<T>(v) is a rank-0
//   array (e.g. a loop counter's start).
// - vmap(f, in_axes(...), out_axes(...), axis_size): entries are ints
//   (negative count from the end) or vx::none; a bare int applies to all.
//   vmaps nest to any depth. A vmapped function may close over symbolic
//   arrays of the enclosing function; they are passed unmapped.
// - Named axes and collectives (jax.lax's): vmap(f, in_axes(0),
//   axis_name("i")) lets f call psum(x, "i"), pmean, pmax (the sum, mean,
//   max of x over the batch, the same in every example; pmean needs floats)
//   and all_gather(x, "i") ([batch, ...x.shape], every example's x). An
//   inner vmap may use the names of enclosing ones. A name no enclosing
//   vmap/pmap binds is a vx::Error at trace time, as is a collective over
//   the axis of a chunk_size/parallel vmap (a chunk sees only its examples).
// - pmap(f, in_axes(...), out_axes(...), axis_name("i")) is vmap with the
//   mapped axis split across the ranks of an MPI job: run the program under
//   `mpirun -np R`; every rank calls the kernel with the same inputs, the
//   collectives combine all ranks' examples, every rank gets the whole
//   result, and rank 0 (vx::process_index() == 0; vx::process_count() is R)
//   reports. The mapped axis must be a multiple of R (else compiling throws
//   vx::Error). Outside mpirun it is a vmap. pmap goes outermost (not
//   inside a vmap or pmap).
// - jit(f) traces f once per combination of argument shapes and dtypes,
//   compiles it through MLIR to native SIMD code, and caches the kernel
//   (thread-safe; `kernel.cache_size()`, `vx::compile_count()`). Arguments
//   are vx::Array<T>, vx::ArrayView<T> (user memory, no copy) or numbers
//   (rank-0). The result is a vx::Array<T> (or a std::tuple of them) whose
//   storage the compiled code wrote directly.
// - Element types: float, double, int32_t, int64_t, bool.
// - Every user error (shape mismatch, bad axis, in_axes arity, wrong
//   arguments) throws vx::Error, a std::runtime_error whose message names the
//   operation and the shapes, e.g.
//     "add: cannot broadcast f32[3, 4] with f32[5]".
//
// Seeing what was compiled
// ------------------------
//   vx::Compiled c = kernel.lower(X, W1, W2);  // compiles (or hits the cache)
//   std::cout << c.vmapc_ir();   // the traced module, vmapc dialect, with its
//                                // vmapc.vmap ops and one func per vmapped f
//   std::cout << c.final_ir();   // after the whole lowering pipeline (LLVM
//                                // dialect)
// Setting the environment variable VMAPC_DUMP_IR=1 prints both to stderr
// each time jit compiles a specialization. `c.call(inputs, outputs)` runs the
// specialization on TensorRefs, checking their count, dtypes and shapes.
//
// Ahead of time
// -------------
//   std::string mlir = vx::export_mlir(
//       vx::vmap(layer, vx::in_axes(0, vx::none), vx::chunk_size(256)), "layer",
//       vx::ShapeDtype<float>({1, 784}), vx::ShapeDtype<float>({784, 10}));
// traces without compiling; a chunked vmap's mapped axes become `?`. Then
// `vmapc-compile layer.mlir -e layer -o layer.o --header layer.h` (or CMake's
// vmapc_add_kernel) gives an object with the C entry point
//   int32_t layer(int64_t n, const float *in0, const float *in1, float *out0);
// that needs neither libvmapc nor MLIR/LLVM at run time.
//
// Arrays
// ------
//   vx::Array<float> a({2, 3}, {1, 2, 3, 4, 5, 6});   // shape, row-major data
//   vx::Array<float> m = vx::array<float>({{1, 2}, {3, 4}});
//   vx::Array<double> z({4, 4});                       // zeros
//   a(1, 2) = 7; a.shape(); a.data(); a.row(0);        // row(i): a view
//   vx::ArrayView<const float> v(ptr, {n, d});         // wraps user memory
//
// Embedding
// ---------
//   cmake --install <build> --prefix <prefix>   installs libvmapc.so, these
//   headers and the CMake package; then in the user's CMakeLists.txt:
//     find_package(vmapc CONFIG REQUIRED)       # CMAKE_PREFIX_PATH=<prefix>
//     target_link_libraries(app PRIVATE vmapc::vmapc)
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_VMAPC_H
#define VMAPC_VMAPC_H

#include "vmapc/dsl/Array.h"
#include "vmapc/dsl/Control.h"
#include "vmapc/dsl/Expr.h"
#include "vmapc/dsl/Transforms.h"

#endif // VMAPC_VMAPC_H
