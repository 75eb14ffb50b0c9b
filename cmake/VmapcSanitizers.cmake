# VMAPC_ENABLE_SANITIZERS: the whole tree with AddressSanitizer and
# UndefinedBehaviorSanitizer (./build.sh test-asan runs the suite so).
# VMAPC_ENABLE_FUZZERS: the same plus libFuzzer coverage, and the fuzz
# targets of test/fuzz. Both want clang and a build directory of their own.
# The Debian libMLIR.so / libLLVM.so are not instrumented; our code is.
option(VMAPC_ENABLE_SANITIZERS "Build with ASan and UBSan" OFF)
option(VMAPC_ENABLE_FUZZERS "Build the libFuzzer targets (implies ASan+UBSan)"
       OFF)
option(VMAPC_ENABLE_TSAN "Build with ThreadSanitizer (./build.sh test-tsan)"
       OFF)

if(VMAPC_ENABLE_SANITIZERS OR VMAPC_ENABLE_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "VMAPC_ENABLE_SANITIZERS/FUZZERS need clang")
  endif()
  # vptr needs RTTI, which LLVM's flags turn off; every other UB check
  # stays, and is fatal so a finding cannot scroll by.
  set(VMAPC_SANITIZE_FLAGS -fsanitize=address,undefined -fno-sanitize=vptr
      -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_compile_options(${VMAPC_SANITIZE_FLAGS})
  add_link_options(-fsanitize=address,undefined)
  # Our tools run during the build (the DSL exporters and vmapc-compile of
  # vmapc_add_kernel) are sanitized too; libMLIR's registries, never freed,
  # are not leaks to report (as for the test suite, ./build.sh test-asan).
  set(VMAPC_BUILD_TOOL_ENV ASAN_OPTIONS=detect_leaks=0)
endif()
if(VMAPC_ENABLE_FUZZERS)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
if(VMAPC_ENABLE_TSAN)
  if(VMAPC_ENABLE_SANITIZERS OR VMAPC_ENABLE_FUZZERS)
    message(FATAL_ERROR "VMAPC_ENABLE_TSAN cannot be combined with ASan")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

# A sanitized shared library (libvmapc.so) leaves the sanitizer runtime's
# symbols to the executable that loads it, so LLVM's -Wl,-z,defs (which
# HandleLLVMOptions adds unless LLVM itself is sanitized) must go.
if(VMAPC_ENABLE_SANITIZERS OR VMAPC_ENABLE_FUZZERS OR VMAPC_ENABLE_TSAN)
  string(REPLACE "-Wl,-z,defs" "" CMAKE_SHARED_LINKER_FLAGS
                 "${CMAKE_SHARED_LINKER_FLAGS}")
endif()
