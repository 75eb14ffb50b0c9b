// RUN: vmapc-opt --vmapc-batch --split-input-file --verify-diagnostics %s

// Every error of the batching pass is a located diagnostic.

// out_axes = none on a result that depends on a mapped operand.
func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = vmapc.exp %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @main(%x: tensor<4x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'vmapc.vmap' op out_axes[0] is none but result 0 of @f depends on a mapped operand}}
  %0 = vmapc.vmap @f(%x) in_axes [0] out_axes [none] : (tensor<4x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// The same through a nested vmap: the inner vmap's result depends on its
// mapped operand.
func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = vmapc.exp %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @g(%x: tensor<2x3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'vmapc.vmap' op out_axes[0] is none but result 0 of @f depends on a mapped operand}}
  %0 = vmapc.vmap @f(%x) in_axes [0] out_axes [none] : (tensor<2x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// An op without a batching rule, named in the diagnostic.
func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{'arith.addf' op has no batching rule}}
  %0 = arith.addf %x, %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @main(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-note @+1 {{while batching @f for this op}}
  %0 = vmapc.vmap @f(%x) in_axes [0] out_axes [0] : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// An op without a rule is fine when nothing batched flows into it.
func.func @f(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<3xf32> {
  %0 = arith.addf %w, %w : tensor<3xf32>
  %1 = vmapc.add %x, %0 : tensor<3xf32>
  return %1 : tensor<3xf32>
}
func.func @main(%x: tensor<4x3xf32>, %w: tensor<3xf32>) -> tensor<4x3xf32> {
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] : (tensor<4x3xf32>, tensor<3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// Recursion through a batched function.
// expected-note @+1 {{@f is defined here}}
func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{recursive call of @f while batching it; recursive functions cannot be vmapped}}
  %0 = func.call @f(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @main(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %0 = vmapc.vmap @f(%x) in_axes [0] out_axes [0] : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// Mutual recursion through calls.
// expected-note @+1 {{@f is defined here}}
func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = func.call @g(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @g(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{recursive call of @f while batching it}}
  %0 = func.call @f(%x) : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @main(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %0 = vmapc.vmap @f(%x) in_axes [0] out_axes [0] : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// A callee without a body.
func.func private @ext(%x: tensor<3xf32>) -> tensor<3xf32>
func.func @main(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{cannot batch @ext: it is a declaration without a body}}
  %0 = vmapc.vmap @ext(%x) in_axes [0] out_axes [0] : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// A callee with more than one block.
// expected-error @+1 {{cannot batch @f: its body has more than one block}}
func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  cf.br ^bb1
^bb1:
  return %x : tensor<3xf32>
}
func.func @main(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-note @+1 {{while batching @f for this op}}
  %0 = vmapc.vmap @f(%x) in_axes [0] out_axes [0] : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// Recursion through a vmap and a call: batching @g needs @f batched, whose
// vmap needs @g batched again.
func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{recursive call of @g while batching it}}
  %0 = vmapc.vmap @g(%x) in_axes [0] out_axes [0] : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
// expected-note @+1 {{@g is defined here}}
func.func @g(%s: tensor<f32>) -> tensor<f32> {
  %b = vmapc.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<3xf32>
  %r = func.call @f(%b) : (tensor<3xf32>) -> tensor<3xf32>
  %z = vmapc.reduce sum %r, dims = [0] : tensor<3xf32> -> tensor<f32>
  return %z : tensor<f32>
}

// -----

// The out_axes = none error on a later result, after an earlier result that
// needs a transpose: reported cleanly, nothing half-built is left.
func.func @two(%x: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %0 = vmapc.exp %x : tensor<3xf32>
  return %0, %x : tensor<3xf32>, tensor<3xf32>
}
func.func @main(%x: tensor<4x3xf32>) -> (tensor<3x4xf32>, tensor<3xf32>) {
  // expected-error @+1 {{'vmapc.vmap' op out_axes[1] is none but result 1 of @two depends on a mapped operand}}
  %0:2 = vmapc.vmap @two(%x) in_axes [0] out_axes [1, none] : (tensor<4x3xf32>) -> (tensor<3x4xf32>, tensor<3xf32>)
  return %0#0, %0#1 : tensor<3x4xf32>, tensor<3xf32>
}
