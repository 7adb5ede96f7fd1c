# plaza_describe_version(<out-var> <source-dir> <project-version>)
#
# The version every Plaza binary reports (PLAZA_VERSION: `plaza --version`, `plaza-cli
# --version`, the User-Agent, the server's /health). It is the CMake project version, made
# precise with `git describe --tags --always --dirty` when <source-dir> is the top of a git
# checkout (a clone or a worktree) and git is installed:
#
#   describe says             version
#   v0.1.0 / 0.1.0            0.1.0                     (a release tag of this version)
#   v0.1.0-3-gabc1234-dirty   0.1.0-3-gabc1234-dirty    (after that tag)
#   abc1234 / abc1234-dirty   0.1.0+abc1234[-dirty]     (no tag yet, or another version's)
#
# A tarball without .git (or unpacked inside someone else's checkout) gets the project
# version alone. Computed at configure time: re-run cmake to refresh it.
# Also usable in script mode (tests/packaging/version-describe.cmake tests it).
function(plaza_describe_version out source_dir project_version)
    set(version "${project_version}")
    # .git is a directory in a clone and a file in a worktree; a parent's .git does not count.
    set(use_git OFF)
    if(EXISTS "${source_dir}/.git")
        find_package(Git QUIET)
        set(use_git ${GIT_FOUND})
    endif()
    if(use_git)
        execute_process(
            COMMAND "${GIT_EXECUTABLE}" -C "${source_dir}" describe --tags --always --dirty
            RESULT_VARIABLE status
            OUTPUT_VARIABLE described
            ERROR_QUIET
            OUTPUT_STRIP_TRAILING_WHITESPACE)
        if(status EQUAL 0 AND NOT described STREQUAL "")
            string(REPLACE "." "\\." escaped "${project_version}")
            if(described MATCHES "^v?${escaped}$")
                set(version "${project_version}")
            elseif(described MATCHES "^v?${escaped}-(.+)$")
                set(version "${project_version}-${CMAKE_MATCH_1}")
            else()
                set(version "${project_version}+${described}")
            endif()
            # It ends up in a C string literal and an HTTP User-Agent token: keep it tame.
            string(REGEX REPLACE "[^A-Za-z0-9.+_-]" "." version "${version}")
        endif()
    endif()
    set(${out} "${version}" PARENT_SCOPE)
endfunction()
