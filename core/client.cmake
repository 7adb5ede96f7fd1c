# plaza_core: the client engine (no QtGui/QtQuick): the cache schema and stores, the
# sync engine and the Session. Included from core/CMakeLists.txt.
add_library(plaza_core STATIC
    storage/cacheschema.h storage/cacheschema.cpp
    storage/rowchanges.h
    storage/statementcache.h
    storage/kvstore.h storage/kvstore.cpp
    storage/usersstore.h storage/usersstore.cpp
    storage/chatstore.h storage/chatstore.cpp
    storage/walletstore.h storage/walletstore.cpp
    storage/poststore.h storage/poststore.cpp
    sync/changeset.h
    sync/eventapplier.h sync/eventapplier.cpp
    sync/cachewriter.h sync/cachewriter.cpp
)
target_include_directories(plaza_core PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(plaza_core PUBLIC
    plaza_base plaza_db
    Qt6::Core Qt6::Network Qt6::Concurrent
    QCoro6::Core QCoro6::Network)
# net and security are written alongside: the SyncEngine needs plaza_net, the Session
# both, so they are only built once those exist (the tree keeps configuring meanwhile).
if(TARGET plaza_net)
    target_sources(plaza_core PRIVATE sync/syncengine.h sync/syncengine.cpp)
    target_link_libraries(plaza_core PUBLIC plaza_net)
endif()
if(TARGET plaza_net AND TARGET plaza_security AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/session/session.cpp)
    target_sources(plaza_core PRIVATE
        session/session.h session/session.cpp
        session/accountfiles.h session/accountfiles.cpp)
    target_link_libraries(plaza_core PUBLIC plaza_security)
else()
    message(STATUS "plaza_core: built without Session (needs plaza_net and plaza_security)")
endif()
plaza_target_defaults(plaza_core)
