# -*- Python -*-
import os
import platform

import lit.formats
import lit.util
from lit.llvm import llvm_config

config.name = "vmapc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.vmapc_obj_root, "test")
config.substitutions.append(("%PATH%", config.environment["PATH"]))

llvm_config.with_system_environment(["HOME", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)

tools = ["vmapc-opt", "vmapc-run", "vmapc-eval", "vmapc-difftest",
         "vmapc-compile"]
llvm_config.add_tool_substitutions(
    [t for t in tools
     if os.path.exists(os.path.join(config.vmapc_tools_dir, t))],
    [config.vmapc_tools_dir])

# Programs that link AOT kernels (vmapc-compile's objects): %cc and %cxx
# compile and link them, with the vmapc headers on the include path (the
# C++ overloads of a kernel's header use <vmapc/AotKernel.h>); %libomp is
# LLVM's OpenMP runtime, which kernels with parallel vmaps link.
config.substitutions.append(("%cxx", config.vmapc_cxx_compiler +
                             " -std=c++20 -I" +
                             os.path.join(config.vmapc_src_root, "include")))
config.substitutions.append(("%cc", config.vmapc_c_compiler))
config.substitutions.append(("%libomp", config.vmapc_omp_library +
                             " -Wl,-rpath," +
                             os.path.dirname(config.vmapc_omp_library)))

# pmap across ranks: tests under mpirun (OpenMPI, on loopback; as root it
# needs --allow-run-as-root, and containers lack the shared-memory
# single-copy mechanism and may lack ssh: `plm isolated` launches locally)
# when vmapc was built with OpenMPI.
import shutil
if config.vmapc_mpi_library and shutil.which("mpirun"):
    config.available_features.add("mpi")
    config.substitutions.append(
        ("%mpirun", "mpirun --allow-run-as-root --oversubscribe "
                    "--mca plm isolated "
                    "--mca btl_vader_single_copy_mechanism none"))

# VMAPC_VERIFY_ROUNDTRIP=1 checks that every module vmapc-opt prints parses
# back to the same IR, over the whole suite.
if os.environ.get("VMAPC_VERIFY_ROUNDTRIP"):
    config.substitutions.insert(
        0, ("vmapc-opt", "vmapc-opt --verify-roundtrip"))

# Host CPU features for tests that check the generated SIMD code.
try:
    with open("/proc/cpuinfo") as f:
        flags = next((l for l in f if l.startswith("flags")), "")
    if " avx512f" in flags:
        config.available_features.add("avx512")
    if " avx2" in flags:
        config.available_features.add("avx2")
except OSError:
    pass

# Sanitized builds (build-asan, build-tsan): tests of behaviour they switch
# off, such as vmapc-difftest's memory limit, are UNSUPPORTED there.
if any(lit.util.pythonize_bool(v) for v in config.vmapc_sanitizer_options
       if v):
    config.available_features.add("sanitizers")
