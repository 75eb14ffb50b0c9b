//===- Mpi.cpp - The MPI job a process belongs to -------------------------===//
//
// libmpi is loaded with dlopen rather than linked, so that neither
// libvmapc nor the tools depend on MPI: only processes that run a pmap under
// mpirun load it. The few entry points used here are looked up by name; the
// JIT-compiled code resolves its own MPI calls against the same library.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Runtime/Mpi.h"

#include <cstdlib>
#include <dlfcn.h>
#include <mutex>

using namespace vmapc;

namespace {
llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

using InitThreadFn = int (*)(int *, char ***, int, int *);
using InitializedFn = int (*)(int *);
using CommFn = int (*)(void *, int *);
using FinalizeFn = int (*)();

FinalizeFn finalizeMpi = nullptr;

/// OpenMPI's MPI_THREAD_FUNNELED: only the thread that joined calls MPI.
constexpr int kThreadFunneled = 1;

llvm::Expected<MpiWorld> joinJob() {
  MpiWorld world;
  const char *size = std::getenv("OMPI_COMM_WORLD_SIZE");
  if (!size)
    return world; // Not under mpirun: one rank, no MPI.
  world.library = VMAPC_MPI_LIBRARY;
  if (world.library.empty())
    return makeError("this process runs under mpirun, but vmapc was built "
                     "without OpenMPI (install libopenmpi-dev and rebuild)");
  void *lib = dlopen(world.library.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (!lib)
    return makeError("cannot load " + world.library + ": " + dlerror());
  auto initThread =
      reinterpret_cast<InitThreadFn>(dlsym(lib, "MPI_Init_thread"));
  auto initialized =
      reinterpret_cast<InitializedFn>(dlsym(lib, "MPI_Initialized"));
  auto commSize = reinterpret_cast<CommFn>(dlsym(lib, "MPI_Comm_size"));
  auto commRank = reinterpret_cast<CommFn>(dlsym(lib, "MPI_Comm_rank"));
  void *commWorld = dlsym(lib, "ompi_mpi_comm_world");
  finalizeMpi = reinterpret_cast<FinalizeFn>(dlsym(lib, "MPI_Finalize"));
  if (!initThread || !initialized || !commSize || !commRank || !commWorld ||
      !finalizeMpi)
    return makeError(world.library +
                     " is not OpenMPI's libmpi (missing "
                     "MPI_Init_thread, MPI_Comm_size or ompi_mpi_comm_world)");
  int already = 0;
  initialized(&already);
  if (!already) {
    int provided = 0;
    if (initThread(nullptr, nullptr, kThreadFunneled, &provided) != 0)
      return makeError("MPI_Init_thread failed");
    std::atexit([] { finalizeMpi(); });
  }
  if (commSize(commWorld, &world.size) != 0 ||
      commRank(commWorld, &world.rank) != 0)
    return makeError("MPI_Comm_size/MPI_Comm_rank failed");
  return world;
}
} // namespace

llvm::Expected<const MpiWorld &> vmapc::mpiWorld() {
  struct Joined {
    MpiWorld world;
    std::string error;
  };
  static std::once_flag once;
  static Joined *joined = nullptr;
  std::call_once(once, [] {
    joined = new Joined();
    llvm::Expected<MpiWorld> world = joinJob();
    if (world)
      joined->world = *world;
    else
      joined->error = llvm::toString(world.takeError());
  });
  if (!joined->error.empty())
    return makeError(joined->error);
  return joined->world;
}

int vmapc::mpiRank() {
  auto world = mpiWorld();
  if (!world) {
    llvm::consumeError(world.takeError());
    return 0;
  }
  return world->rank;
}
