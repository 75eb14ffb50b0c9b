// --vmapc-export-c-entry on hand-written LLVM-dialect modules, the shape
// --vmapc-lower-to-llvm gives them: each array of the `vmapc.io_type`
// signature is an expanded memref descriptor (allocated and aligned
// pointer, offset, sizes..., strides...). The pass adds the C entry point
// that vmapc-compile's objects export:
//  - its signature: an i64 batch size first only when the signature has a
//    `?` dim, then one !llvm.ptr per input and output, an i32 result;
//  - its checks: batch >= 0, and each pointer non-null unless its array
//    has no elements (a static size-0 dim: no check at all; a `?` dim:
//    null is fine when the batch is 0); failing them returns 1 without
//    calling anything;
//  - the descriptors it builds: both pointers the argument, offset 0, the
//    signature's sizes with the batch for `?`, row-major strides (products
//    of the later sizes, the batch included);
//  - the call of the lowered function, renamed __vmapc_<name> (or
//    __vmapc_<name>_1 when that is taken) when the entry point takes its
//    name, every use of it renamed too; returning 0;
//  - internal linkage for every other function and global the module
//    defines (private ones stay private), declarations left external, so
//    objects of several kernels link together.
// The entry point copies the body's target_cpu/target_features (so LLVM
// may inline the body into it) and has no vmapc.io_type of its own.
// The errors are in export-c-entry-errors.mlir.
// RUN: vmapc-opt %s --vmapc-export-c-entry=function=stat | FileCheck %s --check-prefix=STAT
// RUN: vmapc-opt %s --vmapc-export-c-entry=function=dyn --cse | FileCheck %s --check-prefix=DYN
// RUN: vmapc-opt %s "--vmapc-export-c-entry=function=dyn symbol=kern" | FileCheck %s --check-prefix=NAMED
// RUN: vmapc-opt %s "--vmapc-export-c-entry=function=stat symbol=stat" | FileCheck %s --check-prefix=STAT
// The result is valid IR that prints and parses back.
// RUN: vmapc-opt %s --vmapc-export-c-entry=function=dyn | vmapc-opt --cse | FileCheck %s --check-prefix=DYN

// Every definition but the entry point becomes internal; private stays
// private; declarations (@ext_decl, @malloc) stay external.
// STAT:      llvm.mlir.global internal constant @table(
// STAT:      llvm.mlir.global private constant @priv(
// STAT:      llvm.mlir.global external @ext_decl()
// STAT:      llvm.func @malloc(i64) -> !llvm.ptr
// STAT:      llvm.func internal @helper()
// STAT:      llvm.func internal @__vmapc_stat(
// STAT-SAME:   vmapc.io_type = (tensor<2x3xf32>, tensor<i32>, tensor<0x4xf64>) -> tensor<3xi1>
// STAT:        llvm.call @helper()
// The users of @stat call it by its new name.
// STAT:      llvm.func internal @user_stat()
// STAT-NEXT:   llvm.mlir.addressof @__vmapc_stat : !llvm.ptr
// STAT:      llvm.func internal @user_dyn()
// STAT-NEXT:   llvm.mlir.addressof @dyn : !llvm.ptr
// STAT:      llvm.func internal @dyn(
// STAT:      llvm.func internal @__vmapc_dyn()
//
// Static: no batch argument; one pointer per array.
// STAT-LABEL: llvm.func @stat(
// STAT-SAME:    %[[A:[^:]+]]: !llvm.ptr, %[[B:[^:]+]]: !llvm.ptr, %[[C:[^:]+]]: !llvm.ptr, %[[O:[^:]+]]: !llvm.ptr) -> i32
// STAT-NOT:     vmapc.io_type
// STAT-SAME:    {
// STAT-NEXT:    %[[T:.+]] = llvm.mlir.constant(true) : i1
// STAT-NEXT:    %[[Z0:.+]] = llvm.mlir.zero : !llvm.ptr
// STAT-NEXT:    %[[NA:.+]] = llvm.icmp "ne" %[[A]], %[[Z0]] : !llvm.ptr
// STAT-NEXT:    %[[OK0:.+]] = llvm.and %[[T]], %[[NA]] : i1
// STAT-NEXT:    %[[Z1:.+]] = llvm.mlir.zero : !llvm.ptr
// STAT-NEXT:    %[[NB:.+]] = llvm.icmp "ne" %[[B]], %[[Z1]] : !llvm.ptr
// STAT-NEXT:    %[[OK1:.+]] = llvm.and %[[OK0]], %[[NB]] : i1
// The 0x4 input has no elements: %[[C]] is not checked.
// STAT-NOT:     %[[C]], 
// STAT-NEXT:    %[[Z2:.+]] = llvm.mlir.zero : !llvm.ptr
// STAT-NEXT:    %[[NO:.+]] = llvm.icmp "ne" %[[O]], %[[Z2]] : !llvm.ptr
// STAT-NEXT:    %[[OK:.+]] = llvm.and %[[OK1]], %[[NO]] : i1
// STAT-NEXT:    llvm.cond_br %[[OK]], ^[[BODY:.+]], ^[[REJECT:.+]]
// STAT-NEXT:  ^[[BODY]]:
// 2x3: offset 0, sizes 2, 3, strides 3, 1.
// STAT-NEXT:    %[[OFF_A:.+]] = llvm.mlir.constant(0 : i64) : i64
// STAT-NEXT:    %[[S0_A:.+]] = llvm.mlir.constant(2 : i64) : i64
// STAT-NEXT:    %[[S1_A:.+]] = llvm.mlir.constant(3 : i64) : i64
// STAT-NEXT:    %[[T0_A:.+]] = llvm.mlir.constant(3 : i64) : i64
// STAT-NEXT:    %[[T1_A:.+]] = llvm.mlir.constant(1 : i64) : i64
// Rank 0: the offset only.
// STAT-NEXT:    %[[OFF_B:.+]] = llvm.mlir.constant(0 : i64) : i64
// 0x4: sizes 0, 4, strides 4, 1.
// STAT-NEXT:    %[[OFF_C:.+]] = llvm.mlir.constant(0 : i64) : i64
// STAT-NEXT:    %[[S0_C:.+]] = llvm.mlir.constant(0 : i64) : i64
// STAT-NEXT:    %[[S1_C:.+]] = llvm.mlir.constant(4 : i64) : i64
// STAT-NEXT:    %[[T0_C:.+]] = llvm.mlir.constant(4 : i64) : i64
// STAT-NEXT:    %[[T1_C:.+]] = llvm.mlir.constant(1 : i64) : i64
// 3: size 3, stride 1.
// STAT-NEXT:    %[[OFF_O:.+]] = llvm.mlir.constant(0 : i64) : i64
// STAT-NEXT:    %[[S0_O:.+]] = llvm.mlir.constant(3 : i64) : i64
// STAT-NEXT:    %[[T0_O:.+]] = llvm.mlir.constant(1 : i64) : i64
// STAT-NEXT:    llvm.call @__vmapc_stat(%[[A]], %[[A]], %[[OFF_A]], %[[S0_A]], %[[S1_A]], %[[T0_A]], %[[T1_A]], %[[B]], %[[B]], %[[OFF_B]], %[[C]], %[[C]], %[[OFF_C]], %[[S0_C]], %[[S1_C]], %[[T0_C]], %[[T1_C]], %[[O]], %[[O]], %[[OFF_O]], %[[S0_O]], %[[T0_O]])
// STAT-NEXT:    %[[R0:.+]] = llvm.mlir.constant(0 : i32) : i32
// STAT-NEXT:    llvm.return %[[R0]] : i32
// STAT-NEXT:  ^[[REJECT]]:
// STAT-NEXT:    %[[R1:.+]] = llvm.mlir.constant(1 : i32) : i32
// STAT-NEXT:    llvm.return %[[R1]] : i32
// STAT-NEXT:  }
// STAT-NOT:   llvm.func

// Dynamic: the batch size first. @__vmapc_dyn is taken, so the body
// becomes @__vmapc_dyn_1, and @user's reference follows it.
// DYN:        llvm.func internal @stat(
// DYN:        llvm.func internal @user_stat()
// DYN-NEXT:     llvm.mlir.addressof @stat : !llvm.ptr
// DYN:        llvm.func internal @user_dyn()
// DYN-NEXT:     llvm.mlir.addressof @__vmapc_dyn_1 : !llvm.ptr
// DYN:        llvm.func internal @__vmapc_dyn_1(
// DYN-SAME:     target_cpu = "x86-64-v3"
// DYN-SAME:     vmapc.io_type = (tensor<?x3xf32>, tensor<2x?x4xi32>) -> tensor<5x?xf64>
// DYN:        llvm.func internal @__vmapc_dyn()
// (After --cse, so that each constant appears once and the call's
// operands read as values.)
// DYN-LABEL:  llvm.func @dyn(
// DYN-SAME:     %[[N:[^:]+]]: i64, %[[X:[^:]+]]: !llvm.ptr, %[[Y:[^:]+]]: !llvm.ptr, %[[O:[^:]+]]: !llvm.ptr) -> i32
// DYN-SAME:     attributes {target_cpu = "x86-64-v3"} {
// DYN-NEXT:     %[[ZERO:.+]] = llvm.mlir.constant(0 : i64) : i64
// DYN-NEXT:     %[[NONNEG:.+]] = llvm.icmp "sge" %[[N]], %[[ZERO]] : i64
// Each pointer: non-null, or the batch is 0.
// DYN-NEXT:     %[[NULL:.+]] = llvm.mlir.zero : !llvm.ptr
// DYN-NEXT:     %[[NNX:.+]] = llvm.icmp "ne" %[[X]], %[[NULL]] : !llvm.ptr
// DYN-NEXT:     %[[EMPTY:.+]] = llvm.icmp "eq" %[[N]], %[[ZERO]] : i64
// DYN-NEXT:     %[[UX:.+]] = llvm.or %[[NNX]], %[[EMPTY]] : i1
// DYN-NEXT:     %[[OK1:.+]] = llvm.and %[[NONNEG]], %[[UX]] : i1
// DYN-NEXT:     %[[NNY:.+]] = llvm.icmp "ne" %[[Y]], %[[NULL]] : !llvm.ptr
// DYN-NEXT:     %[[UY:.+]] = llvm.or %[[NNY]], %[[EMPTY]] : i1
// DYN-NEXT:     %[[OK2:.+]] = llvm.and %[[OK1]], %[[UY]] : i1
// DYN-NEXT:     %[[NNO:.+]] = llvm.icmp "ne" %[[O]], %[[NULL]] : !llvm.ptr
// DYN-NEXT:     %[[UO:.+]] = llvm.or %[[NNO]], %[[EMPTY]] : i1
// DYN-NEXT:     %[[OK:.+]] = llvm.and %[[OK2]], %[[UO]] : i1
// DYN-NEXT:     llvm.cond_br %[[OK]], ^[[BODY:.+]], ^[[REJECT:.+]]
// DYN-NEXT:   ^[[BODY]]:
// DYN-DAG:      %[[C1:.+]] = llvm.mlir.constant(1 : i64) : i64
// DYN-DAG:      %[[C2:.+]] = llvm.mlir.constant(2 : i64) : i64
// DYN-DAG:      %[[C3:.+]] = llvm.mlir.constant(3 : i64) : i64
// DYN-DAG:      %[[C4:.+]] = llvm.mlir.constant(4 : i64) : i64
// DYN-DAG:      %[[C5:.+]] = llvm.mlir.constant(5 : i64) : i64
// DYN-DAG:      %[[N4:.+]] = llvm.mul %[[C4]], %[[N]] : i64
// x: f32[?, 3], sizes (n, 3), strides (3, 1);
// y: i32[2, ?, 4], sizes (2, n, 4), strides (4n, 4, 1);
// out: f64[5, ?], sizes (5, n), strides (n, 1).
// DYN:          llvm.call @__vmapc_dyn_1(
// DYN-SAME:       %[[X]], %[[X]], %[[ZERO]], %[[N]], %[[C3]], %[[C3]], %[[C1]],
// DYN-SAME:       %[[Y]], %[[Y]], %[[ZERO]], %[[C2]], %[[N]], %[[C4]], %[[N4]], %[[C4]], %[[C1]],
// DYN-SAME:       %[[O]], %[[O]], %[[ZERO]], %[[C5]], %[[N]], %[[N]], %[[C1]])
// DYN-NEXT:     %[[R0:.+]] = llvm.mlir.constant(0 : i32) : i32
// DYN-NEXT:     llvm.return %[[R0]] : i32
// DYN-NEXT:   ^[[REJECT]]:
// DYN-NEXT:     %[[R1:.+]] = llvm.mlir.constant(1 : i32) : i32
// DYN-NEXT:     llvm.return %[[R1]] : i32
// DYN-NEXT:   }
// DYN-NOT:    llvm.func

// symbol=kern: the body keeps its name (internal), nothing is renamed.
// NAMED:       llvm.func internal @user_stat()
// NAMED-NEXT:    llvm.mlir.addressof @stat : !llvm.ptr
// NAMED:       llvm.func internal @user_dyn()
// NAMED-NEXT:    llvm.mlir.addressof @dyn : !llvm.ptr
// NAMED:       llvm.func internal @dyn(
// NAMED:       llvm.func internal @__vmapc_dyn()
// NAMED-LABEL: llvm.func @kern(%{{[^:]+}}: i64, %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: !llvm.ptr, %{{[^:]+}}: !llvm.ptr) -> i32
// NAMED:         llvm.call @dyn(
// NAMED-NOT:   __vmapc_dyn_1

llvm.mlir.global external constant @table(dense<[1.0, 2.0]> : tensor<2xf32>) {addr_space = 0 : i32} : !llvm.array<2 x f32>
llvm.mlir.global private constant @priv(dense<[3.0]> : tensor<1xf32>) {addr_space = 0 : i32} : !llvm.array<1 x f32>
llvm.mlir.global external @ext_decl() {addr_space = 0 : i32} : i32
llvm.func @malloc(i64) -> !llvm.ptr

llvm.func @helper() {
  llvm.return
}

// f32[2, 3], i32[], f64[0, 4] -> i1[3]: 7 + 3 + 7 + 5 descriptor fields.
llvm.func @stat(%a0: !llvm.ptr, %a1: !llvm.ptr, %a2: i64, %a3: i64, %a4: i64, %a5: i64, %a6: i64,
                %b0: !llvm.ptr, %b1: !llvm.ptr, %b2: i64,
                %c0: !llvm.ptr, %c1: !llvm.ptr, %c2: i64, %c3: i64, %c4: i64, %c5: i64, %c6: i64,
                %o0: !llvm.ptr, %o1: !llvm.ptr, %o2: i64, %o3: i64, %o4: i64)
    attributes {vmapc.io_type = (tensor<2x3xf32>, tensor<i32>, tensor<0x4xf64>) -> tensor<3xi1>} {
  llvm.call @helper() : () -> ()
  llvm.return
}

// References to the exported functions, renamed with them.
llvm.func @user_stat() -> !llvm.ptr {
  %s = llvm.mlir.addressof @stat : !llvm.ptr
  llvm.return %s : !llvm.ptr
}
llvm.func @user_dyn() -> !llvm.ptr {
  %d = llvm.mlir.addressof @dyn : !llvm.ptr
  llvm.return %d : !llvm.ptr
}

// f32[?, 3], i32[2, ?, 4] -> f64[5, ?]: 7 + 9 + 7 fields.
llvm.func @dyn(%a0: !llvm.ptr, %a1: !llvm.ptr, %a2: i64, %a3: i64, %a4: i64, %a5: i64, %a6: i64,
               %b0: !llvm.ptr, %b1: !llvm.ptr, %b2: i64, %b3: i64, %b4: i64, %b5: i64, %b6: i64, %b7: i64, %b8: i64,
               %o0: !llvm.ptr, %o1: !llvm.ptr, %o2: i64, %o3: i64, %o4: i64, %o5: i64, %o6: i64)
    attributes {target_cpu = "x86-64-v3", vmapc.io_type = (tensor<?x3xf32>, tensor<2x?x4xi32>) -> tensor<5x?xf64>} {
  llvm.return
}

// Takes the name the body of @dyn would get.
llvm.func @__vmapc_dyn() {
  llvm.return
}
