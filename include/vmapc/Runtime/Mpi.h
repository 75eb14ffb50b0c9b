//===- Mpi.h - The MPI job a process belongs to -----------------*- C++ -*-===//
//
// pmap runs across the ranks of an MPI job (OpenMPI, Debian's
// libopenmpi-dev). The runtime joins the job the first time a module with a
// pmap is compiled: under mpirun (OMPI_COMM_WORLD_SIZE is set) it loads
// libmpi, calls MPI_Init_thread and registers MPI_Finalize at exit; outside
// mpirun the process is a job of one rank and MPI is never loaded.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_RUNTIME_MPI_H
#define VMAPC_RUNTIME_MPI_H

#include "llvm/Support/Error.h"

#include <string>

namespace vmapc {

struct MpiWorld {
  int rank = 0;
  int size = 1;
  /// The MPI library the compiled code calls (empty for one rank).
  std::string library;
};

/// The job this process is a rank of, joining it on first use; an error if
/// the process runs under mpirun but libmpi cannot be loaded or
/// initialized.
llvm::Expected<const MpiWorld &> mpiWorld();

/// This process's rank, 0 outside mpirun (or if MPI failed to start).
int mpiRank();

} // namespace vmapc

#endif // VMAPC_RUNTIME_MPI_H
