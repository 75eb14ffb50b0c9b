# Installation of the DSL as the CMake package `vmapc`:
#   find_package(vmapc CONFIG REQUIRED)
#   target_link_libraries(app PRIVATE vmapc::vmapc)
#   vmapc_add_kernel(TARGET k SOURCE k.mlir FUNCTION k)   # ahead of time
# installs libvmapc.so, the MLIR-free public headers (vmapc/vmapc.h and what
# it includes, vmapc/AotKernel.h for AOT kernels' headers), vmapc-compile
# (tools/vmapc-compile installs itself), vmapcConfig.cmake /
# vmapcConfigVersion.cmake and VmapcAddKernel.cmake. The package
# defines the imported target by hand rather than through install(EXPORT):
# its only dependencies are the system's libMLIR.so and libLLVM.so, recorded
# by absolute path, so consumers need no find_package(MLIR).
include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

# The files behind the imported MLIR and LLVM targets.
function(vmapc_imported_location target out)
  get_target_property(configs ${target} IMPORTED_CONFIGURATIONS)
  foreach(config ${configs} NOCONFIG)
    get_target_property(loc ${target} IMPORTED_LOCATION_${config})
    if(loc)
      set(${out} ${loc} PARENT_SCOPE)
      return()
    endif()
  endforeach()
  get_target_property(loc ${target} IMPORTED_LOCATION)
  set(${out} ${loc} PARENT_SCOPE)
endfunction()
vmapc_imported_location(MLIR VMAPC_LIBMLIR)
vmapc_imported_location(LLVM VMAPC_LIBLLVM)

install(TARGETS VmapcDSL
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${PROJECT_SOURCE_DIR}/include/vmapc/vmapc.h
  ${PROJECT_SOURCE_DIR}/include/vmapc/AotKernel.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/vmapc)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/vmapc/dsl
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/vmapc)
install(FILES ${PROJECT_SOURCE_DIR}/include/vmapc/Support/HostTensor.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/vmapc/Support)

set(VMAPC_PACKAGE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/vmapc)
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/vmapcConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/vmapcConfig.cmake
  INSTALL_DESTINATION ${VMAPC_PACKAGE_DIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_LIBDIR CMAKE_INSTALL_BINDIR)
write_basic_package_version_file(
  ${CMAKE_BINARY_DIR}/cmake/vmapcConfigVersion.cmake
  VERSION 0.1.0
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_BINARY_DIR}/cmake/vmapcConfig.cmake
  ${CMAKE_BINARY_DIR}/cmake/vmapcConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/VmapcAddKernel.cmake
  DESTINATION ${VMAPC_PACKAGE_DIR})
