// vmapc-difftest checks each module in a child process under a memory
// limit (--child-memory-mb): a module that needs more is a failure, reported
// and reduced like a crash, instead of a process that takes the machine. 64
// MiB is less than any module needs. Sanitized builds do not apply the limit
// (their shadow memory needs terabytes of address space).
// UNSUPPORTED: sanitizers
// RUN: not vmapc-difftest --seed=1 --programs=1 --child-memory-mb=64 2>&1 | FileCheck %s

// CHECK: FAIL program 0 (crash): ran out of the memory limit of 64 MiB
// CHECK: 1 programs ({{.*}}), 1 failed
