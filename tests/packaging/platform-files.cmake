# cmake -DSRC=<source dir> -DXMLLINT=<xmllint> -P platform-files.cmake
#
# What can be checked of the Windows and macOS packaging on Linux, where neither is built:
# the vcpkg manifest parses and names every library Plaza links; the Info.plist template and
# the WiX patch are well-formed XML; plaza:// is declared in the plist and registered by both
# installers with the link passed as "%1"; the NSIS strings survive CPackConfig.cmake's second
# parse (a backslash written \\\\ in packaging/windows/CMakeLists.txt).
cmake_minimum_required(VERSION 3.21)
function(fail what)
    message(FATAL_ERROR "platform-files: ${what}")
endfunction()

file(READ "${SRC}/packaging/windows/vcpkg.json" manifest)
string(JSON count ERROR_VARIABLE err LENGTH "${manifest}" dependencies)
if(err)
    fail("vcpkg.json: ${err}")
endif()
set(names "")
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
    string(JSON type TYPE "${manifest}" dependencies ${i})
    if(type STREQUAL "OBJECT")
        string(JSON name GET "${manifest}" dependencies ${i} name)
    else()
        string(JSON name GET "${manifest}" dependencies ${i})
    endif()
    list(APPEND names "${name}")
endforeach()
foreach(needed sqlcipher libsodium libqrencode qtkeychain-qt6 qcoro qtbase qtdeclarative qtwebsockets qthttpserver qtsvg qttools)
    if(NOT needed IN_LIST names)
        fail("vcpkg.json does not name ${needed} (has: ${names})")
    endif()
endforeach()

foreach(xml packaging/macos/Info.plist.in packaging/windows/wix-url-protocol.xml)
    execute_process(COMMAND "${XMLLINT}" --noout "${SRC}/${xml}" RESULT_VARIABLE status ERROR_VARIABLE err)
    if(NOT status EQUAL 0)
        fail("${xml} is not well-formed: ${err}")
    endif()
endforeach()

file(READ "${SRC}/packaging/macos/Info.plist.in" plist)
if(NOT plist MATCHES "<key>CFBundleURLSchemes</key>[ \n\t]*<array>[ \n\t]*<string>plaza</string>")
    fail("Info.plist.in does not declare the plaza URL scheme")
endif()
if(NOT plist MATCHES "<key>CFBundleIdentifier</key>[ \n\t]*<string>\\\${MACOSX_BUNDLE_GUI_IDENTIFIER}</string>")
    fail("Info.plist.in does not take its bundle id from the target")
endif()

file(READ "${SRC}/packaging/windows/wix-url-protocol.xml" wix)
foreach(needed [[Key="Software\Classes\plaza"]] [[Name="URL Protocol"]] [[Key="shell\open\command"]]
               [[Value="&quot;[#CM_FP_bin.plaza.exe]&quot; &quot;%1&quot;"]])
    string(FIND "${wix}" "${needed}" at)
    if(at EQUAL -1)
        fail("wix-url-protocol.xml lacks ${needed}")
    endif()
endforeach()

# The NSIS commands as CPack will write them into the .nsi: evaluate the set() twice, as
# CMake does once in packaging/windows/CMakeLists.txt and once more reading CPackConfig.cmake.
file(READ "${SRC}/packaging/windows/CMakeLists.txt" windows)
string(REGEX MATCH "set\\(CPACK_NSIS_EXTRA_INSTALL_COMMANDS \"[^\"]*(\\\\\"[^\"]*)*\" PARENT_SCOPE\\)" install_set "${windows}")
if(NOT install_set)
    fail("no CPACK_NSIS_EXTRA_INSTALL_COMMANDS in packaging/windows/CMakeLists.txt")
endif()
string(REPLACE " PARENT_SCOPE)" ")" install_set "${install_set}")
cmake_language(EVAL CODE "${install_set}")
cmake_language(EVAL CODE "set(nsis \"${CPACK_NSIS_EXTRA_INSTALL_COMMANDS}\")")
foreach(needed [[WriteRegStr SHCTX 'Software\Classes\plaza' 'URL Protocol' '']]
               [[WriteRegStr SHCTX 'Software\Classes\plaza\shell\open\command' '' '"$INSTDIR\bin\plaza.exe" "%1"']]
               [[WriteRegStr SHCTX 'Software\Classes\plaza\DefaultIcon' '' '$INSTDIR\bin\plaza.exe,0']])
    string(FIND "${nsis}" "${needed}" at)
    if(at EQUAL -1)
        fail("the .nsi would not contain: ${needed}\nit would contain:${nsis}")
    endif()
endforeach()
message(STATUS "platform-files: vcpkg manifest, Info.plist, WiX patch and NSIS registry commands ok")
