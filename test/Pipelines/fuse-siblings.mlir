// vmapc-fuse-elementwise merges sibling elementwise ops over the same
// iteration space that read a common value (Lotka-Volterra's x' and y' both
// read x * y) into one generic with two results; the shared product then has
// one user, fuses into it, and is computed once per point. Ops that depend
// on each other, or iterate over different spaces, stay apart.
// RUN: vmapc-opt --convert-vmapc-to-linalg --canonicalize --cse %s \
// RUN:   | vmapc-opt --pass-pipeline='builtin.module(func.func(linalg-generalize-named-ops,vmapc-fuse-elementwise,canonicalize,cse))' \
// RUN:   | FileCheck %s
// RUN: vmapc-difftest --check %s --input-seed=2 | FileCheck %s --check-prefix=NUM

// CHECK-LABEL: func.func @step
// CHECK: %[[R:.+]]:2 = linalg.generic
// CHECK-SAME: ins(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} : tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>)
// CHECK-SAME: outs(%{{.+}}, %{{.+}} : tensor<64xf32>, tensor<64xf32>)
// The inputs in order of first use: x, a, b, y, g, d.
// CHECK: ^bb0(%[[X:[^:]+]]: f32, %{{[^:]+}}: f32, %{{[^:]+}}: f32, %[[Y:[^:]+]]: f32
// CHECK: arith.mulf %[[X]], %[[Y]] : f32
// CHECK-NOT: arith.mulf %[[X]], %[[Y]] : f32
// CHECK: linalg.yield
// CHECK-NOT: linalg.generic
// CHECK: return %[[R]]#0, %[[R]]#1

// CHECK-LABEL: func.func @different_spaces
// CHECK: linalg.generic {{.+}} iterator_types = ["parallel", "reduction"]} ins(%{{.+}} : tensor<8x64xf32>) outs(%{{.+}} : tensor<8xf32>)
// CHECK: linalg.generic {{.+}} iterator_types = ["parallel", "parallel"]} ins(%{{.+}} : tensor<8x64xf32>) outs(%{{.+}} : tensor<8x64xf32>)
// CHECK-NEXT: ^bb0
// CHECK-NEXT: math.exp
// CHECK: return

// NUM: vmapc-difftest: 2 function(s) pass
module {
  func.func @step(%x: tensor<64xf32>, %y: tensor<64xf32>, %a: tensor<64xf32>,
                  %b: tensor<64xf32>, %g: tensor<64xf32>, %d: tensor<64xf32>)
      -> (tensor<64xf32>, tensor<64xf32>) {
    %xy = vmapc.mul %x, %y : tensor<64xf32>
    %ax = vmapc.mul %a, %x : tensor<64xf32>
    %bxy = vmapc.mul %b, %xy : tensor<64xf32>
    %dx = vmapc.sub %ax, %bxy : tensor<64xf32>
    %x1 = vmapc.add %x, %dx : tensor<64xf32>
    %gxy = vmapc.mul %g, %xy : tensor<64xf32>
    %dy0 = vmapc.mul %d, %y : tensor<64xf32>
    %dy = vmapc.sub %gxy, %dy0 : tensor<64xf32>
    %y1 = vmapc.add %y, %dy : tensor<64xf32>
    return %x1, %y1 : tensor<64xf32>, tensor<64xf32>
  }
  // A row sum and an elementwise op on the same input: different spaces.
  func.func @different_spaces(%x: tensor<8x64xf32>)
      -> (tensor<8xf32>, tensor<8x64xf32>)
      attributes {difftest.rtol = [1.0e-5, 1.0e-6]} {
    %s = vmapc.reduce sum %x, dims = [1] : tensor<8x64xf32> -> tensor<8xf32>
    %e = vmapc.exp %x : tensor<8x64xf32>
    return %s, %e : tensor<8xf32>, tensor<8x64xf32>
  }
}
