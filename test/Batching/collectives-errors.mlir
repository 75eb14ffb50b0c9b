// RUN: vmapc-opt --vmapc-batch %s -split-input-file -verify-diagnostics

// A collective whose axis_name no map around it binds (JAX's unbound axis
// name) is an error at the collective, in a public function (called
// directly it is outside every map) and in a mapped one whose vmap names
// another axis; a pmap must be split across ranks before batching.

func.func @lonely(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'vmapc.psum' op over axis 'k', which no enclosing vmap or pmap names (in @lonely, a public function: called directly, it is outside every map; make it private if only maps use it)}}
  %s = vmapc.psum %x axis_name = "k" : tensor<2xf32>
  return %s : tensor<2xf32>
}

// -----

func.func private @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{'vmapc.pmax' op over axis 'j', which no enclosing vmap or pmap names (in @f_batched_0__4__i)}}
  %s = vmapc.pmax %x axis_name = "j" : tensor<2xf32>
  %t = vmapc.psum %s axis_name = "i" : tensor<2xf32>
  return %t : tensor<2xf32>
}

func.func @wrong_name(%x: tensor<4x2xf32>) -> tensor<2xf32> {
  %r = vmapc.vmap @f(%x) in_axes [0] out_axes [none] axis_name = "i"
       : (tensor<4x2xf32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

// -----

func.func private @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  return %x : tensor<2xf32>
}

func.func @unsplit(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  // expected-error @+1 {{'vmapc.pmap' op must be lowered by --vmapc-lower-pmap before --vmapc-batch}}
  %r = vmapc.pmap @f(%x) in_axes [0] out_axes [0] axis_name = "i"
       : (tensor<4x2xf32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}
