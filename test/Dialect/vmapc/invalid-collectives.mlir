// RUN: vmapc-opt %s -split-input-file -verify-diagnostics

// The verifiers of pmap, all_gather and axis names.

func.func @gather_shape(%x: tensor<2xf32>) -> tensor<8x3xf32> {
  // expected-error @+1 {{'vmapc.all_gather' op result must be the operand's type with the axis size in front (tensor<Nx...> for 'tensor<2xf32>'), got 'tensor<8x3xf32>'}}
  %g = vmapc.all_gather %x axis_name = "i" : tensor<2xf32> -> tensor<8x3xf32>
  return %g : tensor<8x3xf32>
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<3xf32>

func.func @empty_name(%x: tensor<8x3xf32>) -> tensor<8x3xf32> {
  // expected-error @+1 {{'vmapc.pmap' op axis_name must not be empty}}
  %0 = vmapc.pmap @f(%x) in_axes [0] out_axes [0] axis_name = ""
       : (tensor<8x3xf32>) -> tensor<8x3xf32>
  return %0 : tensor<8x3xf32>
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<3xf32>

func.func @empty_vmap_name(%x: tensor<8x3xf32>) -> tensor<8x3xf32> {
  // expected-error @+1 {{'vmapc.vmap' op axis_name must not be empty}}
  %0 = vmapc.vmap @f(%x) in_axes [0] out_axes [0] axis_name = ""
       : (tensor<8x3xf32>) -> tensor<8x3xf32>
  return %0 : tensor<8x3xf32>
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<3xf32>

func.func @pmap_sizes(%x: tensor<8x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'vmapc.pmap' op result 0 has size 4 on its batch axis 0 but the batch size is 8}}
  %0 = vmapc.pmap @f(%x) in_axes [0] out_axes [0] axis_name = "i"
       : (tensor<8x3xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<2xf32>

func.func @pmap_callee(%x: tensor<8x3xf32>) -> tensor<8x3xf32> {
  // expected-error @+1 {{'vmapc.pmap' op result 0 of type 'tensor<8x3xf32>' with its batch axis removed is 'tensor<3xf32>' but callee @f returns 'tensor<2xf32>'}}
  %0 = vmapc.pmap @f(%x) in_axes [0] out_axes [0] axis_name = "i"
       : (tensor<8x3xf32>) -> tensor<8x3xf32>
  return %0 : tensor<8x3xf32>
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<3xf32>

func.func @pmap_dynamic(%x: tensor<?x3xf32>) -> tensor<?x3xf32> {
  // expected-error @+1 {{'vmapc.pmap' op needs static shapes to split its axis across ranks, got 'tensor<?x3xf32>'}}
  %0 = vmapc.pmap @f(%x) in_axes [0] out_axes [0] axis_name = "i"
       : (tensor<?x3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<3xf32>

func.func @chunked_name(%x: tensor<8x3xf32>) -> tensor<8x3xf32> {
  // expected-error @+1 {{'vmapc.vmap' op cannot have both axis_name and chunk_size: a collective over the axis needs every example, and a chunk sees only its own}}
  %0 = vmapc.vmap @f(%x) in_axes [0] out_axes [0] chunk_size = 4 axis_name = "i"
       : (tensor<8x3xf32>) -> tensor<8x3xf32>
  return %0 : tensor<8x3xf32>
}
