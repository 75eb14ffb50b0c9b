// RUN: vmapc-opt --vmapc-lower-pmap=num-ranks=3 %s -split-input-file -verify-diagnostics
// RUN: not vmapc-opt --vmapc-lower-pmap=num-ranks=0 %s -split-input-file 2>&1 | FileCheck %s --check-prefix=ZERO

// What a pmap cannot be split into for a job of 3 ranks: 8 examples (not
// a multiple of 3: pad the batch), a mapped i1 result (not summable over
// MPI), a nested pmap, a pmap inside a vmap.
// ZERO: error: --vmapc-lower-pmap needs num-ranks >= 1, got 0

func.func private @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}

func.func @uneven(%x: tensor<8x3xf32>) -> tensor<8x3xf32> {
  // expected-error @+1 {{'vmapc.pmap' op maps 8 examples over 3 ranks: the mapped axis must be a multiple of the rank count (pad the batch)}}
  %0 = vmapc.pmap @f(%x) in_axes [0] out_axes [0] axis_name = "i"
       : (tensor<8x3xf32>) -> tensor<8x3xf32>
  return %0 : tensor<8x3xf32>
}

// -----

func.func private @positive(%x: tensor<3xf32>) -> tensor<3xi1> {
  %z = vmapc.constant dense<0.0> : tensor<3xf32>
  %p = vmapc.compare gt, %x, %z : tensor<3xf32>
  return %p : tensor<3xi1>
}

func.func @bools(%x: tensor<6x3xf32>) -> tensor<6x3xi1> {
  // expected-error @+1 {{'vmapc.pmap' op result 0 is a mapped i1 tensor, which cannot be assembled across ranks; return it as i32}}
  %0 = vmapc.pmap @positive(%x) in_axes [0] out_axes [0] axis_name = "i"
       : (tensor<6x3xf32>) -> tensor<6x3xi1>
  return %0 : tensor<6x3xi1>
}

// -----

func.func private @g(%x: tensor<3xf32>) -> tensor<3xf32> {
  %s = vmapc.psum %x axis_name = "i" : tensor<3xf32>
  return %s : tensor<3xf32>
}

func.func private @f(%x: tensor<3x3xf32>) -> tensor<3x3xf32> {
  // expected-error @+1 {{'vmapc.pmap' op cannot be nested in another pmap}}
  %0 = vmapc.pmap @g(%x) in_axes [0] out_axes [0] axis_name = "j"
       : (tensor<3x3xf32>) -> tensor<3x3xf32>
  %s = vmapc.psum %0 axis_name = "i" : tensor<3x3xf32>
  return %s : tensor<3x3xf32>
}

func.func @nested(%x: tensor<6x3x3xf32>) -> tensor<6x3x3xf32> {
  %0 = vmapc.pmap @f(%x) in_axes [0] out_axes [0] axis_name = "i"
       : (tensor<6x3x3xf32>) -> tensor<6x3x3xf32>
  return %0 : tensor<6x3x3xf32>
}

// -----

func.func private @g(%x: tensor<2xf32>) -> tensor<2xf32> {
  %s = vmapc.psum %x axis_name = "i" : tensor<2xf32>
  return %s : tensor<2xf32>
}

func.func private @f(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{'vmapc.pmap' op cannot be inside a vmap: the ranks are split once, outermost (vmap inside the pmap instead)}}
  %r = vmapc.pmap @g(%x) in_axes [0] out_axes [0] axis_name = "i"
       : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

func.func @pmap_in_vmap(%xs: tensor<2x3x2xf32>) -> tensor<2x3x2xf32> {
  %r = vmapc.vmap @f(%xs) in_axes [0] out_axes [0]
       : (tensor<2x3x2xf32>) -> tensor<2x3x2xf32>
  return %r : tensor<2x3x2xf32>
}
