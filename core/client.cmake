# plaza_core: the client engine (no QtGui/QtQuick): the cache schema and stores, the
# sync engine and the Session. Included from core/CMakeLists.txt.
add_library(plaza_core STATIC
    common/languageloader.h common/languageloader.cpp
    common/errortext.h common/errortext.cpp
    storage/cacheschema.h storage/cacheschema.cpp
    storage/rowchanges.h
    storage/changeset.h
    storage/cache.h storage/cache.cpp
    storage/statementcache.h
    storage/kvstore.h storage/kvstore.cpp
    storage/usersstore.h storage/usersstore.cpp
    storage/chatstore.h storage/chatstore.cpp
    storage/walletstore.h storage/walletstore.cpp
    storage/poststore.h storage/poststore.cpp
    storage/savingsstore.h storage/savingsstore.cpp
    sync/changeset.h
    sync/eventapplier.h sync/eventapplier.cpp
    sync/cachewriter.h sync/cachewriter.cpp
    sync/syncengine.h sync/syncengine.cpp
    outbox/outbox.h outbox/outbox.cpp
    session/accountcontext.h session/accountcontext.cpp
    session/session.h session/session.cpp
    session/accountfiles.h session/accountfiles.cpp
    session/applock.h session/applock.cpp
    social/peoplesearchmodel.h social/peoplesearchmodel.cpp
    wallet/paymentoutbox.h wallet/paymentoutbox.cpp
    wallet/paylink.h wallet/paylink.cpp
    wallet/walletservice.h wallet/walletservice.cpp
    wallet/transactionrecord.h wallet/transactionrecord.cpp
    wallet/transactionsmodel.h wallet/transactionsmodel.cpp
    wallet/requestsmodel.h wallet/requestsmodel.cpp
    wallet/walletsummary.h wallet/walletsummary.cpp
    wallet/walletcsv.h wallet/walletcsv.cpp
    savings/savingsservice.h savings/savingsservice.cpp
    savings/savingssummary.h savings/savingssummary.cpp
    savings/goalsmodel.h savings/goalsmodel.cpp
    savings/goalprogress.h savings/goalprogress.cpp
    chat/messageoutbox.h chat/messageoutbox.cpp
    chat/chatqueries.h chat/chatqueries.cpp
    chat/keyedlistmodel.h
    chat/chatservice.h chat/chatservice.cpp chat/chatservicefiles.cpp
    chat/chatwrite.h chat/chatwrite.cpp
    chat/messageactions.h chat/messageactions.cpp
    chat/safetyactions.h chat/safetyactions.cpp
    chat/peoplelistmodel.h chat/peoplelistmodel.cpp
    chat/blocksmodel.h chat/blocksmodel.cpp
    chat/groupactions.h chat/groupactions.cpp
    chat/conversationsmodel.h chat/conversationsmodel.cpp
    chat/messagesmodel.h chat/messagesmodel.cpp
    chat/messageactionroles.h chat/messageactionroles.cpp
    chat/chatsearchmodel.h chat/chatsearchmodel.cpp
    chat/incomingmessages.h chat/incomingmessages.cpp
    diagnostics/feedbackreport.h diagnostics/feedbackreport.cpp
    feed/ranking.h feed/ranking.cpp
    feed/postrecord.h feed/postrecord.cpp
    feed/feedstore.h feed/feedstore.cpp
    feed/feedservice.h feed/feedservice.cpp feed/feedservicefiles.cpp feed/feedservicemutes.cpp
    feed/mutedpeoplemodel.h feed/mutedpeoplemodel.cpp
    feed/postlistmodel.h feed/postlistmodel.cpp
    feed/feedmodel.h feed/feedmodel.cpp
    feed/threadmodel.h feed/threadmodel.cpp
    feed/profilemodel.h feed/profilemodel.cpp
    feed/bookmarksmodel.h feed/bookmarksmodel.cpp
    media/mediatransfer.h media/mediatransfer.cpp
    media/mediacache.h media/mediacache.cpp
    media/attachmentview.h media/attachmentview.cpp
    media/outgoingfiles.h media/outgoingfiles.cpp
)
target_include_directories(plaza_core PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(plaza_core PUBLIC
    plaza_base plaza_db plaza_net plaza_security
    Qt6::Core Qt6::Network Qt6::Concurrent
    QCoro6::Core QCoro6::Network)
plaza_target_defaults(plaza_core)
