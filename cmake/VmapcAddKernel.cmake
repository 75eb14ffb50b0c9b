# vmapc_add_kernel: compile one vmapc function ahead of time into a static
# library, as Halide's add_halide_library does for Halide pipelines.
#
#   vmapc_add_kernel(TARGET <name> FUNCTION <func>
#                    SOURCE <file.mlir>
#                    | GENERATOR <program> [GENERATOR_ARGS <args>...]
#                    [NAME <symbol>] [HEADER <file.h>]
#                    [TARGET_CPU <cpu>] [TARGET_FEATURES <features>]
#                    [THREADS <n>])
#
# Creates the static library target <name>: one object compiled by
# vmapc-compile from function <func> (vmaps included), whose only visible
# symbol is the C entry point <symbol> (default <func>), declared in
# <name>.h (or HEADER) on the target's include path. Linking it pulls in
# libm and, only if the function has a parallel vmap, LLVM's OpenMP runtime;
# never libMLIR or libLLVM.
#
# SOURCE is an .mlir file (relative to the current source dir). GENERATOR
# instead names a program (usually built in the project, linking
# vmapc::vmapc) that traces DSL code with vmapc::export_mlir: it is run as
# `<program> <GENERATOR_ARGS>... <output.mlir>` and must write the module
# there. TARGET_CPU defaults to "host" (the build machine); give a CPU name
# such as x86-64-v3 for objects that run elsewhere.
function(vmapc_add_kernel)
  cmake_parse_arguments(PARSE_ARGV 0 ARG ""
    "TARGET;FUNCTION;SOURCE;GENERATOR;NAME;HEADER;TARGET_CPU;TARGET_FEATURES;THREADS"
    "GENERATOR_ARGS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR
      "vmapc_add_kernel: unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  foreach(required TARGET FUNCTION)
    if(NOT ARG_${required})
      message(FATAL_ERROR "vmapc_add_kernel: ${required} is required")
    endif()
  endforeach()
  if((ARG_SOURCE AND ARG_GENERATOR) OR (NOT ARG_SOURCE AND NOT ARG_GENERATOR))
    message(FATAL_ERROR
      "vmapc_add_kernel(${ARG_TARGET}): give exactly one of SOURCE or GENERATOR")
  endif()

  if(TARGET vmapc-compile)
    set(compiler vmapc-compile)          # in vmapc's own build
  elseif(TARGET vmapc::vmapc-compile)
    set(compiler vmapc::vmapc-compile)   # through find_package(vmapc)
  else()
    message(FATAL_ERROR "vmapc_add_kernel: no vmapc-compile (find_package(vmapc) first)")
  endif()

  # In vmapc's sanitized builds the tools run here are sanitized too.
  set(run "")
  if(VMAPC_BUILD_TOOL_ENV)
    set(run ${CMAKE_COMMAND} -E env ${VMAPC_BUILD_TOOL_ENV})
  endif()

  set(dir ${CMAKE_CURRENT_BINARY_DIR}/${ARG_TARGET}.vmapc)
  set(object ${dir}/${ARG_TARGET}${CMAKE_C_OUTPUT_EXTENSION})
  if(NOT CMAKE_C_OUTPUT_EXTENSION)
    set(object ${dir}/${ARG_TARGET}.o)
  endif()
  if(ARG_HEADER)
    set(header ${dir}/${ARG_HEADER})
  else()
    set(header ${dir}/${ARG_TARGET}.h)
  endif()
  set(linkflags ${dir}/link.rsp)

  if(ARG_GENERATOR)
    set(source ${dir}/${ARG_TARGET}.mlir)
    # A target name is replaced by its file only as a command's first word;
    # after `cmake -E env` it must be spelled out.
    set(generator ${ARG_GENERATOR})
    if(TARGET ${ARG_GENERATOR})
      set(generator $<TARGET_FILE:${ARG_GENERATOR}>)
    endif()
    add_custom_command(OUTPUT ${source}
      COMMAND ${run} ${generator} ${ARG_GENERATOR_ARGS} ${source}
      DEPENDS ${ARG_GENERATOR}
      COMMENT "Tracing ${ARG_TARGET} with ${ARG_GENERATOR}"
      VERBATIM)
  else()
    get_filename_component(source ${ARG_SOURCE} ABSOLUTE
                           BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  endif()

  set(options -e ${ARG_FUNCTION})
  if(ARG_NAME)
    list(APPEND options --name ${ARG_NAME})
  endif()
  if(ARG_TARGET_CPU)
    list(APPEND options --target-cpu=${ARG_TARGET_CPU})
  endif()
  if(ARG_TARGET_FEATURES)
    list(APPEND options --target-features=${ARG_TARGET_FEATURES})
  endif()
  if(ARG_THREADS)
    list(APPEND options --threads=${ARG_THREADS})
  endif()
  add_custom_command(OUTPUT ${object} ${header} ${linkflags}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${run} $<TARGET_FILE:${compiler}> ${source} ${options} -o ${object}
            --header ${header}
            --link-flags ${linkflags}
    DEPENDS ${source} ${compiler}
    COMMENT "vmapc-compile ${ARG_FUNCTION} -> ${ARG_TARGET}"
    VERBATIM)

  add_library(${ARG_TARGET} STATIC ${object} ${header})
  set_source_files_properties(${object} PROPERTIES
    EXTERNAL_OBJECT TRUE GENERATED TRUE)
  get_property(languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  if("C" IN_LIST languages)
    set_target_properties(${ARG_TARGET} PROPERTIES LINKER_LANGUAGE C)
  else()
    set_target_properties(${ARG_TARGET} PROPERTIES LINKER_LANGUAGE CXX)
  endif()
  # The header's C++ overloads include <vmapc/AotKernel.h> (header-only).
  target_include_directories(${ARG_TARGET} INTERFACE ${dir}
                             ${VMAPC_KERNEL_INCLUDE_DIR})
  # What the object calls besides libc: vmapc-compile writes it (libm, and
  # libomp for parallel vmaps) as a response file the linker reads.
  target_link_options(${ARG_TARGET} INTERFACE "@${linkflags}")
endfunction()
