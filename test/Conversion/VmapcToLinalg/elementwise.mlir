// RUN: vmapc-opt --convert-vmapc-to-linalg %s | FileCheck %s

// CHECK-DAG: #[[ID:.+]] = affine_map<(d0) -> (d0)>
// CHECK-DAG: #[[SCALAR:.+]] = affine_map<() -> ()>

// CHECK-LABEL: func.func @add_f32
// CHECK:         %[[E:.+]] = tensor.empty() : tensor<4xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[ID]]], iterator_types = ["parallel"]}
// CHECK-SAME:      ins(%arg0, %arg1 : tensor<4xf32>, tensor<4xf32>) outs(%[[E]] : tensor<4xf32>)
// CHECK:           %[[S:.+]] = arith.addf
// CHECK:           linalg.yield %[[S]]
func.func @add_f32(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "vmapc.add"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// CHECK-LABEL: func.func @int_binary
// CHECK:         arith.addi
// CHECK:         arith.subi
// CHECK:         arith.muli
// Division guards x / 0 (gives -1) and INT_MIN / -1 (wraps).
// CHECK:         %[[Z:.+]] = arith.cmpi eq
// CHECK:         %[[M1:.+]] = arith.cmpi eq
// CHECK:         %[[U:.+]] = arith.ori %[[Z]], %[[M1]]
// CHECK:         %[[D:.+]] = arith.select %[[U]]
// CHECK:         arith.divsi %{{.+}}, %[[D]]
// CHECK:         arith.maxsi
// CHECK:         arith.minsi
func.func @int_binary(%a: tensor<4xi32>, %b: tensor<4xi32>) -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>) {
  %0 = "vmapc.add"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %1 = "vmapc.sub"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %2 = "vmapc.mul"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %3 = "vmapc.div"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %4 = "vmapc.max"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %5 = "vmapc.min"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>
}

// max/min on floats propagate NaN (maximumf, not maxnumf).
// CHECK-LABEL: func.func @float_binary
// CHECK:         arith.subf
// CHECK:         arith.mulf
// CHECK:         arith.divf
// CHECK:         arith.maximumf
// CHECK:         arith.minimumf
// CHECK:         math.powf
func.func @float_binary(%a: tensor<2x3xf64>, %b: tensor<2x3xf64>) -> (tensor<2x3xf64>, tensor<2x3xf64>, tensor<2x3xf64>, tensor<2x3xf64>, tensor<2x3xf64>, tensor<2x3xf64>) {
  %1 = "vmapc.sub"(%a, %b) : (tensor<2x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  %2 = "vmapc.mul"(%a, %b) : (tensor<2x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  %3 = "vmapc.div"(%a, %b) : (tensor<2x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  %4 = "vmapc.max"(%a, %b) : (tensor<2x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  %5 = "vmapc.min"(%a, %b) : (tensor<2x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  %6 = "vmapc.pow"(%a, %b) : (tensor<2x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  return %1, %2, %3, %4, %5, %6 : tensor<2x3xf64>, tensor<2x3xf64>, tensor<2x3xf64>, tensor<2x3xf64>, tensor<2x3xf64>, tensor<2x3xf64>
}

// CHECK-LABEL: func.func @unary
// CHECK:         arith.negf
// CHECK:         math.absf
// CHECK:         math.exp
// CHECK:         math.log
// CHECK:         math.sqrt
// CHECK:         %[[R:.+]] = math.sqrt
// CHECK:         arith.divf %{{.+}}, %[[R]]
// CHECK:         math.tanh
// CHECK:         math.sin
// CHECK:         math.cos
// logistic is 1 / (1 + exp(-x)).
// CHECK:         %[[N:.+]] = arith.negf
// CHECK:         %[[X:.+]] = math.exp %[[N]]
// CHECK:         %[[D:.+]] = arith.addf %{{.+}}, %[[X]]
// CHECK:         arith.divf %{{.+}}, %[[D]]
func.func @unary(%a: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %0 = "vmapc.neg"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "vmapc.abs"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "vmapc.exp"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %3 = "vmapc.log"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %4 = "vmapc.sqrt"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %5 = "vmapc.rsqrt"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %6 = "vmapc.tanh"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %7 = "vmapc.sin"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %8 = "vmapc.cos"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %9 = "vmapc.logistic"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// CHECK-LABEL: func.func @int_unary
// CHECK:         %[[Z:.+]] = arith.constant 0 : i64
// CHECK:         arith.subi %[[Z]], %{{.+}} : i64
// CHECK:         %[[Z2:.+]] = arith.constant 0 : i64
// CHECK:         %[[NEG:.+]] = arith.cmpi slt, %[[X:.+]], %[[Z2]] : i64
// CHECK:         %[[M:.+]] = arith.subi %[[Z2]], %[[X]] : i64
// CHECK:         arith.select %[[NEG]], %[[M]], %[[X]] : i64
func.func @int_unary(%a: tensor<3xi64>) -> (tensor<3xi64>, tensor<3xi64>) {
  %0 = "vmapc.neg"(%a) : (tensor<3xi64>) -> tensor<3xi64>
  %1 = "vmapc.abs"(%a) : (tensor<3xi64>) -> tensor<3xi64>
  return %0, %1 : tensor<3xi64>, tensor<3xi64>
}

// Float comparisons are ordered except ne, which is unordered.
// CHECK-LABEL: func.func @compare_f32
// CHECK:         arith.cmpf oeq
// CHECK:         arith.cmpf une
// CHECK:         arith.cmpf olt
// CHECK:         arith.cmpf ole
// CHECK:         arith.cmpf ogt
// CHECK:         arith.cmpf oge
// CHECK:         -> tensor<4xi1>
func.func @compare_f32(%a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %0 = "vmapc.compare"(%a, %b) {predicate = "eq"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %1 = "vmapc.compare"(%a, %b) {predicate = "ne"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %2 = "vmapc.compare"(%a, %b) {predicate = "lt"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %3 = "vmapc.compare"(%a, %b) {predicate = "le"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %4 = "vmapc.compare"(%a, %b) {predicate = "gt"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %5 = "vmapc.compare"(%a, %b) {predicate = "ge"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// CHECK-LABEL: func.func @compare_select_i32
// CHECK:         %[[M:.+]] = linalg.generic
// CHECK:           arith.cmpi slt
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[M]], %arg0, %arg1 : tensor<4xi1>, tensor<4xi32>, tensor<4xi32>)
// CHECK:           arith.select
func.func @compare_select_i32(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %m = "vmapc.compare"(%a, %b) {predicate = "lt"} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi1>
  %0 = "vmapc.select"(%m, %a, %b) : (tensor<4xi1>, tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// Float to int saturates (NaN gives 0); to i1 is x != 0 (unordered, so NaN
// is true); i1 to float is 0 or 1.
// CHECK-LABEL: func.func @convert
// CHECK:         arith.cmpf oge
// CHECK:         arith.cmpf olt
// CHECK:         arith.fptosi
// CHECK:         arith.cmpf uno
// CHECK:         arith.cmpf une
// CHECK:         arith.uitofp
// CHECK:         arith.extf
// CHECK:         arith.trunci
// CHECK:         arith.sitofp
func.func @convert(%f: tensor<2xf32>, %p: tensor<2xi1>, %i: tensor<2xi64>) -> (tensor<2xi32>, tensor<2xi1>, tensor<2xf32>, tensor<2xf64>, tensor<2xi32>, tensor<2xf32>) {
  %0 = "vmapc.convert"(%f) : (tensor<2xf32>) -> tensor<2xi32>
  %1 = "vmapc.convert"(%f) : (tensor<2xf32>) -> tensor<2xi1>
  %2 = "vmapc.convert"(%p) : (tensor<2xi1>) -> tensor<2xf32>
  %3 = "vmapc.convert"(%f) : (tensor<2xf32>) -> tensor<2xf64>
  %4 = "vmapc.convert"(%i) : (tensor<2xi64>) -> tensor<2xi32>
  %5 = "vmapc.convert"(%i) : (tensor<2xi64>) -> tensor<2xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2xi32>, tensor<2xi1>, tensor<2xf32>, tensor<2xf64>, tensor<2xi32>, tensor<2xf32>
}

// CHECK-LABEL: func.func @constant_iota
// CHECK:         arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "parallel"]
// CHECK:           %[[I:.+]] = linalg.index 1 : index
// CHECK:           %[[C:.+]] = arith.index_cast %[[I]] : index to i64
// CHECK:           arith.sitofp %[[C]] : i64 to f32
func.func @constant_iota() -> (tensor<2xf32>, tensor<2x3xf32>) {
  %0 = "vmapc.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %1 = "vmapc.iota"() {dimension = 1 : i64} : () -> tensor<2x3xf32>
  return %0, %1 : tensor<2xf32>, tensor<2x3xf32>
}

// Rank-0 tensors are elementwise too.
// CHECK-LABEL: func.func @scalar
// CHECK:         linalg.generic {indexing_maps = [#[[SCALAR]], #[[SCALAR]]], iterator_types = []}
// CHECK:           math.exp
func.func @scalar(%a: tensor<f32>) -> tensor<f32> {
  %0 = "vmapc.exp"(%a) : (tensor<f32>) -> tensor<f32>
  return %0 : tensor<f32>
}
