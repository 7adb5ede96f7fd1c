# Windows: SQLCipher, libsodium and libqrencode from vcpkg (packaging/windows/vcpkg.json).
# vcpkg ships them as CMake packages or bare libraries, not pkg-config files, so the targets the
# rest of the build links (PkgConfig::SQLCIPHER, PkgConfig::SODIUM, PkgConfig::QRENCODE, made by
# pkg_check_modules on Linux and macOS) are made here from what vcpkg installs. Included from the
# top-level CMakeLists.txt.

# SQLCipher: the vcpkg port exports sqlcipher::sqlcipher but installs sqlite3.h under
# include/sqlcipher, and its users must see SQLITE_HAS_CODEC like Debian's sqlcipher.pc gives.
find_package(sqlcipher CONFIG REQUIRED)
find_path(PLAZA_SQLCIPHER_INCLUDE_DIR sqlite3.h PATH_SUFFIXES sqlcipher REQUIRED NO_CMAKE_SYSTEM_PATH)
add_library(PkgConfig::SQLCIPHER INTERFACE IMPORTED)
target_link_libraries(PkgConfig::SQLCIPHER INTERFACE sqlcipher::sqlcipher)
target_include_directories(PkgConfig::SQLCIPHER INTERFACE "${PLAZA_SQLCIPHER_INCLUDE_DIR}")
target_compile_definitions(PkgConfig::SQLCIPHER INTERFACE SQLITE_HAS_CODEC)

# libsodium: exported by the port as unofficial-sodium::sodium.
find_package(unofficial-sodium CONFIG REQUIRED)
add_library(PkgConfig::SODIUM INTERFACE IMPORTED)
target_link_libraries(PkgConfig::SODIUM INTERFACE unofficial-sodium::sodium)

# libqrencode: a header and a library (the port's usage file says so), qrencoded in Debug.
find_path(PLAZA_QRENCODE_INCLUDE_DIR qrencode.h REQUIRED)
find_library(PLAZA_QRENCODE_LIBRARY_RELEASE qrencode REQUIRED)
find_library(PLAZA_QRENCODE_LIBRARY_DEBUG qrencoded)
add_library(PkgConfig::QRENCODE INTERFACE IMPORTED)
target_include_directories(PkgConfig::QRENCODE INTERFACE "${PLAZA_QRENCODE_INCLUDE_DIR}")
if(PLAZA_QRENCODE_LIBRARY_DEBUG)
    target_link_libraries(PkgConfig::QRENCODE INTERFACE
        "$<IF:$<CONFIG:Debug>,${PLAZA_QRENCODE_LIBRARY_DEBUG},${PLAZA_QRENCODE_LIBRARY_RELEASE}>")
else()
    target_link_libraries(PkgConfig::QRENCODE INTERFACE "${PLAZA_QRENCODE_LIBRARY_RELEASE}")
endif()
