// RUN: vmapc-opt --convert-vmapc-to-linalg %s | FileCheck %s

// fori_loop and scan become scf.for, while scf.while, cond scf.if and the
// switch form scf.index_switch; the regions move over, their vmapc ops are
// lowered in place, and rank-0 bounds and predicates become scalars.

// CHECK-LABEL: func.func @fori_loop(
// CHECK-SAME:      %[[LO:.+]]: tensor<i32>, %[[HI:.+]]: tensor<i32>, %[[X0:.+]]: tensor<f32>)
// CHECK-DAG:     %[[L:.+]] = tensor.extract %[[LO]][] : tensor<i32>
// CHECK-DAG:     %[[LI:.+]] = arith.index_cast %[[L]] : i32 to index
// CHECK-DAG:     %[[H:.+]] = tensor.extract %[[HI]][] : tensor<i32>
// CHECK-DAG:     %[[HIX:.+]] = arith.index_cast %[[H]] : i32 to index
// CHECK:         %[[R:.+]] = scf.for %[[IV:.+]] = %[[LI]] to %[[HIX]] step %{{.+}} iter_args(%[[X:.+]] = %[[X0]]) -> (tensor<f32>) {
// CHECK:           %[[I32:.+]] = arith.index_cast %[[IV]] : index to i32
// CHECK:           %[[IT:.+]] = tensor.from_elements %[[I32]] : tensor<i32>
// CHECK:           %[[F:.+]] = linalg.generic {{.*}} ins(%[[IT]] : tensor<i32>)
// CHECK:           %[[N:.+]] = linalg.generic {{.*}} ins(%[[X]], %[[F]] : tensor<f32>, tensor<f32>)
// CHECK:           scf.yield %[[N]] : tensor<f32>
// CHECK:         return %[[R]]
// CHECK-NOT:     vmapc.
func.func @fori_loop(%lo: tensor<i32>, %hi: tensor<i32>, %x0: tensor<f32>) -> tensor<f32> {
  %r = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0) -> (tensor<f32>) {
    %f = vmapc.convert %i : tensor<i32> -> tensor<f32>
    %n = vmapc.add %x, %f : tensor<f32>
    vmapc.yield %n : tensor<f32>
  }
  return %r : tensor<f32>
}

// The stacked outputs are extra iter_args starting empty; step t reads row t
// of xs and writes row t of each output.
// CHECK-LABEL: func.func @scan(
// CHECK-SAME:      %[[C0:.+]]: tensor<3xf32>, %[[XS:.+]]: tensor<4x3xf32>)
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<4x3xf32>
// CHECK:         %[[R:.+]]:2 = scf.for %[[T:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[C:.+]] = %[[C0]], %[[YS:.+]] = %[[E]]) -> (tensor<3xf32>, tensor<4x3xf32>) {
// CHECK:           %[[X:.+]] = tensor.extract_slice %[[XS]][%[[T]], 0] [1, 3] [1, 1] : tensor<4x3xf32> to tensor<3xf32>
// CHECK:           %[[N:.+]] = linalg.generic {{.*}} ins(%[[C]], %[[X]] : tensor<3xf32>, tensor<3xf32>)
// CHECK:           %[[W:.+]] = tensor.insert_slice %[[N]] into %[[YS]][%[[T]], 0] [1, 3] [1, 1] : tensor<3xf32> into tensor<4x3xf32>
// CHECK:           scf.yield %[[N]], %[[W]] : tensor<3xf32>, tensor<4x3xf32>
// CHECK:         return %[[R]]#0, %[[R]]#1
func.func @scan(%c0: tensor<3xf32>, %xs: tensor<4x3xf32>) -> (tensor<3xf32>, tensor<4x3xf32>) {
  %c, %ys = vmapc.scan (%c = %c0) xs(%x = %xs) length = 4 : (tensor<3xf32>), (tensor<4x3xf32>) -> (tensor<4x3xf32>) {
    %n = vmapc.add %c, %x : tensor<3xf32>
    vmapc.yield %n, %n : tensor<3xf32>, tensor<3xf32>
  }
  return %c, %ys : tensor<3xf32>, tensor<4x3xf32>
}

// CHECK-LABEL: func.func @while(
// CHECK:         scf.while (%[[X:.+]] = %{{.+}}) : (tensor<f32>) -> tensor<f32> {
// CHECK:           %[[P:.+]] = linalg.generic {{.*}} ins(%[[X]], %{{.+}} : tensor<f32>, tensor<f32>) outs(%{{.+}} : tensor<i1>)
// CHECK:           %[[B:.+]] = tensor.extract %[[P]][] : tensor<i1>
// CHECK:           scf.condition(%[[B]]) %[[X]] : tensor<f32>
// CHECK:         } do {
// CHECK:         ^bb0(%[[Y:.+]]: tensor<f32>):
// CHECK:           %[[D:.+]] = linalg.generic {{.*}} ins(%[[Y]], %[[Y]] : tensor<f32>, tensor<f32>)
// CHECK:           scf.yield %[[D]] : tensor<f32>
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

// CHECK-LABEL: func.func @cond(
// CHECK-SAME:      %[[P:.+]]: tensor<i1>, %[[A:.+]]: tensor<f32>)
// CHECK:         %[[B:.+]] = tensor.extract %[[P]][] : tensor<i1>
// CHECK:         %[[R:.+]] = scf.if %[[B]] -> (tensor<f32>) {
// CHECK-NEXT:      scf.yield %[[A]] : tensor<f32>
// CHECK-NEXT:    } else {
// CHECK:           %[[N:.+]] = linalg.generic
// CHECK:           arith.negf
// CHECK:           scf.yield %[[N]] : tensor<f32>
// CHECK:         return %[[R]]
func.func @cond(%p: tensor<i1>, %a: tensor<f32>) -> tensor<f32> {
  %r = vmapc.cond %p -> (tensor<f32>) {
    vmapc.yield %a : tensor<f32>
  } else {
    %n = vmapc.neg %a : tensor<f32>
    vmapc.yield %n : tensor<f32>
  }
  return %r : tensor<f32>
}

// The index is clamped into [0, 2]; the last branch is the default.
// CHECK-LABEL: func.func @switch(
// CHECK-SAME:      %[[I:.+]]: tensor<i64>, %[[A:.+]]: tensor<f32>)
// CHECK:         %[[V:.+]] = tensor.extract %[[I]][] : tensor<i64>
// CHECK-DAG:     %[[ZERO:.+]] = arith.constant 0 : i64
// CHECK-DAG:     %[[TWO:.+]] = arith.constant 2 : i64
// CHECK:         %[[LO:.+]] = arith.maxsi %[[V]], %[[ZERO]] : i64
// CHECK:         %[[HI:.+]] = arith.minsi %[[LO]], %[[TWO]] : i64
// CHECK:         %[[X:.+]] = arith.index_cast %[[HI]] : i64 to index
// CHECK:         scf.index_switch %[[X]] -> tensor<f32>
// CHECK:         case 0 {
// CHECK-NEXT:      scf.yield %[[A]] : tensor<f32>
// CHECK:         case 1 {
// CHECK:           arith.negf
// CHECK:         default {
// CHECK:           math.exp
func.func @switch(%i: tensor<i64>, %a: tensor<f32>) -> tensor<f32> {
  %r = vmapc.cond %i : tensor<i64> -> (tensor<f32>) case 0 {
    vmapc.yield %a : tensor<f32>
  } case 1 {
    %n = vmapc.neg %a : tensor<f32>
    vmapc.yield %n : tensor<f32>
  } case 2 {
    %e = vmapc.exp %a : tensor<f32>
    vmapc.yield %e : tensor<f32>
  }
  return %r : tensor<f32>
}
