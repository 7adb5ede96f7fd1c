# Project-wide compiler settings. Every Plaza target calls plaza_target_defaults().
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_AUTOMOC ON)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

# PLAZA_VERSION_STRING: the project version made precise by `git describe` (cmake/PlazaVersion.cmake).
# It reaches the code through one generated header, plazaversion.h (PLAZA_VERSION), which only the
# few files that print it include: configure_file rewrites it only when the version changes, so a
# new commit recompiles those files, not every target (a compile definition did: each commit was a
# full rebuild). PLAZA_GIT_VERSION=OFF keeps the project version alone.
option(PLAZA_GIT_VERSION "Append git describe to the version" ON)
include(PlazaVersion)
if(PLAZA_GIT_VERSION)
    plaza_describe_version(PLAZA_VERSION_STRING "${PROJECT_SOURCE_DIR}" "${PROJECT_VERSION}")
else()
    set(PLAZA_VERSION_STRING "${PROJECT_VERSION}")
endif()
message(STATUS "Plaza version: ${PLAZA_VERSION_STRING}")
configure_file("${CMAKE_CURRENT_LIST_DIR}/plazaversion.h.in" "${CMAKE_BINARY_DIR}/generated/plazaversion.h" @ONLY)

# Build outputs land in one place so tests and scripts can find every executable.
set(CMAKE_RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")

function(plaza_target_defaults target)
    if(MSVC)
        # /utf-8: the sources are UTF-8 ("€" in literals); /Zc:__cplusplus: report C++20 truly.
        target_compile_options(${target} PRIVATE /W4 /permissive- /utf-8 /Zc:__cplusplus)
        if(PLAZA_WERROR)
            target_compile_options(${target} PRIVATE /WX)
        endif()
    else()
        target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
        if(PLAZA_WERROR)
            target_compile_options(${target} PRIVATE -Werror)
        endif()
    endif()
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_CAST_FROM_BYTEARRAY
        QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_NO_FOREACH
        QT_USE_QSTRINGBUILDER
        QT_STRICT_ITERATORS)
    target_include_directories(${target} PRIVATE "${CMAKE_BINARY_DIR}/generated")
endfunction()
