// RUN: vmapc-opt %s | FileCheck %s
// RUN: vmapc-opt %s | vmapc-opt | FileCheck %s
// RUN: vmapc-opt %s --mlir-print-op-generic | vmapc-opt | FileCheck %s

// pmap, the collectives over named axes and vmap's axis_name print and
// parse back (pretty and generic forms).

// CHECK-LABEL: func.func private @f
// CHECK: vmapc.psum %{{.*}} axis_name = "i" : tensor<2xf32>
// CHECK: vmapc.pmean %{{.*}} axis_name = "i" : tensor<2xf32>
// CHECK: vmapc.pmax %{{.*}} axis_name = "i" : tensor<2xf32>
// CHECK: vmapc.all_gather %{{.*}} axis_name = "i" : tensor<2xf32> -> tensor<8x2xf32>
func.func private @f(%x: tensor<2xf32>) -> (tensor<2xf32>, tensor<8x2xf32>) {
  %s = vmapc.psum %x axis_name = "i" : tensor<2xf32>
  %m = vmapc.pmean %s axis_name = "i" : tensor<2xf32>
  %p = vmapc.pmax %m axis_name = "i" : tensor<2xf32>
  %g = vmapc.all_gather %x axis_name = "i" : tensor<2xf32> -> tensor<8x2xf32>
  return %p, %g : tensor<2xf32>, tensor<8x2xf32>
}

// CHECK-LABEL: func.func @maps
// CHECK: vmapc.pmap @f(%{{.*}}) in_axes [0] out_axes [0, none] axis_name = "i"
// CHECK: vmapc.vmap @f(%{{.*}}) in_axes [0] out_axes [0, none] axis_name = "i"
func.func @maps(%xs: tensor<8x2xf32>) -> (tensor<8x2xf32>, tensor<8x2xf32>) {
  %a:2 = vmapc.pmap @f(%xs) in_axes [0] out_axes [0, none] axis_name = "i"
       : (tensor<8x2xf32>) -> (tensor<8x2xf32>, tensor<8x2xf32>)
  %b:2 = vmapc.vmap @f(%xs) in_axes [0] out_axes [0, none] axis_name = "i"
       : (tensor<8x2xf32>) -> (tensor<8x2xf32>, tensor<8x2xf32>)
  return %a#0, %b#1 : tensor<8x2xf32>, tensor<8x2xf32>
}
