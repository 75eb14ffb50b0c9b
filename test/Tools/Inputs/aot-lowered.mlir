// Not a test: an LLVM-dialect module, as --vmapc-lower-to-llvm leaves it,
// except that @noio lacks its vmapc.io_type. For vmapc-compile-errors.mlir.
llvm.func @noio(%p: !llvm.ptr, %q: !llvm.ptr, %o: i64, %s: i64, %t: i64) {
  llvm.return
}
