// The NN layer of the install test, for vmapc_add_kernel: tanh(x W + b) on
// one example, mapped over a batch of any size (serial and parallel chunks)
// and over a fixed batch of 16.
func.func private @layer(%x: tensor<8xf32>, %w: tensor<8x4xf32>,
                         %b: tensor<4xf32>) -> tensor<4xf32> {
  %xw = vmapc.dot_general %x, %w, batching_dims = [] x [],
        contracting_dims = [0] x [0]
      : (tensor<8xf32>, tensor<8x4xf32>) -> tensor<4xf32>
  %z = vmapc.add %xw, %b : tensor<4xf32>
  %y = vmapc.tanh %z : tensor<4xf32>
  return %y : tensor<4xf32>
}

func.func @nn(%xs: tensor<?x8xf32>, %w: tensor<8x4xf32>,
              %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %y = vmapc.vmap @layer(%xs, %w, %b) in_axes [0, none, none] out_axes [0]
       chunk_size = 32
     : (tensor<?x8xf32>, tensor<8x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

func.func @nn_parallel(%xs: tensor<?x8xf32>, %w: tensor<8x4xf32>,
                       %b: tensor<4xf32>) -> tensor<?x4xf32> {
  %y = vmapc.vmap @layer(%xs, %w, %b) in_axes [0, none, none] out_axes [0]
       chunk_size = 32 parallel
     : (tensor<?x8xf32>, tensor<8x4xf32>, tensor<4xf32>) -> tensor<?x4xf32>
  return %y : tensor<?x4xf32>
}

func.func @nn16(%xs: tensor<16x8xf32>, %w: tensor<8x4xf32>,
                %b: tensor<4xf32>) -> tensor<16x4xf32> {
  %y = vmapc.vmap @layer(%xs, %w, %b) in_axes [0, none, none] out_axes [0]
     : (tensor<16x8xf32>, tensor<8x4xf32>, tensor<4xf32>) -> tensor<16x4xf32>
  return %y : tensor<16x4xf32>
}
