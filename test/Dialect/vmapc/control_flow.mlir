// RUN: vmapc-opt %s | vmapc-opt | FileCheck %s
// RUN: vmapc-opt %s --mlir-print-op-generic | vmapc-opt | FileCheck %s
// RUN: vmapc-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Pretty and generic round trips of fori_loop, scan, while and cond.

// CHECK-LABEL: func.func @fori_loop
// CHECK:         %[[R:.+]]:2 = vmapc.fori_loop %[[I:.+]] = %{{.+}} to %{{.+}} : tensor<i32> iter_args(%[[X:.+]] = %{{.+}}, %[[Y:.+]] = %{{.+}}) -> (tensor<f32>, tensor<2xf32>) {
// CHECK:           %[[F:.+]] = vmapc.convert %[[I]] : tensor<i32> -> tensor<f32>
// CHECK:           %[[N:.+]] = vmapc.add %[[X]], %[[F]] : tensor<f32>
// CHECK:           vmapc.yield %[[N]], %[[Y]] : tensor<f32>, tensor<2xf32>
// CHECK:         }
// GENERIC-LABEL: sym_name = "fori_loop"
// GENERIC:       "vmapc.fori_loop"(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}) ({
// GENERIC-NEXT:  ^bb0(%{{.+}}: tensor<i32>, %{{.+}}: tensor<f32>, %{{.+}}: tensor<2xf32>):
// GENERIC:       "vmapc.yield"
// GENERIC:       }) : (tensor<i32>, tensor<i32>, tensor<f32>, tensor<2xf32>) -> (tensor<f32>, tensor<2xf32>)
func.func @fori_loop(%lo: tensor<i32>, %hi: tensor<i32>, %x0: tensor<f32>, %y0: tensor<2xf32>) -> (tensor<f32>, tensor<2xf32>) {
  %r:2 = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0, %y = %y0) -> (tensor<f32>, tensor<2xf32>) {
    %f = vmapc.convert %i : tensor<i32> -> tensor<f32>
    %n = vmapc.add %x, %f : tensor<f32>
    vmapc.yield %n, %y : tensor<f32>, tensor<2xf32>
  }
  return %r#0, %r#1 : tensor<f32>, tensor<2xf32>
}

// A loop without carried values, with i64 bounds, and an attribute.
// CHECK-LABEL: func.func @fori_loop_empty
// CHECK:         vmapc.fori_loop %{{.+}} = %{{.+}} to %{{.+}} : tensor<i64> {
// CHECK-NEXT:      vmapc.yield{{$}}
// CHECK-NEXT:    } {note = "empty"}
func.func @fori_loop_empty(%lo: tensor<i64>, %hi: tensor<i64>) {
  vmapc.fori_loop %i = %lo to %hi : tensor<i64> {
    vmapc.yield
  } {note = "empty"}
  return
}

// CHECK-LABEL: func.func @scan
// CHECK:         %[[R:.+]]:3 = vmapc.scan (%[[C:.+]] = %{{.+}}) xs(%[[X:.+]] = %{{.+}}, %[[W:.+]] = %{{.+}}) length = 4 : (tensor<3xf32>), (tensor<4x3xf32>, tensor<4xi32>) -> (tensor<4x3xf32>, tensor<4xf32>) {
// CHECK:           %[[N:.+]] = vmapc.add %[[C]], %[[X]] : tensor<3xf32>
// CHECK:           vmapc.yield %[[N]], %[[N]], %{{.+}} : tensor<3xf32>, tensor<3xf32>, tensor<f32>
// CHECK:         }
// GENERIC-LABEL: sym_name = "scan"
// GENERIC:       "vmapc.scan"(%{{.+}}, %{{.+}}, %{{.+}}) <{length = 4 : i64, operandSegmentSizes = array<i32: 1, 2>}> ({
func.func @scan(%c0: tensor<3xf32>, %xs: tensor<4x3xf32>, %ws: tensor<4xi32>) -> (tensor<3xf32>, tensor<4x3xf32>, tensor<4xf32>) {
  %c, %ys, %zs = vmapc.scan (%c = %c0) xs(%x = %xs, %w = %ws) length = 4 : (tensor<3xf32>), (tensor<4x3xf32>, tensor<4xi32>) -> (tensor<4x3xf32>, tensor<4xf32>) {
    %n = vmapc.add %c, %x : tensor<3xf32>
    %f = vmapc.convert %w : tensor<i32> -> tensor<f32>
    vmapc.yield %n, %n, %f : tensor<3xf32>, tensor<3xf32>, tensor<f32>
  }
  return %c, %ys, %zs : tensor<3xf32>, tensor<4x3xf32>, tensor<4xf32>
}

// A scan without xs: length alone counts the steps.
// CHECK-LABEL: func.func @scan_length_only
// CHECK:         vmapc.scan (%{{.+}} = %{{.+}}) length = 6 : (tensor<f32>) -> (tensor<6xf32>) {
func.func @scan_length_only(%c0: tensor<f32>) -> (tensor<f32>, tensor<6xf32>) {
  %c, %ys = vmapc.scan (%c = %c0) length = 6 : (tensor<f32>) -> (tensor<6xf32>) {
    %n = vmapc.mul %c, %c : tensor<f32>
    vmapc.yield %n, %c : tensor<f32>, tensor<f32>
  }
  return %c, %ys : tensor<f32>, tensor<6xf32>
}

// CHECK-LABEL: func.func @while
// CHECK:         %[[R:.+]] = vmapc.while (%[[X:.+]] = %{{.+}}) : (tensor<f32>) cond {
// CHECK:           %[[P:.+]] = vmapc.compare lt, %[[X]], %{{.+}} : tensor<f32>
// CHECK:           vmapc.yield %[[P]] : tensor<i1>
// CHECK:         } do {
// CHECK:         ^bb0(%[[Y:.+]]: tensor<f32>):
// CHECK:           %[[N:.+]] = vmapc.add %[[Y]], %[[Y]] : tensor<f32>
// CHECK:           vmapc.yield %[[N]] : tensor<f32>
// CHECK:         }
// GENERIC-LABEL: sym_name = "while"
// GENERIC:       "vmapc.while"(%{{.+}}) ({
func.func @while(%x0: tensor<f32>, %limit: tensor<f32>) -> tensor<f32> {
  %r = vmapc.while (%x = %x0) : (tensor<f32>) cond {
    %p = vmapc.compare lt, %x, %limit : tensor<f32>
    vmapc.yield %p : tensor<i1>
  } do {
  ^bb0(%y: tensor<f32>):
    %n = vmapc.add %y, %y : tensor<f32>
    vmapc.yield %n : tensor<f32>
  }
  return %r : tensor<f32>
}

// CHECK-LABEL: func.func @cond
// CHECK:         %{{.+}} = vmapc.cond %{{.+}} -> (tensor<f32>) {
// CHECK:           vmapc.yield %{{.+}} : tensor<f32>
// CHECK:         } else {
// CHECK:           vmapc.neg
// CHECK:           vmapc.yield %{{.+}} : tensor<f32>
// CHECK:         }
// GENERIC-LABEL: sym_name = "cond"
// GENERIC:       "vmapc.cond"(%{{.+}}) ({
func.func @cond(%p: tensor<i1>, %a: tensor<f32>) -> tensor<f32> {
  %r = vmapc.cond %p -> (tensor<f32>) {
    vmapc.yield %a : tensor<f32>
  } else {
    %n = vmapc.neg %a : tensor<f32>
    vmapc.yield %n : tensor<f32>
  }
  return %r : tensor<f32>
}

// The switch form, and a cond without results.
// CHECK-LABEL: func.func @switch
// CHECK:         vmapc.cond %{{.+}} : tensor<i64> -> (tensor<f32>, tensor<i32>) case 0 {
// CHECK:         } case 1 {
// CHECK:         } case 2 {
// CHECK:         vmapc.cond %{{.+}} {
// CHECK-NEXT:      vmapc.yield{{$}}
// CHECK-NEXT:    } else {
func.func @switch(%i: tensor<i64>, %p: tensor<i1>, %a: tensor<f32>, %k: tensor<i32>) -> (tensor<f32>, tensor<i32>) {
  %r:2 = vmapc.cond %i : tensor<i64> -> (tensor<f32>, tensor<i32>) case 0 {
    vmapc.yield %a, %k : tensor<f32>, tensor<i32>
  } case 1 {
    %n = vmapc.neg %a : tensor<f32>
    vmapc.yield %n, %k : tensor<f32>, tensor<i32>
  } case 2 {
    %e = vmapc.exp %a : tensor<f32>
    %m = vmapc.neg %k : tensor<i32>
    vmapc.yield %e, %m : tensor<f32>, tensor<i32>
  }
  vmapc.cond %p {
    vmapc.yield
  } else {
    vmapc.yield
  }
  return %r#0, %r#1 : tensor<f32>, tensor<i32>
}

// Nesting: a cond inside a while inside a fori_loop.
// CHECK-LABEL: func.func @nested
// CHECK:         vmapc.fori_loop
// CHECK:           vmapc.while
// CHECK:             vmapc.cond
func.func @nested(%n: tensor<i32>, %x0: tensor<f32>, %one: tensor<f32>) -> tensor<f32> {
  %zero = vmapc.constant dense<0> : tensor<i32>
  %r = vmapc.fori_loop %i = %zero to %n : tensor<i32> iter_args(%x = %x0) -> (tensor<f32>) {
    %w = vmapc.while (%y = %x) : (tensor<f32>) cond {
      %p = vmapc.compare lt, %y, %one : tensor<f32>
      vmapc.yield %p : tensor<i1>
    } do {
    ^bb0(%z: tensor<f32>):
      %q = vmapc.compare gt, %z, %x : tensor<f32>
      %c = vmapc.cond %q -> (tensor<f32>) {
        %s = vmapc.add %z, %one : tensor<f32>
        vmapc.yield %s : tensor<f32>
      } else {
        %s = vmapc.add %z, %z : tensor<f32>
        vmapc.yield %s : tensor<f32>
      }
      vmapc.yield %c : tensor<f32>
    }
    vmapc.yield %w : tensor<f32>
  }
  return %r : tensor<f32>
}
