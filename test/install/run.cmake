# ctest driver of test/install: installs the build tree into a staging
# prefix with `cmake --install`, then configures, builds and runs the
# consumer project against it. Variables: BUILD_DIR, SOURCE_DIR, WORK_DIR,
# CXX_COMPILER, C_COMPILER, GENERATOR.
function(step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install test: ${what} failed (${rc})")
  endif()
endfunction()

set(prefix ${WORK_DIR}/prefix)
set(consumer ${WORK_DIR}/consumer)
file(REMOVE_RECURSE ${WORK_DIR})
step("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR}
     --prefix ${prefix})
foreach(f include/vmapc/vmapc.h include/vmapc/AotKernel.h lib/libvmapc.so
          lib/cmake/vmapc/vmapcConfig.cmake lib/cmake/vmapc/VmapcAddKernel.cmake
          bin/vmapc-compile)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "install test: ${f} was not installed")
  endif()
endforeach()
step("configuring the consumer" ${CMAKE_COMMAND} -G ${GENERATOR}
     -S ${SOURCE_DIR} -B ${consumer}
     -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
     -DCMAKE_C_COMPILER=${C_COMPILER}
     -DCMAKE_BUILD_TYPE=Release)
step("building the consumer" ${CMAKE_COMMAND} --build ${consumer})
step("running the consumer" ${consumer}/consumer)
step("running the AOT consumer" ${consumer}/aot_consumer)
step("running the C consumer" ${consumer}/c_consumer)

# The AOT programs' dynamic dependencies: libc/libm (and libomp for the
# parallel kernel), never vmapc's JIT or MLIR/LLVM.
foreach(program aot_consumer c_consumer)
  execute_process(COMMAND readelf -d ${consumer}/${program}
                  OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install test: readelf -d ${program} failed")
  endif()
  string(REGEX MATCHALL "\\(NEEDED\\)[^\n]*" needed "${dynamic}")
  message(STATUS "${program} needs: ${needed}")
  foreach(forbidden libvmapc libMLIR libLLVM)
    if(dynamic MATCHES "${forbidden}")
      message(FATAL_ERROR "install test: ${program} depends on ${forbidden}")
    endif()
  endforeach()
endforeach()
execute_process(COMMAND readelf -d ${consumer}/c_consumer
                OUTPUT_VARIABLE dynamic)
if(dynamic MATCHES "libomp")
  message(FATAL_ERROR "install test: c_consumer links libomp, but its "
                      "kernel has no parallel vmap")
endif()
execute_process(COMMAND readelf -d ${consumer}/aot_consumer
                OUTPUT_VARIABLE dynamic)
if(NOT dynamic MATCHES "libomp")
  message(FATAL_ERROR "install test: aot_consumer lacks libomp, which its "
                      "parallel kernel needs")
endif()
