// RUN: vmapc-opt %s -split-input-file -verify-diagnostics

// The verifier rules of vmapc.vmap's chunk_size and parallel attributes and
// of the `?` (dynamic) batch size they allow: chunk_size is positive,
// parallel needs chunk_size, and `?` may stand only for the batch axis of a
// mapped operand or of a mapped result, only with chunk_size and never with
// axis_size. The last cases are valid and must verify.

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @chunk_zero(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op chunk_size must be positive, got 0}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] chunk_size = 0
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @chunk_negative(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op chunk_size must be positive, got -2}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] chunk_size = -2
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

// A chunk_size that is not an i64 is rejected by the attribute constraint.
func.func @chunk_not_i64(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op attribute 'chunk_size' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = "vmapc.vmap"(%x, %w) {callee = @f, in_axes = [0 : i64, unit], out_axes = [0 : i64], chunk_size = 4 : i32}
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @parallel_without_chunk(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op parallel needs a chunk_size: the chunks are what runs on each core}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] parallel
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

// The same in the generic form.
func.func @parallel_without_chunk_generic(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op parallel needs a chunk_size}}
  %0 = "vmapc.vmap"(%x, %w) {callee = @f, in_axes = [0 : i64, unit], out_axes = [0 : i64], parallel}
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

// The assembly fixes the order: chunk_size, then parallel.
func.func @parallel_before_chunk(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{expected ':'}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] parallel chunk_size = 4
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

// `?` on an operand passed whole (in_axes none).
func.func @dynamic_unmapped_operand(%x: tensor<?x3xf32>, %w: tensor<?x2xf32>) -> tensor<?x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op operand 1 of type 'tensor<?x2xf32>' is dynamic on dim 0, which is not its batch axis}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] chunk_size = 4
       : (tensor<?x3xf32>, tensor<?x2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

// `?` on a mapped operand, but on another dim than its mapped axis.
func.func @dynamic_other_dim(%x: tensor<?x?xf32>, %w: tensor<3x2xf32>) -> tensor<?x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op operand 0 of type 'tensor<?x?xf32>' is dynamic on dim 1, which is not its batch axis}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] chunk_size = 4
       : (tensor<?x?xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

// A negative in_axes names the last dim, so `?` on dim 0 is not the batch axis.
func.func @dynamic_negative_axis(%x: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> tensor<?x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op operand 0 of type 'tensor<?x3xf32>' is dynamic on dim 0, which is not its batch axis}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [-1, none] out_axes [0] chunk_size = 4
       : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

// `?` on a non-batch dim of a mapped result.
func.func @dynamic_result_other_dim(%x: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> tensor<?x?xf32> {
  // expected-error @+1 {{'vmapc.vmap' op result 0 of type 'tensor<?x?xf32>' is dynamic on dim 1, which is not its batch axis}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] chunk_size = 4
       : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

// `?` on a result with out_axes none, which has no batch axis.
func.func @dynamic_unmapped_result(%x: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'vmapc.vmap' op result 0 of type 'tensor<?xf32>' is dynamic on dim 0, which is not its batch axis}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [none] chunk_size = 4
       : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @dynamic_without_chunk(%x: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> tensor<?x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op a dynamic batch size needs a chunk_size (operand 0 has type 'tensor<?x3xf32>')}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0]
       : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

// Only the result is dynamic.
func.func @dynamic_result_without_chunk(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<?x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op a dynamic batch size needs a chunk_size (result 0 has type 'tensor<?x2xf32>')}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @dynamic_with_axis_size(%x: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> tensor<?x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op axis_size is given but operand 0 has a dynamic batch axis}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] axis_size = 8 chunk_size = 4
       : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

// A static result of a dynamic batch.
func.func @static_result_dynamic_batch(%x: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op result 0 has size 8 on its batch axis 0 but the batch size is ?}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] chunk_size = 4
       : (tensor<?x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

// Mapped operands are all `?` or all static: `?` does not match 8.
func.func @dynamic_and_static_mapped(%x: tensor<?x3xf32>, %w: tensor<8x3x2xf32>) -> tensor<?x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op mapped axes disagree: operand 0 has size ? on axis 0 but operand 1 has size 8 on axis 0}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, 0] out_axes [0] chunk_size = 4
       : (tensor<?x3xf32>, tensor<8x3x2xf32>) -> tensor<?x2xf32>
  return %0 : tensor<?x2xf32>
}

// -----

func.func private @g(tensor<?xf32>) -> tensor<?xf32>

// `?` is for the vmap's batch axis only: the callee stays static.
func.func @dynamic_callee(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{'vmapc.vmap' op operand 0 of type 'tensor<?x3xf32>' with its mapped axis removed is 'tensor<3xf32>' but callee @g expects argument 0 of type 'tensor<?xf32>'}}
  %0 = vmapc.vmap @g(%x) in_axes [0] out_axes [0] chunk_size = 4
       : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

// Valid: `?` on a negative mapped axis and on the result's batch axis,
// parallel; a chunk larger than the batch; axis_size with chunk_size on a
// static batch.
func.func @valid(%x: tensor<3x?xf32>, %y: tensor<8x3xf32>, %w: tensor<3x2xf32>)
    -> (tensor<?x2xf32>, tensor<8x2xf32>, tensor<8x2xf32>) {
  %0 = vmapc.vmap @f(%x, %w) in_axes [-1, none] out_axes [-2] chunk_size = 4 parallel
       : (tensor<3x?xf32>, tensor<3x2xf32>) -> tensor<?x2xf32>
  %1 = vmapc.vmap @f(%y, %w) in_axes [0, none] out_axes [0] chunk_size = 100
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  %2 = vmapc.vmap @f(%y, %w) in_axes [0, none] out_axes [0] axis_size = 8 chunk_size = 3 parallel
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0, %1, %2 : tensor<?x2xf32>, tensor<8x2xf32>, tensor<8x2xf32>
}
