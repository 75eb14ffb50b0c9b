// RUN: vmapc-opt --vmapc-update-loop-state-in-place %s | FileCheck %s
// RUN: vmapc-opt --pass-pipeline='builtin.module(func.func(vmapc-update-loop-state-in-place,vmapc-tile-and-vectorize,canonicalize,cse,loop-invariant-subset-hoisting,canonicalize))' %s | FileCheck %s --check-prefix=HOIST

// A loop step that computes its whole new state into a fresh tensor writes
// it over the old state instead, when nothing else reads the old state and
// the payload ignores the init. Vectorized, the state's read and write then
// match and leave the loop: the state is carried as vectors.

#id = affine_map<(d0) -> (d0)>

// CHECK-LABEL: func.func @euler(
// CHECK:         scf.for {{.+}} iter_args(%[[X:.+]] = %{{.+}}, %[[Y:.+]] = %{{.+}})
// CHECK:           linalg.generic
// CHECK-SAME:        outs(%[[X]], %[[Y]] : tensor<64xf32>, tensor<64xf32>)
// HOIST-LABEL: func.func @euler(
// HOIST:         vector.transfer_read
// HOIST:         scf.for {{.+}} -> (vector<64xf32>, vector<64xf32>) {
// HOIST-NOT:       vector.transfer_write
// HOIST:           scf.yield {{.+}} : vector<64xf32>, vector<64xf32>
// HOIST:         vector.transfer_write
func.func @euler(%x0: tensor<64xf32>, %y0: tensor<64xf32>, %a: tensor<64xf32>)
    -> (tensor<64xf32>, tensor<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c100 = arith.constant 100 : index
  %r:2 = scf.for %t = %c0 to %c100 step %c1 iter_args(%x = %x0, %y = %y0)
      -> (tensor<64xf32>, tensor<64xf32>) {
    %e = tensor.empty() : tensor<64xf32>
    %n:2 = linalg.generic {indexing_maps = [#id, #id, #id, #id, #id],
                           iterator_types = ["parallel"]}
        ins(%x, %y, %a : tensor<64xf32>, tensor<64xf32>, tensor<64xf32>)
        outs(%e, %e : tensor<64xf32>, tensor<64xf32>) {
    ^bb0(%xi: f32, %yi: f32, %ai: f32, %o0: f32, %o1: f32):
      %ax = arith.mulf %ai, %xi : f32
      %nx = arith.addf %xi, %ax : f32
      %ny = arith.subf %yi, %xi : f32
      linalg.yield %nx, %ny : f32, f32
    } -> (tensor<64xf32>, tensor<64xf32>)
    scf.yield %n#0, %n#1 : tensor<64xf32>, tensor<64xf32>
  }
  return %r#0, %r#1 : tensor<64xf32>, tensor<64xf32>
}

// The old state has a second reader: writing over it would need a copy.
// CHECK-LABEL: func.func @state_read_twice(
// CHECK:         %[[E:.+]] = tensor.empty()
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%[[E]] : tensor<64xf32>)
func.func @state_read_twice(%x0: tensor<64xf32>) -> (tensor<64xf32>, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c100 = arith.constant 100 : index
  %zero = arith.constant 0.0 : f32
  %r:2 = scf.for %t = %c0 to %c100 step %c1 iter_args(%x = %x0, %s = %zero)
      -> (tensor<64xf32>, f32) {
    %e = tensor.empty() : tensor<64xf32>
    %n = linalg.generic {indexing_maps = [#id, #id],
                         iterator_types = ["parallel"]}
        ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
    ^bb0(%xi: f32, %o: f32):
      %d = arith.addf %xi, %xi : f32
      linalg.yield %d : f32
    } -> tensor<64xf32>
    %first = tensor.extract %x[%c0] : tensor<64xf32>
    %s2 = arith.addf %s, %first : f32
    scf.yield %n, %s2 : tensor<64xf32>, f32
  }
  return %r#0, %r#1 : tensor<64xf32>, f32
}

// The payload reads its init (an accumulation): the init's contents matter.
// CHECK-LABEL: func.func @reads_init(
// CHECK:         %[[Z:.+]] = linalg.fill
// CHECK:         scf.for
// CHECK:           linalg.generic
// CHECK-SAME:        outs(%[[Z]] : tensor<64xf32>)
func.func @reads_init(%x0: tensor<64xf32>) -> tensor<64xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c100 = arith.constant 100 : index
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  %r = scf.for %t = %c0 to %c100 step %c1 iter_args(%x = %x0)
      -> (tensor<64xf32>) {
    %n = linalg.generic {indexing_maps = [#id, #id],
                         iterator_types = ["parallel"]}
        ins(%x : tensor<64xf32>) outs(%z : tensor<64xf32>) {
    ^bb0(%xi: f32, %o: f32):
      %d = arith.addf %xi, %o : f32
      linalg.yield %d : f32
    } -> tensor<64xf32>
    scf.yield %n : tensor<64xf32>
  }
  return %r : tensor<64xf32>
}

// A fresh init whose payload reads it: the same, though it is tensor.empty.
// CHECK-LABEL: func.func @reads_empty_init(
// CHECK:         %[[E:.+]] = tensor.empty()
// CHECK:         linalg.generic
// CHECK-SAME:      outs(%[[E]] : tensor<64xf32>)
func.func @reads_empty_init(%x0: tensor<64xf32>) -> tensor<64xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c100 = arith.constant 100 : index
  %r = scf.for %t = %c0 to %c100 step %c1 iter_args(%x = %x0)
      -> (tensor<64xf32>) {
    %e = tensor.empty() : tensor<64xf32>
    %n = linalg.generic {indexing_maps = [#id, #id],
                         iterator_types = ["parallel"]}
        ins(%x : tensor<64xf32>) outs(%e : tensor<64xf32>) {
    ^bb0(%xi: f32, %o: f32):
      %d = arith.addf %xi, %o : f32
      linalg.yield %d : f32
    } -> tensor<64xf32>
    scf.yield %n : tensor<64xf32>
  }
  return %r : tensor<64xf32>
}
