// RUN: vmapc-opt --convert-vmapc-to-linalg %s | FileCheck %s

// fori_loop: runtime bounds become an scf.for over index (no iteration when
// upper <= lower); the body sees the index as a rank-0 tensor again.
// CHECK-LABEL: func.func @fori
// CHECK:         %[[LO:.+]] = tensor.extract %arg0[] : tensor<i32>
// CHECK:         %[[LB:.+]] = arith.index_cast %[[LO]] : i32 to index
// CHECK:         %[[HI:.+]] = tensor.extract %arg1[] : tensor<i32>
// CHECK:         %[[UB:.+]] = arith.index_cast %[[HI]] : i32 to index
// CHECK:         scf.for %[[IV:.+]] = %[[LB]] to %[[UB]] step %{{.+}} iter_args(%[[X:.+]] = %arg2) -> (tensor<f32>)
// CHECK:           %[[I:.+]] = arith.index_cast %[[IV]] : index to i32
// CHECK:           tensor.from_elements %[[I]] : tensor<i32>
// CHECK:           linalg.generic
// CHECK:           scf.yield %{{.+}} : tensor<f32>
func.func @fori(%lo: tensor<i32>, %hi: tensor<i32>, %x0: tensor<f32>) -> tensor<f32> {
  %r = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0) -> (tensor<f32>) {
    %y = vmapc.add %x, %x : tensor<f32>
    vmapc.yield %y : tensor<f32>
  }
  return %r : tensor<f32>
}

// scan: step t reads row t of xs and writes row t of the stacked output.
// CHECK-LABEL: func.func @scan
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<5xf32>
// CHECK:         scf.for %[[T:.+]] = %c0 to %c5 step %c1 iter_args(%[[C:.+]] = %arg0, %[[YS:.+]] = %[[E]]) -> (tensor<f32>, tensor<5xf32>)
// CHECK:           %[[X:.+]] = tensor.extract_slice %arg1[%[[T]]] [1] [1] : tensor<5xf32> to tensor<f32>
// CHECK:           %[[N:.+]] = linalg.generic {{.*}} ins(%[[C]], %[[X]] : tensor<f32>, tensor<f32>)
// CHECK:           %[[S:.+]] = tensor.insert_slice %[[N]] into %[[YS]][%[[T]]] [1] [1] : tensor<f32> into tensor<5xf32>
// CHECK:           scf.yield %[[N]], %[[S]] : tensor<f32>, tensor<5xf32>
func.func @scan(%c0: tensor<f32>, %xs: tensor<5xf32>) -> (tensor<f32>, tensor<5xf32>) {
  %c, %ys = vmapc.scan (%c = %c0) xs(%x = %xs) length = 5 : (tensor<f32>), (tensor<5xf32>) -> (tensor<5xf32>) {
    %n = vmapc.add %c, %x : tensor<f32>
    vmapc.yield %n, %n : tensor<f32>, tensor<f32>
  }
  return %c, %ys : tensor<f32>, tensor<5xf32>
}

// CHECK-LABEL: func.func @while
// CHECK:         scf.while (%[[A:.+]] = %arg0) : (tensor<f32>) -> tensor<f32>
// CHECK:           %[[P:.+]] = linalg.generic
// CHECK:             arith.cmpf olt
// CHECK:           %[[B:.+]] = tensor.extract %[[P]][] : tensor<i1>
// CHECK:           scf.condition(%[[B]]) %[[A]] : tensor<f32>
// CHECK:         } do {
// CHECK:           arith.addf
// CHECK:           scf.yield
func.func @while(%x0: tensor<f32>, %limit: tensor<f32>) -> tensor<f32> {
  %r = vmapc.while (%x = %x0) : (tensor<f32>) cond {
    %p = vmapc.compare lt, %x, %limit : tensor<f32>
    vmapc.yield %p : tensor<i1>
  } do {
  ^bb0(%x1: tensor<f32>):
    %y = vmapc.add %x1, %x1 : tensor<f32>
    vmapc.yield %y : tensor<f32>
  }
  return %r : tensor<f32>
}

// cond with a predicate is scf.if; with an index, scf.index_switch on the
// index clamped into [0, n - 1], the last branch as default.
// CHECK-LABEL: func.func @cond
// CHECK:         %[[P:.+]] = tensor.extract %arg0[] : tensor<i1>
// CHECK:         scf.if %[[P]] -> (tensor<f32>) {
// CHECK:           scf.yield %arg2 : tensor<f32>
// CHECK:         } else {
// CHECK:           scf.yield %arg3 : tensor<f32>
// CHECK:         %[[I:.+]] = tensor.extract %arg1[] : tensor<i32>
// The clamp may be done before or after the cast to index.
// CHECK-DAG:     arith.maxsi %{{.+}}, %c0
// CHECK-DAG:     arith.minsi %{{.+}}, %c1
// CHECK:         scf.index_switch %{{.+}} -> tensor<f32>
// CHECK:         case 0 {
// CHECK:           scf.yield %arg2 : tensor<f32>
// CHECK:         default {
// CHECK:           scf.yield %arg3 : tensor<f32>
func.func @cond(%p: tensor<i1>, %i: tensor<i32>, %a: tensor<f32>, %b: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  %r = vmapc.cond %p -> (tensor<f32>) {
    vmapc.yield %a : tensor<f32>
  } else {
    vmapc.yield %b : tensor<f32>
  }
  %s = vmapc.cond %i : tensor<i32> -> (tensor<f32>)
      case 0 { vmapc.yield %a : tensor<f32> }
      case 1 { vmapc.yield %b : tensor<f32> }
  return %r, %s : tensor<f32>, tensor<f32>
}
