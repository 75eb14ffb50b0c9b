// vmapc-tile-and-vectorize runs the points of a vmapped GMM log-likelihood
// along the vector lanes: the per-point sum over d of (x - mu)^2 * prec is
// one op (its producers fused into the batch-reduce), computed 32 points at
// a time with d reduced lane-wise, and the logsumexp over the 16 components
// reduces across vectors rather than within one.
// RUN: vmapc-opt --vmapc-batch --convert-vmapc-to-linalg --inline --symbol-dce --canonicalize --cse %s \
// RUN:   | vmapc-opt --pass-pipeline='builtin.module(func.func(linalg-generalize-named-ops,vmapc-fuse-elementwise,canonicalize,cse,vmapc-tile-and-vectorize,canonicalize,cse))' \
// RUN:   | FileCheck %s
// RUN: vmapc-difftest --check %s --input-seed=3 | FileCheck %s --check-prefix=NUM

// CHECK-LABEL: func.func @w7
// CHECK: vector.multi_reduction <add>, %{{.+}}, %{{.+}} [1] : vector<16x8x32xf32> to vector<16x32xf32>
// CHECK: vector.multi_reduction <maximumf>, %{{.+}}, %{{.+}} [0] : vector<16x64xf32> to vector<64xf32>
// CHECK: math.exp %{{.+}} : vector<16x64xf32>
// CHECK: vector.multi_reduction <add>, %{{.+}}, %{{.+}} [0] : vector<16x64xf32> to vector<64xf32>
// CHECK: return
module {
  func.func @w7(%arg0: tensor<64x8xf32>, %arg1: tensor<16x8xf32>, %arg2: tensor<16x8xf32>, %arg3: tensor<16xf32>) -> tensor<64xf32> attributes {difftest.rtol = [1.0e-5]} {
    %0 = vmapc.vmap @vmapped_0(%arg0, %arg1, %arg2, %arg3) in_axes [0, none, none, none] out_axes [0] : (tensor<64x8xf32>, tensor<16x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<64xf32>
    return %0 : tensor<64xf32>
  }
  func.func private @vmapped_0(%arg0: tensor<8xf32>, %arg1: tensor<16x8xf32>, %arg2: tensor<16x8xf32>, %arg3: tensor<16xf32>) -> tensor<f32> {
    %0 = vmapc.log %arg2 : tensor<16x8xf32>
    %1 = vmapc.reduce sum %0, dims = [1] : tensor<16x8xf32> -> tensor<16xf32>
    %2 = vmapc.constant dense<5.000000e-01> : tensor<f32>
    %3 = vmapc.broadcast_in_dim %2, dims = [] : tensor<f32> -> tensor<16xf32>
    %4 = vmapc.mul %1, %3 : tensor<16xf32>
    %5 = vmapc.add %arg3, %4 : tensor<16xf32>
    %6 = vmapc.constant dense<7.35150814> : tensor<f32>
    %7 = vmapc.broadcast_in_dim %6, dims = [] : tensor<f32> -> tensor<16xf32>
    %8 = vmapc.sub %5, %7 : tensor<16xf32>
    %9 = vmapc.broadcast_in_dim %arg0, dims = [1] : tensor<8xf32> -> tensor<16x8xf32>
    %10 = vmapc.sub %9, %arg1 : tensor<16x8xf32>
    %11 = vmapc.mul %10, %10 : tensor<16x8xf32>
    %12 = vmapc.mul %11, %arg2 : tensor<16x8xf32>
    %13 = vmapc.reduce sum %12, dims = [1] : tensor<16x8xf32> -> tensor<16xf32>
    %14 = vmapc.constant dense<5.000000e-01> : tensor<f32>
    %15 = vmapc.broadcast_in_dim %14, dims = [] : tensor<f32> -> tensor<16xf32>
    %16 = vmapc.mul %13, %15 : tensor<16xf32>
    %17 = vmapc.sub %8, %16 : tensor<16xf32>
    %18 = vmapc.reduce max %17, dims = [0] : tensor<16xf32> -> tensor<f32>
    %19 = vmapc.broadcast_in_dim %18, dims = [] : tensor<f32> -> tensor<16xf32>
    %20 = vmapc.sub %17, %19 : tensor<16xf32>
    %21 = vmapc.exp %20 : tensor<16xf32>
    %22 = vmapc.reduce sum %21, dims = [0] : tensor<16xf32> -> tensor<f32>
    %23 = vmapc.log %22 : tensor<f32>
    %24 = vmapc.add %18, %23 : tensor<f32>
    return %24 : tensor<f32>
  }
}

// NUM: vmapc-difftest: 1 function(s) pass
