# cmake -DPLAZA_CMAKE_DIR=<source>/cmake -DWORK=<empty temp dir> -P version-describe.cmake
#
# plaza_describe_version() against real git repositories made here: no tag, a release tag,
# commits after it, uncommitted changes, another version's tag, and a tree without .git
# (a tarball), including one unpacked inside someone else's checkout.
cmake_minimum_required(VERSION 3.21)
include("${PLAZA_CMAKE_DIR}/PlazaVersion.cmake")
find_package(Git REQUIRED)

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/repo")
set(repo "${WORK}/repo")

function(git)
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${repo}" -c user.name=Plaza -c user.email=t@plaza.example
                            -c commit.gpgsign=false -c tag.gpgsign=false ${ARGN}
                    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "git ${ARGN}: ${err}")
    endif()
    set(git_out "${out}" PARENT_SCOPE)
endfunction()

function(expect dir expected what)
    plaza_describe_version(got "${dir}" "0.1.0")
    if(NOT got MATCHES "${expected}")
        message(FATAL_ERROR "${what}: got '${got}', expected to match '${expected}'")
    endif()
    message(STATUS "ok: ${what}: ${got}")
endfunction()

git(init -q)
file(WRITE "${repo}/a.txt" "one\n")
git(add a.txt)
git(commit -q -m one)
git(rev-parse --short HEAD)
set(first "${git_out}")
expect("${repo}" "^0\\.1\\.0\\+${first}$" "no tag")

file(APPEND "${repo}/a.txt" "changed\n")
expect("${repo}" "^0\\.1\\.0\\+${first}-dirty$" "no tag, uncommitted change")
git(checkout -q -- a.txt)

git(tag v0.1.0)
expect("${repo}" "^0\\.1\\.0$" "on the release tag")

file(WRITE "${repo}/b.txt" "two\n")
git(add b.txt)
git(commit -q -m two)
git(rev-parse --short HEAD)
expect("${repo}" "^0\\.1\\.0-1-g${git_out}$" "one commit after the tag")
file(APPEND "${repo}/b.txt" "changed\n")
expect("${repo}" "^0\\.1\\.0-1-g${git_out}-dirty$" "after the tag, uncommitted change")
git(checkout -q -- b.txt)

git(tag "release/0.0.9")
expect("${repo}" "^0\\.1\\.0\\+release\\.0\\.0\\.9$" "another version's tag, odd characters made tame")

# A tarball: no .git, even when unpacked inside a checkout (describe would name the outer one).
file(MAKE_DIRECTORY "${repo}/unpacked/plaza-0.1.0")
expect("${repo}/unpacked/plaza-0.1.0" "^0\\.1\\.0$" "tarball inside a checkout")
file(MAKE_DIRECTORY "${WORK}/plain")
expect("${WORK}/plain" "^0\\.1\\.0$" "tarball")

file(REMOVE_RECURSE "${WORK}")
