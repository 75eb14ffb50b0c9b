// RUN: vmapc-opt %s -split-input-file -verify-diagnostics

// One case per rule of vmapc.vmap's verifier and of its callee check.

func.func @f(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> tensor<2xf32> {
  %0 = vmapc.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [0] x [0]
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

func.func @in_axes_arity(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op in_axes has 1 entries but there are 2 operands}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0] out_axes [0]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @out_axes_arity(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op out_axes has 2 entries but there are 1 results}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0, 0]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @in_axis_not_i64(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op in_axes[0] must be an i64 axis or unit, got 0 : i32}}
  %0 = "vmapc.vmap"(%x, %w) {callee = @f, in_axes = [0 : i32, unit], out_axes = [0 : i64]}
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @out_axis_not_axis(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op out_axes[0] must be an i64 axis or unit, got "zero"}}
  %0 = "vmapc.vmap"(%x, %w) {callee = @f, in_axes = [0 : i64, unit], out_axes = ["zero"]}
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @in_axes_not_array(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op attribute 'in_axes' failed to satisfy constraint: array attribute}}
  %0 = "vmapc.vmap"(%x, %w) {callee = @f, in_axes = 0 : i64, out_axes = [0 : i64]}
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @missing_callee(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op requires attribute 'callee'}}
  %0 = "vmapc.vmap"(%x, %w) {in_axes = [0 : i64, unit], out_axes = [0 : i64]}
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @in_axis_too_big(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op in_axes[0] = 2 is out of range for operand 0 of rank 2}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [2, none] out_axes [0]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @in_axis_too_negative(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op in_axes[0] = -3 is out of range for operand 0 of rank 2}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [-3, none] out_axes [0]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

// The message names both operands, their axes and their sizes.
func.func @sizes_disagree(%x: tensor<8x3xf32>, %w: tensor<3x2x5xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op mapped axes disagree: operand 0 has size 8 on axis 0 but operand 1 has size 5 on axis 2}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, -1] out_axes [0]
       : (tensor<8x3xf32>, tensor<3x2x5xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @axis_size_disagrees(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op operand 0 has size 8 on its mapped axis 0 but axis_size is 4}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] axis_size = 4
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @axis_size_negative(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op axis_size must be non-negative, got -1}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [none, none] out_axes [none] axis_size = -1
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @axis_size_missing(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op axis_size is required when no operand is mapped}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [none, none] out_axes [none]
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @out_axis_out_of_range(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op out_axes[0] = 2 is out of range for result 0 of rank 2}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [2]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @out_axis_negative_out_of_range(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op out_axes[0] = -3 is out of range for result 0 of rank 2}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [-3]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @result_batch_size(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op result 0 has size 2 on its batch axis 0 but the batch size is 8}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}

// -----

func.func @callee_missing(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op 'nowhere' does not reference a func.func}}
  %0 = vmapc.vmap @nowhere(%x, %w) in_axes [0, none] out_axes [0]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

memref.global "private" @not_a_function : memref<2xf32>

func.func @callee_not_function(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op 'not_a_function' does not reference a func.func}}
  %0 = vmapc.vmap @not_a_function(%x, %w) in_axes [0, none] out_axes [0]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<2xf32>

func.func @callee_arity(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op callee @f takes 1 arguments but vmap passes 2}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<2xf32>)

func.func @callee_results(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op callee @f returns 2 results but vmap has 1}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @callee_mapped_arg_type(%x: tensor<3x8xf32>, %w: tensor<3x2xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op operand 0 of type 'tensor<3x8xf32>' with its mapped axis removed is 'tensor<8xf32>' but callee @f expects argument 0 of type 'tensor<3xf32>'}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0]
       : (tensor<3x8xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @callee_unmapped_arg_type(%x: tensor<8x3xf32>, %w: tensor<3x2xf64>) -> tensor<8x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op operand 1 of type 'tensor<3x2xf64>' is 'tensor<3x2xf64>' but callee @f expects argument 1 of type 'tensor<3x2xf32>'}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0]
       : (tensor<8x3xf32>, tensor<3x2xf64>) -> tensor<8x2xf32>
  return %0 : tensor<8x2xf32>
}

// -----

func.func private @f(tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>

func.func @callee_result_type(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x3xf32> {
  // expected-error @+1 {{'vmapc.vmap' op result 0 of type 'tensor<8x3xf32>' with its batch axis removed is 'tensor<3xf32>' but callee @f returns 'tensor<2xf32>'}}
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x3xf32>
  return %0 : tensor<8x3xf32>
}

// -----

func.func private @g() -> tensor<2xf32>

func.func @unmapped_result_type() -> tensor<4x2xf32> {
  // expected-error @+1 {{'vmapc.vmap' op result 0 of type 'tensor<4x2xf32>' is 'tensor<4x2xf32>' but callee @g returns 'tensor<2xf32>'}}
  %0 = vmapc.vmap @g() in_axes [] out_axes [none] axis_size = 4 : () -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}
