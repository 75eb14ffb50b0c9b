# ctest driver of test/install: installs the build tree into a staging
# prefix with `cmake --install`, then configures, builds and runs the
# consumer project against it. Variables: BUILD_DIR, SOURCE_DIR, WORK_DIR,
# CXX_COMPILER, GENERATOR.
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
foreach(f include/vmapc/vmapc.h lib/libvmapc.so lib/cmake/vmapc/vmapcConfig.cmake)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "install test: ${f} was not installed")
  endif()
endforeach()
step("configuring the consumer" ${CMAKE_COMMAND} -G ${GENERATOR}
     -S ${SOURCE_DIR} -B ${consumer}
     -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
     -DCMAKE_BUILD_TYPE=Release)
step("building the consumer" ${CMAKE_COMMAND} --build ${consumer})
step("running the consumer" ${consumer}/consumer)
