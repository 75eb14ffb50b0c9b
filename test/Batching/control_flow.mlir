// RUN: vmapc-opt --vmapc-batch %s | FileCheck %s
// RUN: vmapc-opt --vmapc-batch %s | vmapc-opt --verify-diagnostics > /dev/null

// Batching rules of fori_loop, scan, while and cond (JAX's control-flow
// batchers): a batched carry batches the body, an unbatched carry that the
// body makes batched is materialized before the loop, per-lane trip counts
// and batched while predicates run until every lane is done with finished
// lanes frozen by select, a batched cond predicate runs every branch and
// selects, an unbatched one stays a real branch. The property test
// (test/unit/Inputs/batching/4*_*.mlir) checks the numbers.

func.func @fori_body(%x0: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<3xf32> {
  %lo = vmapc.constant dense<0> : tensor<i32>
  %hi = vmapc.constant dense<4> : tensor<i32>
  %r = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0) -> (tensor<3xf32>) {
    %n = vmapc.mul %x, %w : tensor<3xf32>
    vmapc.yield %n : tensor<3xf32>
  }
  return %r : tensor<3xf32>
}

// Batched carry: the loop carries the whole batch; the unbatched weight is
// broadcast inside the body, the trip count stays scalar.
// CHECK-LABEL: func.func private @fori_body_batched_0_none__8(
// CHECK-SAME:      %[[X:.+]]: tensor<8x3xf32>, %[[W:.+]]: tensor<3xf32>) -> tensor<8x3xf32>
// CHECK:         %[[R:.+]] = vmapc.fori_loop %{{.+}} = %{{.+}} to %{{.+}} : tensor<i32> iter_args(%[[C:.+]] = %[[X]]) -> (tensor<8x3xf32>) {
// CHECK:           %[[B:.+]] = vmapc.broadcast_in_dim %[[W]], dims = [1] : tensor<3xf32> -> tensor<8x3xf32>
// CHECK:           %[[M:.+]] = vmapc.mul %[[C]], %[[B]] : tensor<8x3xf32>
// CHECK:           vmapc.yield %[[M]] : tensor<8x3xf32>
// CHECK:         return %[[R]]
func.func @fori(%x: tensor<8x3xf32>, %w: tensor<3xf32>) -> tensor<8x3xf32> {
  %r = vmapc.vmap @fori_body(%x, %w) in_axes [0, none] out_axes [0] : (tensor<8x3xf32>, tensor<3xf32>) -> tensor<8x3xf32>
  return %r : tensor<8x3xf32>
}

// Unbatched initial value, batched body: the carry is forced batched (at
// the dim the body gives it) and the initial value materialized once.
// CHECK-LABEL: func.func private @fori_body_batched_none_1__8(
// CHECK-SAME:      %[[X:.+]]: tensor<3xf32>, %[[W:.+]]: tensor<3x8xf32>)
// CHECK:         %[[X8:.+]] = vmapc.broadcast_in_dim %[[X]], dims = [0] : tensor<3xf32> -> tensor<3x8xf32>
// CHECK:         vmapc.fori_loop %{{.+}} = %{{.+}} to %{{.+}} : tensor<i32> iter_args(%[[C:.+]] = %[[X8]]) -> (tensor<3x8xf32>) {
// CHECK-NEXT:      %[[M:.+]] = vmapc.mul %[[C]], %[[W]] : tensor<3x8xf32>
// CHECK-NEXT:      vmapc.yield %[[M]] : tensor<3x8xf32>
func.func @fori_forced(%w: tensor<3x8xf32>, %x: tensor<3xf32>) -> tensor<8x3xf32> {
  %r = vmapc.vmap @fori_body(%x, %w) in_axes [none, 1] out_axes [0] : (tensor<3xf32>, tensor<3x8xf32>) -> tensor<8x3xf32>
  return %r : tensor<8x3xf32>
}

func.func @bounds_body(%n: tensor<i32>, %x0: tensor<f32>) -> tensor<f32> {
  %lo = vmapc.constant dense<0> : tensor<i32>
  %r = vmapc.fori_loop %i = %lo to %n : tensor<i32> iter_args(%x = %x0) -> (tensor<f32>) {
    %n2 = vmapc.add %x, %x : tensor<f32>
    vmapc.yield %n2 : tensor<f32>
  }
  return %r : tensor<f32>
}

// Per-lane trip counts: a while over (index, carry) that runs while any
// lane's index is below its bound, freezing the other lanes.
// CHECK-LABEL: func.func private @bounds_body_batched_0_none__4(
// CHECK-SAME:      %[[N:.+]]: tensor<4xi32>, %[[X:.+]]: tensor<f32>)
// CHECK-DAG:     %[[I0:.+]] = vmapc.constant dense<0> : tensor<4xi32>
// CHECK-DAG:     %[[X4:.+]] = vmapc.broadcast_in_dim %[[X]], dims = [] : tensor<f32> -> tensor<4xf32>
// CHECK:         %[[R:.+]]:2 = vmapc.while (%[[I:.+]] = %[[I0]], %[[C:.+]] = %[[X4]]) : (tensor<4xi32>, tensor<4xf32>) cond {
// CHECK:           %[[P:.+]] = vmapc.compare lt, %[[I]], %[[N]] : tensor<4xi32>
// CHECK:           %[[PI:.+]] = vmapc.convert %[[P]] : tensor<4xi1> -> tensor<4xi32>
// CHECK:           %[[ANY:.+]] = vmapc.reduce max %[[PI]], dims = [0] : tensor<4xi32> -> tensor<i32>
// CHECK:           %[[GT:.+]] = vmapc.compare gt, %[[ANY]], %{{.+}} : tensor<i32>
// CHECK:           vmapc.yield %[[GT]] : tensor<i1>
// CHECK:         } do {
// CHECK:         ^bb0(%[[BI:.+]]: tensor<4xi32>, %[[BC:.+]]: tensor<4xf32>):
// CHECK:           %[[LIVE:.+]] = vmapc.compare lt, %[[BI]], %[[N]] : tensor<4xi32>
// CHECK:           %[[D:.+]] = vmapc.add %[[BC]], %[[BC]] : tensor<4xf32>
// CHECK:           %[[I1:.+]] = vmapc.add %[[BI]], %{{.+}} : tensor<4xi32>
// CHECK:           %[[SI:.+]] = vmapc.select %[[LIVE]], %[[I1]], %[[BI]] : tensor<4xi1>, tensor<4xi32>
// CHECK:           %[[SC:.+]] = vmapc.select %[[LIVE]], %[[D]], %[[BC]] : tensor<4xi1>, tensor<4xf32>
// CHECK:           vmapc.yield %[[SI]], %[[SC]] : tensor<4xi32>, tensor<4xf32>
// CHECK:         return %[[R]]#1 : tensor<4xf32>
func.func @bounds(%n: tensor<4xi32>, %x: tensor<f32>) -> tensor<4xf32> {
  %r = vmapc.vmap @bounds_body(%n, %x) in_axes [0, none] out_axes [0] : (tensor<4xi32>, tensor<f32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

func.func @scan_body(%c0: tensor<f32>, %xs: tensor<5x2xf32>) -> (tensor<f32>, tensor<5x2xf32>) {
  %c, %ys = vmapc.scan (%c = %c0) xs(%x = %xs) length = 5 : (tensor<f32>), (tensor<5x2xf32>) -> (tensor<5x2xf32>) {
    %s = vmapc.reduce sum %x, dims = [0] : tensor<2xf32> -> tensor<f32>
    %n = vmapc.add %c, %s : tensor<f32>
    %b = vmapc.broadcast_in_dim %n, dims = [] : tensor<f32> -> tensor<2xf32>
    %y = vmapc.mul %x, %b : tensor<2xf32>
    vmapc.yield %n, %y : tensor<f32>, tensor<2xf32>
  }
  return %c, %ys : tensor<f32>, tensor<5x2xf32>
}

// xs batched on the scanned axis: the batch dim moves behind it, the step
// slices are batched at 0, the stacked outputs at 1 (moved back by the vmap).
// CHECK-LABEL: func.func private @scan_body_batched_none_0__4(
// CHECK-SAME:      %[[C0:.+]]: tensor<f32>, %[[XS:.+]]: tensor<4x5x2xf32>) -> (tensor<4xf32>, tensor<5x4x2xf32>)
// CHECK-DAG:     %[[T:.+]] = vmapc.transpose %[[XS]], permutation = [1, 0, 2] : tensor<4x5x2xf32> -> tensor<5x4x2xf32>
// CHECK-DAG:     %[[C4:.+]] = vmapc.broadcast_in_dim %[[C0]], dims = [] : tensor<f32> -> tensor<4xf32>
// CHECK:         vmapc.scan (%[[C:.+]] = %[[C4]]) xs(%[[X:.+]] = %[[T]]) length = 5 : (tensor<4xf32>), (tensor<5x4x2xf32>) -> (tensor<5x4x2xf32>) {
// CHECK:           %[[S:.+]] = vmapc.reduce sum %[[X]], dims = [1] : tensor<4x2xf32> -> tensor<4xf32>
// CHECK:           %[[N:.+]] = vmapc.add %[[C]], %[[S]] : tensor<4xf32>
// CHECK:           %[[Y:.+]] = vmapc.mul %[[X]], %{{.+}} : tensor<4x2xf32>
// CHECK:           vmapc.yield %[[N]], %[[Y]] : tensor<4xf32>, tensor<4x2xf32>
// CHECK-LABEL: func.func @scan(
// CHECK:         vmapc.transpose %{{.+}}#1, permutation = [1, 0, 2] : tensor<5x4x2xf32> -> tensor<4x5x2xf32>
func.func @scan(%c0: tensor<f32>, %xs: tensor<4x5x2xf32>) -> (tensor<4xf32>, tensor<4x5x2xf32>) {
  %c, %ys = vmapc.vmap @scan_body(%c0, %xs) in_axes [none, 0] out_axes [0, 0] : (tensor<f32>, tensor<4x5x2xf32>) -> (tensor<4xf32>, tensor<4x5x2xf32>)
  return %c, %ys : tensor<4xf32>, tensor<4x5x2xf32>
}

func.func @while_body(%x0: tensor<f32>, %n: tensor<i32>) -> (tensor<f32>, tensor<i32>) {
  %z = vmapc.constant dense<0> : tensor<i32>
  %one = vmapc.constant dense<1> : tensor<i32>
  %r:2 = vmapc.while (%x = %x0, %k = %z) : (tensor<f32>, tensor<i32>) cond {
    %p = vmapc.compare lt, %k, %n : tensor<i32>
    vmapc.yield %p : tensor<i1>
  } do {
  ^bb0(%y: tensor<f32>, %j: tensor<i32>):
    %d = vmapc.mul %y, %y : tensor<f32>
    %j1 = vmapc.add %j, %one : tensor<i32>
    vmapc.yield %d, %j1 : tensor<f32>, tensor<i32>
  }
  return %r#0, %r#1 : tensor<f32>, tensor<i32>
}

// The predicate depends only on the unbatched counter: one real while, the
// batched carry inside it, the counter left unbatched.
// CHECK-LABEL: func.func private @while_body_batched_0_none__4(
// CHECK:         vmapc.while (%{{.+}} = %{{.+}}, %[[K:.+]] = %{{.+}}) : (tensor<4xf32>, tensor<i32>) cond {
// CHECK-NEXT:      %[[P:.+]] = vmapc.compare lt, %[[K]], %{{.+}} : tensor<i32>
// CHECK-NEXT:      vmapc.yield %[[P]] : tensor<i1>
// CHECK-NEXT:    } do {
// CHECK-NEXT:    ^bb0(%[[Y:.+]]: tensor<4xf32>, %[[J:.+]]: tensor<i32>):
// CHECK-NEXT:      %[[D:.+]] = vmapc.mul %[[Y]], %[[Y]] : tensor<4xf32>
// CHECK-NEXT:      %[[J1:.+]] = vmapc.add %[[J]], %{{.+}} : tensor<i32>
// CHECK-NEXT:      vmapc.yield %[[D]], %[[J1]] : tensor<4xf32>, tensor<i32>
func.func @while_unbatched_pred(%x: tensor<4xf32>, %n: tensor<i32>) -> (tensor<4xf32>, tensor<i32>) {
  %r:2 = vmapc.vmap @while_body(%x, %n) in_axes [0, none] out_axes [0, none] : (tensor<4xf32>, tensor<i32>) -> (tensor<4xf32>, tensor<i32>)
  return %r#0, %r#1 : tensor<4xf32>, tensor<i32>
}

// A batched predicate: loop while any lane holds; every carry is batched
// and finished lanes keep their values.
// CHECK-LABEL: func.func private @while_body_batched_none_0__4(
// CHECK-SAME:      %[[X:.+]]: tensor<f32>, %[[N:.+]]: tensor<4xi32>)
// CHECK:         vmapc.while (%{{.+}} = %{{.+}}, %[[K:.+]] = %{{.+}}) : (tensor<4xf32>, tensor<4xi32>) cond {
// CHECK:           vmapc.compare lt, %[[K]], %[[N]] : tensor<4xi32>
// CHECK:           vmapc.reduce max
// CHECK:         } do {
// CHECK:         ^bb0(%[[Y:.+]]: tensor<4xf32>, %[[J:.+]]: tensor<4xi32>):
// CHECK:           %[[LIVE:.+]] = vmapc.compare lt, %[[J]], %[[N]] : tensor<4xi32>
// CHECK:           %[[D:.+]] = vmapc.mul %[[Y]], %[[Y]] : tensor<4xf32>
// CHECK:           %[[J1:.+]] = vmapc.add %[[J]], %{{.+}} : tensor<4xi32>
// CHECK:           %[[SY:.+]] = vmapc.select %[[LIVE]], %[[D]], %[[Y]] : tensor<4xi1>, tensor<4xf32>
// CHECK:           %[[SJ:.+]] = vmapc.select %[[LIVE]], %[[J1]], %[[J]] : tensor<4xi1>, tensor<4xi32>
// CHECK:           vmapc.yield %[[SY]], %[[SJ]]
func.func @while_batched_pred(%x: tensor<f32>, %n: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>) {
  %r:2 = vmapc.vmap @while_body(%x, %n) in_axes [none, 0] out_axes [0, 0] : (tensor<f32>, tensor<4xi32>) -> (tensor<4xf32>, tensor<4xi32>)
  return %r#0, %r#1 : tensor<4xf32>, tensor<4xi32>
}

func.func @cond_body(%p: tensor<i1>, %a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %r = vmapc.cond %p -> (tensor<3xf32>) {
    %e = vmapc.exp %a : tensor<3xf32>
    vmapc.yield %e : tensor<3xf32>
  } else {
    vmapc.yield %b : tensor<3xf32>
  }
  return %r : tensor<3xf32>
}

// Unbatched predicate: still one real branch; the branch yielding an
// unbatched value materializes it at the other branch's batch dim.
// CHECK-LABEL: func.func private @cond_body_batched_none_1_none__6(
// CHECK-SAME:      %[[P:.+]]: tensor<i1>, %[[A:.+]]: tensor<3x6xf32>, %[[B:.+]]: tensor<3xf32>)
// CHECK:         vmapc.cond %[[P]] -> (tensor<3x6xf32>) {
// CHECK-NEXT:      %[[E:.+]] = vmapc.exp %[[A]] : tensor<3x6xf32>
// CHECK-NEXT:      vmapc.yield %[[E]] : tensor<3x6xf32>
// CHECK-NEXT:    } else {
// CHECK-NEXT:      %[[BB:.+]] = vmapc.broadcast_in_dim %[[B]], dims = [0] : tensor<3xf32> -> tensor<3x6xf32>
// CHECK-NEXT:      vmapc.yield %[[BB]] : tensor<3x6xf32>
func.func @cond_unbatched_pred(%p: tensor<i1>, %a: tensor<3x6xf32>, %b: tensor<3xf32>) -> tensor<6x3xf32> {
  %r = vmapc.vmap @cond_body(%p, %a, %b) in_axes [none, 1, none] out_axes [0] : (tensor<i1>, tensor<3x6xf32>, tensor<3xf32>) -> tensor<6x3xf32>
  return %r : tensor<6x3xf32>
}

// Batched predicate: both branches run, each lane selects its own.
// CHECK-LABEL: func.func private @cond_body_batched_0_1_none__6(
// CHECK-SAME:      %[[P:.+]]: tensor<6xi1>, %[[A:.+]]: tensor<3x6xf32>, %[[B:.+]]: tensor<3xf32>)
// CHECK-NOT:     vmapc.cond
// CHECK-DAG:     %[[E:.+]] = vmapc.exp %[[A]] : tensor<3x6xf32>
// CHECK-DAG:     %[[BB:.+]] = vmapc.broadcast_in_dim %[[B]], dims = [0] : tensor<3xf32> -> tensor<3x6xf32>
// CHECK-DAG:     %[[M:.+]] = vmapc.broadcast_in_dim %[[P]], dims = [1] : tensor<6xi1> -> tensor<3x6xi1>
// CHECK:         %[[R:.+]] = vmapc.select %[[M]], %[[E]], %[[BB]] : tensor<3x6xi1>, tensor<3x6xf32>
// CHECK:         return %[[R]]
func.func @cond_batched_pred(%p: tensor<6xi1>, %a: tensor<3x6xf32>, %b: tensor<3xf32>) -> tensor<6x3xf32> {
  %r = vmapc.vmap @cond_body(%p, %a, %b) in_axes [0, 1, none] out_axes [0] : (tensor<6xi1>, tensor<3x6xf32>, tensor<3xf32>) -> tensor<6x3xf32>
  return %r : tensor<6x3xf32>
}

func.func @switch_body(%i: tensor<i32>, %a: tensor<f32>) -> tensor<f32> {
  %r = vmapc.cond %i : tensor<i32> -> (tensor<f32>) case 0 {
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

// Batched switch index: every branch runs; branch k wins where the
// (clamped) index is <= k and no earlier branch did.
// CHECK-LABEL: func.func private @switch_body_batched_0_none__5(
// CHECK-SAME:      %[[I:.+]]: tensor<5xi32>, %[[A:.+]]: tensor<f32>)
// CHECK-NOT:     vmapc.cond
// CHECK-DAG:     %[[B0:.+]] = vmapc.broadcast_in_dim %[[A]], dims = []
// CHECK-DAG:     %[[B1:.+]] = vmapc.broadcast_in_dim %{{.+}}, dims = []
// CHECK-DAG:     %[[B2:.+]] = vmapc.broadcast_in_dim %{{.+}}, dims = []
// CHECK-DAG:     %[[ONE:.+]] = vmapc.constant dense<1> : tensor<5xi32>
// CHECK:         %[[LE1:.+]] = vmapc.compare le, %[[I]], %[[ONE]] : tensor<5xi32>
// CHECK:         %[[S1:.+]] = vmapc.select %[[LE1]], %[[B1]], %[[B2]] : tensor<5xi1>, tensor<5xf32>
// CHECK:         %[[ZERO:.+]] = vmapc.constant dense<0> : tensor<5xi32>
// CHECK:         %[[LE0:.+]] = vmapc.compare le, %[[I]], %[[ZERO]] : tensor<5xi32>
// CHECK:         %[[S0:.+]] = vmapc.select %[[LE0]], %[[B0]], %[[S1]] : tensor<5xi1>, tensor<5xf32>
// CHECK:         return %[[S0]]
func.func @switch_batched(%i: tensor<5xi32>, %a: tensor<f32>) -> tensor<5xf32> {
  %r = vmapc.vmap @switch_body(%i, %a) in_axes [0, none] out_axes [0] : (tensor<5xi32>, tensor<f32>) -> tensor<5xf32>
  return %r : tensor<5xf32>
}
