// A chunked vmap of a callee with a data-dependent loop (a vmapc.while that
// doubles x until it reaches the limit, so it never ends for x = 0), on
// batch sizes 0, 1, 3 (smaller than the chunk of 4) and 6. The tail window
// of a small batch is padded with copies of its last lane, not with zeros,
// so the compiled loop ends; with an empty batch there is no lane to run
// at all, and the result is empty. vmapc-eval (the oracle) must agree,
// without running the callee on a made-up zero example either. Each run is
// under `timeout` so that a loop on a zero lane fails the test instead of
// hanging it. The out_axes none result, limit + limit, has a value for
// every batch size, 0 included.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/limit.npy '<f4' "" --values=100
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/x0.npy '<f4' 0
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/x1.npy '<f4' 1 --values=3
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/x3.npy '<f4' 3 --values=3,1,7
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/x6.npy '<f4' 6 --values=3,1,7,50,0.5,200
// RUN: timeout 30 vmapc-run %s -e serial --arg=%t/x0.npy --arg=%t/limit.npy | FileCheck %s --check-prefix=N0
// RUN: timeout 30 vmapc-run %s -e par --threads=2 --arg=%t/x0.npy --arg=%t/limit.npy | FileCheck %s --check-prefix=N0
// RUN: timeout 30 vmapc-run %s -e serial --arg=%t/x1.npy --arg=%t/limit.npy | FileCheck %s --check-prefix=N1
// RUN: timeout 30 vmapc-run %s -e par --threads=2 --arg=%t/x1.npy --arg=%t/limit.npy | FileCheck %s --check-prefix=N1
// RUN: timeout 30 vmapc-eval %s -e serial --arg=%t/x1.npy --arg=%t/limit.npy | FileCheck %s --check-prefix=N1
// RUN: timeout 30 vmapc-run %s -e serial --arg=%t/x3.npy --arg=%t/limit.npy | FileCheck %s --check-prefix=N3
// RUN: timeout 30 vmapc-run %s -e par --threads=2 --arg=%t/x3.npy --arg=%t/limit.npy | FileCheck %s --check-prefix=N3
// RUN: timeout 30 vmapc-eval %s -e serial --arg=%t/x3.npy --arg=%t/limit.npy | FileCheck %s --check-prefix=N3
// RUN: timeout 30 vmapc-run %s -e serial --arg=%t/x6.npy --arg=%t/limit.npy | FileCheck %s --check-prefix=N6
// RUN: timeout 30 vmapc-run %s -e par --threads=2 --arg=%t/x6.npy --arg=%t/limit.npy | FileCheck %s --check-prefix=N6
// RUN: timeout 30 vmapc-eval %s -e serial --arg=%t/x6.npy --arg=%t/limit.npy | FileCheck %s --check-prefix=N6
// The empty batch on the oracle last: it is the case that hangs if the
// evaluator calls the callee on a zero example.
// RUN: timeout 30 vmapc-eval %s -e serial --arg=%t/x0.npy --arg=%t/limit.npy | FileCheck %s --check-prefix=N0

// N0:      {{^}}tensor<0xf32> []{{$}}
// N0-NEXT: {{^}}tensor<f32> 200{{$}}
// N1:      {{^}}tensor<1xf32> [192]{{$}}
// N1-NEXT: {{^}}tensor<f32> 200{{$}}
// N3:      {{^}}tensor<3xf32> [192, 128, 112]{{$}}
// N3-NEXT: {{^}}tensor<f32> 200{{$}}
// N6:      {{^}}tensor<6xf32> [192, 128, 112, 100, 128, 200]{{$}}
// N6-NEXT: {{^}}tensor<f32> 200{{$}}

func.func @grow(%x: tensor<f32>, %limit: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  %r = vmapc.while (%y = %x) : (tensor<f32>) cond {
    %p = vmapc.compare lt, %y, %limit : tensor<f32>
    vmapc.yield %p : tensor<i1>
  } do {
  ^bb0(%z: tensor<f32>):
    %n = vmapc.add %z, %z : tensor<f32>
    vmapc.yield %n : tensor<f32>
  }
  %l2 = vmapc.add %limit, %limit : tensor<f32>
  return %r, %l2 : tensor<f32>, tensor<f32>
}

func.func @serial(%xs: tensor<?xf32>, %limit: tensor<f32>) -> (tensor<?xf32>, tensor<f32>) {
  %r:2 = vmapc.vmap @grow(%xs, %limit) in_axes [0, none] out_axes [0, none] chunk_size = 4
       : (tensor<?xf32>, tensor<f32>) -> (tensor<?xf32>, tensor<f32>)
  return %r#0, %r#1 : tensor<?xf32>, tensor<f32>
}

func.func @par(%xs: tensor<?xf32>, %limit: tensor<f32>) -> (tensor<?xf32>, tensor<f32>) {
  %r:2 = vmapc.vmap @grow(%xs, %limit) in_axes [0, none] out_axes [0, none] chunk_size = 4 parallel
       : (tensor<?xf32>, tensor<f32>) -> (tensor<?xf32>, tensor<f32>)
  return %r#0, %r#1 : tensor<?xf32>, tensor<f32>
}
