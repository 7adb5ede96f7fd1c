// SPDX-License-Identifier: MIT
#pragma once

#include "money/money.h"
#include "session/session.h"
#include "wallet/paymentoutbox.h"
#include "wallet/walletservice.h"

#include <QCoroTask>
#include <QJsonArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace plaza::feed {
class FeedService;
}

namespace plaza::wallet {
class WalletService;
class WalletSummary;
}

namespace plaza::chat {
class ChatService;
}

namespace plaza::cli {

//! Exit codes of plaza-cli.
enum ExitCode {
    kOk = 0,
    kFailed = 1,      //!< the server or the cache refused (message on stderr)
    kUsage = 2,       //!< bad command line
    kSignedOut = 3,   //!< no account on this device (or the session expired)
    kCacheLocked = 4, //!< the cache cannot be unlocked
    kAwaiting = 5,    //!< a payment's answer was lost: it stays awaiting confirmation (retried with its key)
};

struct CliOptions {
    QString dataDir;
    QString configDir;
    QString server;
    QString handle;
    QString displayName;
    bool passwordStdin = false;
    bool passphraseStdin = false;
    bool noKeychain = false;
    QString passphraseEnv; //!< PLAZA_PASSPHRASE
    QStringList arguments; //!< positional arguments after the command
    // Wallet commands
    QString direction;     //!< history/export: "in", "out" or empty
    QString kind;
    QString query;
    int limit = 20;
    QString from;          //!< request --from @handle
    QString requestDirection; //!< requests: "to_me", "from_me" or empty
    QString card;          //!< topup --card token
    bool yes = false;      //!< pay without asking
    QString goal;          //!< deposit/withdraw --goal g_ID
    QString deadline;      //!< goals add --deadline YYYY-MM-DD
    // Feed commands
    bool discover = false; //!< feed --discover
    // Sessions
    bool others = false;   //!< sessions end --others
    // Payments
    bool again = false;    //!< send --again: even if the same payment awaits confirmation
    // Account
    bool deleteCache = false; //!< account delete --delete-cache: also this device's copy
    // Two-factor
    QString code;          //!< --code: the authenticator's code (login, step-up of a payment)
    QString recoveryCode;  //!< --recovery-code: instead of a code (login, 2fa disable)
    // Media
    QStringList images;    //!< post --image FILE (repeatable)
    QStringList alts;      //!< --alt TEXT (repeatable): the alt text of each file, in order
    QString text;          //!< attach --text
    bool thumbnail = false; //!< download --thumbnail
    // Message actions
    bool forMe = false;    //!< delete --for-me: hide on this device only
    // Safety
    QString muteFor;       //!< mute --for 1h|8h|1w|forever (empty: forever)
    QString reason;        //!< report --reason spam|abuse|scam|other
    QString note;          //!< report --note TEXT
    bool decline = false;  //!< report request --decline: decline it too
};

//! The commands of plaza-cli, each a coroutine that ends with an exit code after printing
//! its answer on stdout, or one line on stderr.
class Commands
{
public:
    explicit Commands(CliOptions options);
    ~Commands();
    //! The end of a run: the live connection stops and the cache closes once every accepted
    //! write has landed (Session::close()).
    QCoro::Task<void> close();

    QCoro::Task<int> login(bool create);
    QCoro::Task<int> whoami();
    QCoro::Task<int> sync();
    QCoro::Task<int> status();
    QCoro::Task<int> logout();

    // Wallet (walletcommands.cpp)
    QCoro::Task<int> balance();
    QCoro::Task<int> history();
    QCoro::Task<int> send();
    QCoro::Task<int> request();
    QCoro::Task<int> pay();
    QCoro::Task<int> topUp();
    QCoro::Task<int> exportCsv();
    QCoro::Task<int> pending();
    QCoro::Task<int> requests();
    //! decline (\a cancel false) or cancel a payment request by id or plaza://pay link.
    QCoro::Task<int> endRequest(bool cancel);

    // Savings (savingscommands.cpp)
    QCoro::Task<int> savingsSummary();
    QCoro::Task<int> savingsMove(bool deposit);
    QCoro::Task<int> goals();
    // Feed (feedcommands.cpp)
    QCoro::Task<int> feed();
    QCoro::Task<int> post();
    QCoro::Task<int> like();
    QCoro::Task<int> repost();
    //! post's arguments name an action on a post (edit, delete, quote, bookmark, unbookmark).
    [[nodiscard]] bool isPostAction() const;
    //! post edit|delete|quote|bookmark|unbookmark POST_ID …: what one does to a post (issue 17).
    QCoro::Task<int> postAction();
    //! bookmarks [--limit N]: the posts one bookmarked, newest bookmark first (from the synced cache).
    QCoro::Task<int> bookmarks();
    // Chat (chatcommands.cpp)
    QCoro::Task<int> chats();
    QCoro::Task<int> chatShow();
    QCoro::Task<int> say();
    QCoro::Task<int> chatSearch();
    QCoro::Task<int> group();
    //! group rename|add|remove|leave|members CHAT … (groupcommands.cpp)
    QCoro::Task<int> manageGroup();
    // Message actions (messagecommands.cpp): edit, delete [--for-me], react, unreact, reply, forward
    QCoro::Task<int> editMessage();
    QCoro::Task<int> deleteMessage();
    QCoro::Task<int> react(bool add);
    QCoro::Task<int> reply();
    QCoro::Task<int> forward();
    // Safety (safetycommands.cpp): block/unblock USER, blocks, mute/unmute CHAT [--for], report
    QCoro::Task<int> block(bool on);
    QCoro::Task<int> blocks();
    // Muting a person in the feed (feedcommands.cpp): mute-person/unmute-person USER, muted-people
    QCoro::Task<int> mutePerson(bool on);
    QCoro::Task<int> mutedPeople();
    QCoro::Task<int> mute(bool on);
    //! chat requests: the message requests waiting (docs/api.md "Message requests").
    QCoro::Task<int> chatRequests();
    //! chat accept CONVERSATION: accepts a message request.
    QCoro::Task<int> chatAccept();
    QCoro::Task<int> report();
    // Sessions (sessioncommands.cpp): list, end ID, end --others
    QCoro::Task<int> sessions();
    // The account (accountcommands.cpp): password, account delete
    QCoro::Task<int> changePassword();
    QCoro::Task<int> account();
    // Two-factor sign-in (twofactorcommands.cpp): setup, confirm CODE, disable CODE, status,
    // threshold AMOUNT|off
    QCoro::Task<int> twoFactor();
    // Media (mediacommands.cpp): upload FILE..., attach CHAT FILE..., post --image, download ID [FILE]
    QCoro::Task<int> upload();
    QCoro::Task<int> attach();
    QCoro::Task<int> postWithImages();
    QCoro::Task<int> download();

private:
    //! A payment the server refused with step_up_required: asks for the password or a code
    //! (--code, --password-stdin, or the terminal), exchanges it for a step-up token and
    //! tries the same intent (same key) once more. Any other outcome is returned as is.
    QCoro::Task<Result<wallet::PaymentOutcome>> stepUpIfAsked(Result<wallet::PaymentOutcome> outcome);
    //! Waits for the security call just started on the session to answer.
    QCoro::Task<void> settleSecurity();
    //! GET /v1/sessions: the items.
    QCoro::Task<Result<QJsonArray>> fetchSessions();
    //! A refused request: "signed out" (kSignedOut) for a 401, else "code: message".
    int failRequest(const Error &error);
    //! The session's last failure as describe() words it ("code: sentence").
    [[nodiscard]] QString sessionError() const;
    //! restore() and, if asked for, the passphrase; Ready or an exit code.
    QCoro::Task<int> open();
    QCoro::Task<void> settle();
    QCoro::Task<int> answerPassphrase();
    int failWith(const QString &message, int code = kFailed);
    int fromState();
    QString passphrase();
    //! open() plus one pull (offline is fine: the cache answers) and the wallet service.
    QCoro::Task<int> openWallet();
    //! open() plus one pull, the feed service, and the posts a previous run left unsent (unless
    //! \a sendQueued is false: the caller sends them). Uploads show their progress on stderr.
    QCoro::Task<int> openFeed(bool sendQueued = true);
    //! like/repost: the post id of the only argument.
    QCoro::Task<int> toggle(bool repost);
    //! open() plus one pull (offline is fine) and the chat service, which sends what is queued
    //! (unless \a sendQueued is false: the caller flushes). Uploads show their progress on stderr.
    QCoro::Task<int> openChat(bool sendQueued = true);
    //! The conversation of cached message \a messageId (NotFound when this device does not
    //! have it: sync, or `chat` that conversation, first).
    [[nodiscard]] Result<QString> conversationOfMessage(const QString &messageId);
    //! An unanswered transfer (when openWallet() ran) to \a to of \a amount with \a note.
    [[nodiscard]] std::optional<wallet::PaymentIntent> sameTransferUnanswered(const QString &to, const Money &amount,
                                                                              const QString &note) const;
    //! Uploads \a files (progress on stderr, one line each on stdout): the [{"media_id","alt"?}]
    //! to send, with m_options.alts in order.
    QCoro::Task<Result<QJsonArray>> uploadAll(QStringList files);
    //! An amount typed by the user, in their locale, in the wallet's currency.
    Result<Money> parseAmount(const QString &text);

    CliOptions m_options;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<wallet::WalletService> m_wallet;
    std::unique_ptr<wallet::WalletSummary> m_summary;
    feed::FeedService *m_feed = nullptr; //!< a child of m_session (goes with it)
    std::unique_ptr<chat::ChatService> m_chat;
    //! The outbox's intents without an answer when openWallet() opened it, before its
    //! retries could run: what send refuses to repeat (unless --again).
    QList<wallet::PaymentIntent> m_unansweredAtOpen;
    bool m_pulled = false; //!< openWallet()'s pull reached the server: the cache is current
    qint64 m_applied = 0;
};

} // namespace plaza::cli
