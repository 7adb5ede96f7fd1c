// SPDX-License-Identifier: MIT
#pragma once

#include "chat/blocksmodel.h"
#include "chat/chatsearchmodel.h"
#include "chat/chatservice.h"
#include "chat/conversationsmodel.h"
#include "chat/messageactions.h"
#include "chat/groupactions.h"
#include "chat/safetyactions.h"
#include "chat/messagesmodel.h"
#include "feed/bookmarksmodel.h"
#include "feed/feedmodel.h"
#include "feed/feedservice.h"
#include "feed/mutedpeoplemodel.h"
#include "feed/profilemodel.h"
#include "feed/threadmodel.h"
#include "savings/goalsmodel.h"
#include "savings/savingsservice.h"
#include "savings/savingssummary.h"
#include "session/applock.h"
#include "social/peoplesearchmodel.h"
#include "wallet/requestsmodel.h"
#include "wallet/transactionsmodel.h"
#include "wallet/walletservice.h"
#include "wallet/walletsummary.h"

#include <QtQml/qqml.h>

// plaza_core has no QML; these make its wallet types known to the module Plaza.Desktop.

//! `TransactionsModel { session: App.session }` — the wallet history from the cache.
struct TransactionsModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::wallet::TransactionsModel)
    QML_NAMED_ELEMENT(TransactionsModel)
};

//! `RequestsModel { session: App.session; direction: "to_me" }` — payment requests from the cache.
struct RequestsModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::wallet::RequestsModel)
    QML_NAMED_ELEMENT(RequestsModel)
};

//! `WalletSummary { session: App.session }` — balance, limits, as-of, stale.
struct WalletSummaryForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::wallet::WalletSummary)
    QML_NAMED_ELEMENT(WalletSummary)
};

//! `PeopleSearchModel { session: App.session; query: field.text }`.
struct PeopleSearchModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::PeopleSearchModel)
    QML_NAMED_ELEMENT(PeopleSearchModel)
};

//! App.wallet: moves money exactly once.
struct WalletServiceForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::wallet::WalletService)
    QML_NAMED_ELEMENT(WalletService)
    QML_UNCREATABLE("The app owns the wallet service; use App.wallet")
};

//! App.appLock: the PIN or passphrase that confirms payments.
struct AppLockForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::AppLock)
    QML_NAMED_ELEMENT(AppLock)
    QML_UNCREATABLE("The app owns the app lock; use App.appLock")
};

//! The Savings tab: `SavingsService { account: App.session }` (server, writes, change stream),
//! `SavingsSummary { service: … }` (figures and charts), `GoalsModel { service: … }`.
struct SavingsServiceForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::savings::SavingsService)
    QML_NAMED_ELEMENT(SavingsService)
};
struct SavingsSummaryForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::savings::SavingsSummary)
    QML_NAMED_ELEMENT(SavingsSummary)
};
struct GoalsModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::savings::GoalsModel)
    QML_NAMED_ELEMENT(GoalsModel)
};

//! The Feed tab's models: `FeedModel { service: App.feed }`, ThreadModel, ProfileModel.
struct FeedModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::feed::FeedModel)
    QML_NAMED_ELEMENT(FeedModel)
};
struct ThreadModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::feed::ThreadModel)
    QML_NAMED_ELEMENT(ThreadModel)
};
struct ProfileModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::feed::ProfileModel)
    QML_NAMED_ELEMENT(ProfileModel)
};
//! The Bookmarks page's list (issue 17).
struct BookmarksModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::feed::BookmarksModel)
    QML_NAMED_ELEMENT(BookmarksModel)
};
//! App.feed: posts, likes, reposts, follows (outbox for posts).
struct FeedServiceForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::feed::FeedService)
    QML_NAMED_ELEMENT(FeedService)
    QML_UNCREATABLE("The app owns the feed service; use App.feed")
};

//! The Chat tab: `ConversationsModel { chat: App.chat }`, MessagesModel, ChatSearchModel.
struct ConversationsModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::chat::ConversationsModel)
    QML_NAMED_ELEMENT(ConversationsModel)
};
struct MessagesModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::chat::MessagesModel)
    QML_NAMED_ELEMENT(MessagesModel)
};
//! What Settings' people lists share (count, userIds, loading, error, refresh()).
struct PeopleListModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::chat::PeopleListModel)
    QML_ANONYMOUS
};
//! Settings → Blocked people: `BlocksModel { safety: App.safety }`.
struct BlocksModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::chat::BlocksModel)
    QML_NAMED_ELEMENT(BlocksModel)
};
//! Settings → Muted people and a profile's Mute: `MutedPeopleModel { feed: App.feed }`.
struct MutedPeopleModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::feed::MutedPeopleModel)
    QML_NAMED_ELEMENT(MutedPeopleModel)
};
struct ChatSearchModelForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::chat::ChatSearchModel)
    QML_NAMED_ELEMENT(ChatSearchModel)
};
//! App.chat: sending (outbox), read marks, drafts, typing.
struct ChatServiceForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::chat::ChatService)
    QML_NAMED_ELEMENT(ChatService)
    QML_UNCREATABLE("The app owns the chat service; use App.chat")
};
//! App.safety: block, unblock, mute, unmute, report (each ends in done or failed with a code).
struct SafetyActionsForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::chat::SafetyActions)
    QML_NAMED_ELEMENT(SafetyActions)
    QML_UNCREATABLE("The app owns the safety actions; use App.safety")
};

//! App.groups: rename, add, remove, leave (each ends in done or failed with a code); members.
struct GroupActionsForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::chat::GroupActions)
    QML_NAMED_ELEMENT(GroupActions)
    QML_UNCREATABLE("The app owns the group actions; use App.groups")
};

//! App.messageActions: edit, delete, react, forward (each ends in done or failed with a code).
struct MessageActionsForeign
{
    Q_GADGET
    QML_FOREIGN(plaza::chat::MessageActions)
    QML_NAMED_ELEMENT(MessageActions)
    QML_UNCREATABLE("The app owns the message actions; use App.messageActions")
};
