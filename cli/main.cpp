// SPDX-License-Identifier: MIT
// plaza-cli: sign in, sync and inspect the local cache from a terminal, through the
// same Session and SyncEngine as the desktop app.
#include "clicommands.h"
#include "common/languageloader.h"
#include "plazaversion.h"
#include "terminal.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <QCoroTask>

#include <cstdio>
#include <cstdlib>

using namespace plaza::cli;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("plaza-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PLAZA_VERSION));
    // A terminal tool answers in one line; what the core logs is for --verbose (read below).
    QLoggingCategory::setFilterRules(QStringLiteral("plaza.*.debug=false\nplaza.*.info=false\nplaza.*.warning=false"));
    // The language of the system (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), English under C or
    // POSIX; before any text is made, the help included.
    setMessageLanguage(LanguageLoader::installForTerminal(app));

    QCommandLineParser parser;
    // One string for each part of the help, so that a translation keeps its columns.
    parser.setApplicationDescription(
        QCoreApplication::translate("plaza-cli",
            "Plaza from the terminal.")
        + QStringLiteral("\n\n")
        + QCoreApplication::translate("plaza-cli",
            "Commands:\n"
            "  login      sign in (--server URL --handle H) and make the local cache\n"
            "  register   create an account (--server URL --handle H [--display-name N])\n"
            "  whoami     the signed-in account\n"
            "  sync       pull what changed: \"applied N events, cursor M\"\n"
            "  status     server, account, cursor, last sync, online, cache encryption\n"
            "  logout     sign out and delete the local cache and its key")
        + QStringLiteral("\n\n")
        + QCoreApplication::translate("plaza-cli",
            "Wallet:\n"
            "  balance                         balance, limits (from the cache when offline)\n"
            "  history [--in|--out] [--kind K] [--query Q] [--limit N]\n"
            "  send @handle AMOUNT [NOTE] [--again]   amount in your locale (\"12.50\"); exit 5 = awaiting confirmation;\n"
            "                                  the same payment still awaiting confirmation is refused unless --again\n"
            "  request AMOUNT [NOTE] [--from @handle]   prints the plaza://pay link\n"
            "  pay plaza://pay/ID [--yes]      shows payee, amount and note, asks unless --yes\n"
            "  topup AMOUNT --card TOKEN       (test cards: tok_visa, tok_declined)\n"
            "  export FILE.csv [filters]       the history as CSV (RFC 4180)\n"
            "  pending                         retry payments awaiting confirmation now\n"
            "  requests [--to-me|--from-me] [--limit N]   payment requests with their state, newest first\n"
            "  decline ID|plaza://pay/ID       decline a request someone made of you\n"
            "  cancel ID|plaza://pay/ID        cancel a request you made")
        + QStringLiteral("\n\n")
        + QCoreApplication::translate("plaza-cli",
            "Savings:\n"
            "  savings                         balance, APY, interest this month and in total\n"
            "  deposit AMOUNT [--goal g_ID]    from the wallet into savings (exit 5 = awaiting confirmation)\n"
            "  withdraw AMOUNT [--goal g_ID]   from savings to the wallet\n"
            "  goals [list]                    goals with progress; goals add NAME TARGET [--deadline YYYY-MM-DD],\n"
            "                                  goals rename g_ID NAME, goals target g_ID AMOUNT, goals delete g_ID")
        + QStringLiteral("\n\n")
        + QCoreApplication::translate("plaza-cli",
            "Feed:\n"
            "  feed [--discover] [--limit N]   Following (newest first) or Discover (ranked, with each score's terms)\n"
            "  post \"TEXT\"                     at most 500 characters; offline: queued, exit 5, sent by the next run online\n"
            "  like POST_ID                    like a post (idempotent)\n"
            "  repost POST_ID                  repost a post (idempotent)\n"
            "  post edit POST_ID \"TEXT\"        change the text of your post (marked edited)\n"
            "  post delete POST_ID             delete your post (its text goes everywhere, with its reposts)\n"
            "  post quote POST_ID \"TEXT\"       a new post quoting another\n"
            "  post bookmark POST_ID           keep a post in your bookmarks (private); post unbookmark POST_ID\n"
            "  bookmarks [--limit N]           your bookmarks, newest first")
        + QStringLiteral("\n\n")
        + QCoreApplication::translate("plaza-cli",
            "Chat:\n"
            "  chats                           your conversations, most recent first, with unread counts\n"
            "  chat @handle|ID [--limit N]     the last messages of a conversation (a direct one with @handle)\n"
            "  chat requests                   first messages from people you do not follow, waiting for you\n"
            "  chat accept @handle|ID          accept a message request (replying accepts it too; block declines it)\n"
            "  say @handle|ID \"TEXT\"           send through the outbox; exit 5 = queued, sent when the server answers\n"
            "  chat-search \"WORDS\" [--limit N] search cached messages (accents ignored: cafe finds café)\n"
            "  group \"TITLE\" @handle...       a new group with a title and these people\n"
            "  group members CHAT              its members and their roles (admin, member)\n"
            "  group rename CHAT \"TITLE\"       a new title (admins)\n"
            "  group add CHAT @handle...       add people (admins)\n"
            "  group remove CHAT @handle       remove someone (admins)\n"
            "  group leave CHAT                leave it (its history stays, nothing new comes)\n"
            "  attach @handle|ID FILE... [--text TEXT] [--alt TEXT]...   send files (at most 10; images lose their metadata)\n"
            "  (chat prints each message's id first; these take it)\n"
            "  reply MESSAGE_ID \"TEXT\"         answer a message, quoting it (through the outbox, like say)\n"
            "  edit MESSAGE_ID \"TEXT\"          change your text message (within 48 h; never payments or requests)\n"
            "  delete MESSAGE_ID [--for-me]    delete your message for everyone (within 48 h), or hide any on this device\n"
            "  react MESSAGE_ID EMOJI          add your reaction (one emoji); unreact MESSAGE_ID EMOJI takes it back\n"
            "  forward MESSAGE_ID @handle|ID...   forward a message (not a payment) to one or more conversations")
        + QStringLiteral("\n\n")
        + QCoreApplication::translate("plaza-cli",
            "Safety:\n"
            "  block @handle|USER_ID           they cannot message you, pay you or ask you for money, see your posts or\n"
            "                                  find you; your conversation stays readable but read-only\n"
            "  unblock @handle|USER_ID         undo a block\n"
            "  blocks                          the people you blocked\n"
            "  mute-person @handle|USER_ID     leave their posts and reposts out of your feed (they are not told;\n"
            "                                  messages and payments go on)\n"
            "  unmute-person @handle|USER_ID   their posts in your feed again\n"
            "  muted-people                    the people you muted in the feed\n"
            "  mute @handle|ID [--for 1h|8h|1w|forever]   no notifications from a conversation (forever by default)\n"
            "  unmute @handle|ID               notifications again\n"
            "  report message|post|user|request ID --reason spam|abuse|scam|other [--note TEXT] [--decline]\n"
            "                                  tell the moderators; --decline also declines a payment request")
        + QStringLiteral("\n\n")
        + QCoreApplication::translate("plaza-cli",
            "Files:\n"
            "  upload FILE...                  upload files (resumed after a dropped connection); prints their ids\n"
            "  post [\"TEXT\"] --image FILE [--alt TEXT]   a post with up to 4 images, each with its alt text\n"
            "  download MEDIA_ID [FILE|DIR] [--thumbnail]   save a file you can see (checked against its sha256)")
        + QStringLiteral("\n\n")
        + QCoreApplication::translate("plaza-cli",
            "Account:\n"
            "  sessions [list]                 the devices signed in to your account (* marks this one)\n"
            "  sessions end ID                 sign a device out now (its tokens and live connection stop)\n"
            "  sessions end --others           sign out every device but this one\n"
            "  password                        change your password (asks on the terminal; --password-stdin: current\n"
            "                                  on the first line, new on the second); signs out every other device\n"
            "  account delete [--delete-cache] delete your account (only with an empty wallet and savings); asks for\n"
            "                                  your password; this device's copy is kept unless --delete-cache\n"
            "  2fa [status]                    two-factor sign-in on or off, and the step-up threshold\n"
            "  2fa setup                       (password) prints the secret and otpauth:// URI for an authenticator app\n"
            "  2fa confirm CODE                turns it on; prints the 10 recovery codes once\n"
            "  2fa disable CODE                turns it off (or: 2fa disable --recovery-code CODE)\n"
            "  2fa threshold AMOUNT|off        payments at or above AMOUNT need your password or a code")
        + QStringLiteral("\n\n")
        + QCoreApplication::translate("plaza-cli",
            "Two-factor: login asks for the code (or --code CODE / --recovery-code CODE); a payment the server\n"
            "wants confirmed asks for your password or code (or --password-stdin / --code CODE)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QCoreApplication::translate("plaza-cli", "login, register, whoami, sync, status, logout, "
                                                                           "balance, history, send, request, requests, decline, cancel, pay, topup, "
                                                                           "export, pending, savings, deposit, withdraw, "
                                                                           "goals, feed, post, like, repost, bookmarks, chats, chat, say, chat-search, group, reply, edit, "
                                                                           "delete, react, unreact, forward, block, unblock, blocks, mute, unmute, mute-person, unmute-person, muted-people, report, sessions, "
                                                                           "password, account, 2fa, upload, attach or download"));
    const QCommandLineOption inOption(QStringLiteral("in"), QCoreApplication::translate("plaza-cli", "history/export: money received only."));
    const QCommandLineOption outOption(QStringLiteral("out"), QCoreApplication::translate("plaza-cli", "history/export: money sent only."));
    const QCommandLineOption kindOption(QStringLiteral("kind"), QCoreApplication::translate("plaza-cli", "history/export: one kind (transfer, top_up, …)."),
                                        QStringLiteral("K"));
    const QCommandLineOption queryOption(QStringLiteral("query"), QCoreApplication::translate("plaza-cli", "history/export: text in the note or name."),
                                         QStringLiteral("Q"));
    const QCommandLineOption limitOption(QStringLiteral("limit"), QCoreApplication::translate("plaza-cli", "history, chat, chat-search: at most N rows (20)."),
                                         QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption fromOption(QStringLiteral("from"), QCoreApplication::translate("plaza-cli", "request: who should pay."),
                                        QStringLiteral("@handle"));
    const QCommandLineOption toMeOption(QStringLiteral("to-me"), QCoreApplication::translate("plaza-cli", "requests: only those asked of you."));
    const QCommandLineOption fromMeOption(QStringLiteral("from-me"), QCoreApplication::translate("plaza-cli", "requests: only those you asked."));
    const QCommandLineOption cardOption(QStringLiteral("card"), QCoreApplication::translate("plaza-cli", "topup: the card token."), QStringLiteral("TOKEN"));
    const QCommandLineOption goalOption(QStringLiteral("goal"), QCoreApplication::translate("plaza-cli", "deposit/withdraw: into or out of this goal."),
                                        QStringLiteral("g_ID"));
    const QCommandLineOption deadlineOption(QStringLiteral("deadline"), QCoreApplication::translate("plaza-cli", "goals add: YYYY-MM-DD."),
                                            QStringLiteral("DATE"));
    const QCommandLineOption yesOption(QStringLiteral("yes"), QCoreApplication::translate("plaza-cli", "pay: do not ask for confirmation."));
    const QCommandLineOption discoverOption(QStringLiteral("discover"), QCoreApplication::translate("plaza-cli", "feed: the Discover timeline."));
    const QCommandLineOption othersOption(QStringLiteral("others"), QCoreApplication::translate("plaza-cli", "sessions end: every session but this device's."));
    const QCommandLineOption againOption(QStringLiteral("again"),
                                         QCoreApplication::translate("plaza-cli", "send: even if the same payment is still awaiting confirmation."));
    const QCommandLineOption deleteCacheOption(QStringLiteral("delete-cache"),
                                               QCoreApplication::translate("plaza-cli", "account delete: also delete this device's copy of the account."));
    const QCommandLineOption codeOption(QStringLiteral("code"),
                                        QCoreApplication::translate("plaza-cli", "login, send, pay, withdraw, 2fa threshold: the code of your authenticator app."),
                                        QStringLiteral("CODE"));
    const QCommandLineOption recoveryOption(QStringLiteral("recovery-code"),
                                            QCoreApplication::translate("plaza-cli", "login, 2fa disable: a recovery code instead."), QStringLiteral("CODE"));
    const QCommandLineOption imageOption(QStringLiteral("image"), QCoreApplication::translate("plaza-cli", "post: an image to show (repeatable, at most 4)."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption altOption(QStringLiteral("alt"),
                                       QCoreApplication::translate("plaza-cli", "post, attach, upload: the alt text of each file, in order (repeatable)."),
                                       QStringLiteral("TEXT"));
    const QCommandLineOption textOption(QStringLiteral("text"), QCoreApplication::translate("plaza-cli", "attach: a message to go with the files."),
                                        QStringLiteral("TEXT"));
    const QCommandLineOption thumbnailOption(QStringLiteral("thumbnail"), QCoreApplication::translate("plaza-cli", "download: the image's thumbnail."));
    const QCommandLineOption forMeOption(QStringLiteral("for-me"),
                                         QCoreApplication::translate("plaza-cli", "delete: hide the message on this device only."));
    const QCommandLineOption forOption(QStringLiteral("for"), QCoreApplication::translate("plaza-cli", "mute: how long (1h, 8h, 1w, forever)."),
                                       QStringLiteral("LENGTH"));
    const QCommandLineOption reasonOption(QStringLiteral("reason"), QCoreApplication::translate("plaza-cli", "report: spam, abuse, scam or other."),
                                          QStringLiteral("R"));
    const QCommandLineOption noteOption(QStringLiteral("note"), QCoreApplication::translate("plaza-cli", "report: what happened (at most 500 characters)."),
                                        QStringLiteral("TEXT"));
    const QCommandLineOption declineOption(QStringLiteral("decline"), QCoreApplication::translate("plaza-cli", "report request: decline it too."));
    parser.addOptions({forOption, reasonOption, noteOption, declineOption});
    parser.addOptions({inOption, outOption, kindOption, queryOption, limitOption, fromOption, cardOption, yesOption, goalOption,
                       deadlineOption, discoverOption, toMeOption, fromMeOption, othersOption, againOption,
                       deleteCacheOption, codeOption, recoveryOption, imageOption, altOption, textOption, thumbnailOption,
                       forMeOption});
    const QCommandLineOption serverOption(QStringLiteral("server"), QCoreApplication::translate("plaza-cli", "Server URL (login)."), QStringLiteral("URL"));
    const QCommandLineOption handleOption(QStringLiteral("handle"), QCoreApplication::translate("plaza-cli", "Your handle (login)."), QStringLiteral("H"));
    const QCommandLineOption nameOption(QStringLiteral("display-name"), QCoreApplication::translate("plaza-cli", "Display name (register)."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"),
                                           QCoreApplication::translate("plaza-cli", "Read the password from the first line of stdin."));
    const QCommandLineOption passphraseStdin(
        QStringLiteral("passphrase-stdin"),
        QCoreApplication::translate("plaza-cli", "Read the cache passphrase from the next line of stdin (also PLAZA_PASSPHRASE)."));
    const QCommandLineOption noKeychain(QStringLiteral("no-keychain"),
                                        QCoreApplication::translate("plaza-cli", "Never use the OS keychain: protect the cache with a passphrase."));
    const QCommandLineOption dataDirOption(QStringLiteral("data-dir"), QCoreApplication::translate("plaza-cli", "Where caches live."),
                                           QStringLiteral("DIR"));
    const QCommandLineOption configDirOption(QStringLiteral("config-dir"), QCoreApplication::translate("plaza-cli", "Where account.json lives."),
                                             QStringLiteral("DIR"));
    const QCommandLineOption verbose(QStringLiteral("verbose"), QCoreApplication::translate("plaza-cli", "Log what the core does (stderr)."));
    parser.addOptions({serverOption, handleOption, nameOption, passwordStdin, passphraseStdin, noKeychain, dataDirOption,
                       configDirOption, verbose});
    parser.process(app);
    if (parser.isSet(verbose))
        QLoggingCategory::setFilterRules(QString());

    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        printError(QCoreApplication::translate("plaza-cli", "a command expected (see --help)"));
        return kUsage;
    }
    CliOptions options;
    options.dataDir = parser.isSet(dataDirOption)
        ? parser.value(dataDirOption)
        : QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)).filePath(QStringLiteral("plaza"));
    options.configDir = parser.isSet(configDirOption)
        ? parser.value(configDirOption)
        : QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)).filePath(QStringLiteral("plaza"));
    options.server = parser.value(serverOption);
    options.handle = parser.value(handleOption);
    options.displayName = parser.value(nameOption);
    options.passwordStdin = parser.isSet(passwordStdin);
    options.passphraseStdin = parser.isSet(passphraseStdin);
    options.noKeychain = parser.isSet(noKeychain);
    options.passphraseEnv = qEnvironmentVariable("PLAZA_PASSPHRASE");
    options.arguments = args.mid(1);
    if (parser.isSet(inOption) && parser.isSet(outOption)) {
        printError(QCoreApplication::translate("plaza-cli", "--in or --out, not both"));
        return kUsage;
    }
    options.direction = parser.isSet(inOption) ? QStringLiteral("in")
        : parser.isSet(outOption)              ? QStringLiteral("out")
                                               : QString();
    options.kind = parser.value(kindOption);
    options.query = parser.value(queryOption);
    bool limitOk = false;
    options.limit = parser.value(limitOption).toInt(&limitOk);
    if (!limitOk || options.limit < 1 || options.limit > 500) {
        printError(QCoreApplication::translate("plaza-cli", "--limit takes a number from 1 to 500"));
        return kUsage;
    }
    options.from = parser.value(fromOption);
    if (parser.isSet(toMeOption) && parser.isSet(fromMeOption)) {
        printError(QCoreApplication::translate("plaza-cli", "--to-me or --from-me, not both"));
        return kUsage;
    }
    options.requestDirection = parser.isSet(toMeOption)     ? QStringLiteral("to_me")
                               : parser.isSet(fromMeOption) ? QStringLiteral("from_me")
                                                            : QString();
    options.card = parser.value(cardOption);
    options.yes = parser.isSet(yesOption);
    options.goal = parser.value(goalOption);
    options.deadline = parser.value(deadlineOption);
    options.discover = parser.isSet(discoverOption);
    options.others = parser.isSet(othersOption);
    options.again = parser.isSet(againOption);
    options.deleteCache = parser.isSet(deleteCacheOption);
    options.code = parser.value(codeOption).trimmed();
    options.recoveryCode = parser.value(recoveryOption).trimmed();
    options.images = parser.values(imageOption);
    options.alts = parser.values(altOption);
    options.text = parser.value(textOption);
    options.thumbnail = parser.isSet(thumbnailOption);
    options.forMe = parser.isSet(forMeOption);
    options.muteFor = parser.value(forOption).trimmed();
    options.reason = parser.value(reasonOption).trimmed();
    options.note = parser.value(noteOption);
    options.decline = parser.isSet(declineOption);

    const QString command = args.constFirst();
    static const QStringList takesArguments{QStringLiteral("send"),    QStringLiteral("request"), QStringLiteral("pay"),
                                            QStringLiteral("decline"), QStringLiteral("cancel"),
                                            QStringLiteral("topup"),   QStringLiteral("export"),  QStringLiteral("deposit"),
                                            QStringLiteral("withdraw"), QStringLiteral("goals"),  QStringLiteral("post"),
                                            QStringLiteral("like"),    QStringLiteral("repost"),  QStringLiteral("chat"),
                                            QStringLiteral("say"),     QStringLiteral("chat-search"),
                                            QStringLiteral("group"),   QStringLiteral("sessions"),
                                            QStringLiteral("account"), QStringLiteral("2fa"),
                                            QStringLiteral("upload"),  QStringLiteral("attach"),  QStringLiteral("download"),
                                            QStringLiteral("reply"),   QStringLiteral("edit"),    QStringLiteral("delete"),
                                            QStringLiteral("react"),   QStringLiteral("unreact"), QStringLiteral("forward"),
                                            QStringLiteral("block"),   QStringLiteral("unblock"), QStringLiteral("mute"),
                                            QStringLiteral("unmute"),  QStringLiteral("report"),
                                            QStringLiteral("mute-person"), QStringLiteral("unmute-person")};
    if (args.size() > 1 && !takesArguments.contains(command)) {
        printError(QCoreApplication::translate("plaza-cli", "\"%1\" takes no arguments (see --help)").arg(command));
        return kUsage;
    }
    Commands commands(options);
    QCoro::Task<int> task = [&]() -> QCoro::Task<int> {
        if (command == u"login")
            return commands.login(false);
        if (command == u"register")
            return commands.login(true);
        if (command == u"whoami")
            return commands.whoami();
        if (command == u"sync")
            return commands.sync();
        if (command == u"status")
            return commands.status();
        if (command == u"logout")
            return commands.logout();
        if (command == u"password")
            return commands.changePassword();
        if (command == u"account")
            return commands.account();
        if (command == u"balance")
            return commands.balance();
        if (command == u"history")
            return commands.history();
        if (command == u"send")
            return commands.send();
        if (command == u"request")
            return commands.request();
        if (command == u"pay")
            return commands.pay();
        if (command == u"requests")
            return commands.requests();
        if (command == u"decline")
            return commands.endRequest(false);
        if (command == u"cancel")
            return commands.endRequest(true);
        if (command == u"topup")
            return commands.topUp();
        if (command == u"export")
            return commands.exportCsv();
        if (command == u"pending")
            return commands.pending();
        if (command == u"savings")
            return commands.savingsSummary();
        if (command == u"deposit")
            return commands.savingsMove(true);
        if (command == u"withdraw")
            return commands.savingsMove(false);
        if (command == u"goals")
            return commands.goals();
        if (command == u"feed")
            return commands.feed();
        if (command == u"post")
            return commands.isPostAction() ? commands.postAction()
                : options.images.isEmpty() ? commands.post()
                                           : commands.postWithImages();
        if (command == u"like")
            return commands.like();
        if (command == u"repost")
            return commands.repost();
        if (command == u"chats")
            return commands.chats();
        if (command == u"chat" && options.arguments.value(0) == u"requests")
            return commands.chatRequests();
        if (command == u"chat" && options.arguments.value(0) == u"accept")
            return commands.chatAccept();
        if (command == u"chat")
            return commands.chatShow();
        if (command == u"say")
            return commands.say();
        if (command == u"chat-search")
            return commands.chatSearch();
        if (command == u"group")
            return commands.group();
        if (command == u"reply")
            return commands.reply();
        if (command == u"edit")
            return commands.editMessage();
        if (command == u"delete")
            return commands.deleteMessage();
        if (command == u"react")
            return commands.react(true);
        if (command == u"unreact")
            return commands.react(false);
        if (command == u"forward")
            return commands.forward();
        if (command == u"block")
            return commands.block(true);
        if (command == u"unblock")
            return commands.block(false);
        if (command == u"bookmarks")
            return commands.bookmarks();
        if (command == u"blocks")
            return commands.blocks();
        if (command == u"mute-person")
            return commands.mutePerson(true);
        if (command == u"unmute-person")
            return commands.mutePerson(false);
        if (command == u"muted-people")
            return commands.mutedPeople();
        if (command == u"mute")
            return commands.mute(true);
        if (command == u"unmute")
            return commands.mute(false);
        if (command == u"report")
            return commands.report();
        if (command == u"sessions")
            return commands.sessions();
        if (command == u"2fa")
            return commands.twoFactor();
        if (command == u"upload")
            return commands.upload();
        if (command == u"attach")
            return commands.attach();
        if (command == u"download")
            return commands.download();
        return []() -> QCoro::Task<int> { co_return -1; }();
    }();
    int code = QCoro::waitFor(std::move(task));
    if (code < 0) {
        printError(QCoreApplication::translate("plaza-cli", "unknown command \"%1\" (see --help)").arg(command));
        code = kUsage;
    }
    // The end of the run. The cache closes once every write it accepted has landed (a pull
    // that the live connection started may still be writing), the output is flushed, and the
    // process ends there. Tearing the rest down would only free memory, and would resume, in
    // the middle of that teardown, whatever still waited on the network (ApiClient cancels
    // its requests as it goes).
    QCoro::waitFor(commands.close());
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(code);
}
