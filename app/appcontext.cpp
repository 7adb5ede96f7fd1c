// SPDX-License-Identifier: MIT
#include "appcontext.h"

#include "languageloader.h"
#include "qrimageprovider.h"
#include "timeformat.h"
#include "trayicon.h"
#include "windowgeometry.h"

#include "common/logging.h"
#include "diagnostics/feedbackreport.h"
#include "money/currency.h"
#include "money/money.h"
#include "session/session.h"
#include "social/peoplesearchmodel.h"
#include "wallet/paylink.h"
#include "wallet/walletcsv.h"

#include <QClipboard>
#include <QDir>
#include <QEvent>
#include <QFileOpenEvent>
#include <QKeyEvent>
#include <QGuiApplication>
#include <QJSEngine>
#include <QLocale>
#include <QRegularExpression>
#include <QQmlEngine>
#include <QSaveFile>
#include <QSettings>
#include <QSysInfo>
#include <QStandardPaths>
#include <QWindow>

namespace {
// One window, one session: a plain pointer is enough, and it lets create() answer
// without the engine ever owning (and deleting) the context.
AppContext *s_instance = nullptr;

QString localPath(const QUrl &file)
{
    return file.isLocalFile() ? file.toLocalFile() : file.toString();
}
} // namespace

AppContext::AppContext(plaza::Session *session, plaza::wallet::WalletService *wallet, plaza::AppLock *appLock,
                       Options options, QObject *parent)
    : QObject(parent), m_session(session), m_wallet(wallet), m_appLock(appLock), m_options(std::move(options))
{
    Q_ASSERT(!s_instance);
    s_instance = this;
    if (!m_options.themeFromCommandLine)
        m_options.themeMode = setting(QStringLiteral("ui/theme"), QStringLiteral("system")).toString();
    // Every key press, click or wheel anywhere restarts the idle-lock countdown.
    if (qApp)
        qApp->installEventFilter(this);
}

AppContext::~AppContext()
{
    if (s_instance == this)
        s_instance = nullptr;
}

AppContext *AppContext::create(QQmlEngine *qmlEngine, QJSEngine *jsEngine)
{
    Q_ASSERT(s_instance);
    s_instance->m_engine = qmlEngine;
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    // These are properties of this C++-owned object; say so explicitly so the JS
    // garbage collector never claims them either.
    QJSEngine::setObjectOwnership(s_instance->m_session, QJSEngine::CppOwnership);
    QJSEngine::setObjectOwnership(s_instance->m_wallet, QJSEngine::CppOwnership);
    QJSEngine::setObjectOwnership(s_instance->m_appLock, QJSEngine::CppOwnership);
    if (s_instance->m_feed)
        QJSEngine::setObjectOwnership(s_instance->m_feed, QJSEngine::CppOwnership);
    if (s_instance->m_chat)
        QJSEngine::setObjectOwnership(s_instance->m_chat, QJSEngine::CppOwnership);
    Q_UNUSED(jsEngine)
    return s_instance;
}

QString AppContext::version() const
{
    return QStringLiteral(PLAZA_VERSION);
}

namespace {
QString settingsPath(const QString &configDir)
{
    return QDir(configDir).filePath(QStringLiteral("settings.ini"));
}
} // namespace

QString AppContext::savedLanguage(const QString &configDir)
{
    const QSettings settings(settingsPath(configDir), QSettings::IniFormat);
    return settings.value(QStringLiteral("ui/language")).toString();
}

QVariant AppContext::setting(const QString &key, const QVariant &fallback) const
{
    const QSettings settings(settingsPath(m_options.configDir), QSettings::IniFormat);
    return settings.value(key, fallback);
}

void AppContext::saveSetting(const QString &key, const QVariant &value)
{
    QDir().mkpath(m_options.configDir);
    QSettings settings(settingsPath(m_options.configDir), QSettings::IniFormat);
    settings.setValue(key, value);
    settings.sync();
    if (settings.status() != QSettings::NoError)
        qCWarning(lcApp) << "could not save the setting" << key;
    Q_EMIT settingsChanged();
}

void AppContext::setThemeMode(const QString &mode)
{
    if (mode != u"system" && mode != u"light" && mode != u"dark")
        return;
    m_options.themeMode = mode;
    saveSetting(QStringLiteral("ui/theme"), mode);
}

QString AppContext::language() const
{
    return setting(QStringLiteral("ui/language"), QString()).toString();
}

void AppContext::setLanguage(const QString &code)
{
    if (!code.isEmpty() && code != u"en" && code != u"fr")
        return;
    if (code == language())
        return;
    saveSetting(QStringLiteral("ui/language"), code);
    // Switched once the control that chose it has finished its signal (retranslating rebuilds
    // the bindings of the very list it was chosen from): the new translation, the locale for
    // dates and amounts, then every qsTr binding of the window and every binding that formats
    // a time.
    QMetaObject::invokeMethod(this, [this, code] { switchLanguage(code); }, Qt::QueuedConnection);
}

void AppContext::switchLanguage(const QString &code)
{
    if (!QCoreApplication::instance())
        return;
    const QString inUse = LanguageLoader::install(*QCoreApplication::instance(), code);
    if (inUse != m_options.languageInUse) {
        m_options.languageInUse = inUse;
        Q_EMIT languageInUseChanged();
    }
    if (m_engine)
        m_engine->retranslate();
    TimeFormat::refreshAll();
    m_session->notifyLocaleChanged(); // the models' amounts and times
    Q_EMIT settingsChanged(); // bindings that format money or numbers read QLocale() again
    Q_EMIT languageSwitched();
    qCInfo(lcApp) << "interface language switched to" << inUse;
}

bool AppContext::notificationsEnabled() const
{
    return setting(QStringLiteral("notifications/enabled"), true).toBool();
}

void AppContext::setNotificationsEnabled(bool enabled)
{
    saveSetting(QStringLiteral("notifications/enabled"), enabled);
}

bool AppContext::notificationPreviews() const
{
    return setting(QStringLiteral("notifications/previews"), true).toBool();
}

void AppContext::setNotificationPreviews(bool shown)
{
    saveSetting(QStringLiteral("notifications/previews"), shown);
}

bool AppContext::minimizeToTray() const
{
    return setting(QStringLiteral("window/minimize_to_tray"), false).toBool();
}

void AppContext::setMinimizeToTray(bool enabled)
{
    saveSetting(QStringLiteral("window/minimize_to_tray"), enabled);
}

QString AppContext::lastTab() const
{
    return setting(QStringLiteral("ui/tab"), QStringLiteral("feed")).toString();
}

void AppContext::setLastTab(const QString &key)
{
    if (key == lastTab())
        return;
    QDir().mkpath(m_options.configDir);
    QSettings settings(settingsPath(m_options.configDir), QSettings::IniFormat);
    settings.setValue(QStringLiteral("ui/tab"), key);
    Q_EMIT lastTabChanged();
}

void AppContext::keepWindowGeometry(QWindow *window)
{
    if (!window || window->findChild<WindowGeometry *>(QString(), Qt::FindDirectChildrenOnly))
        return;
    QDir().mkpath(m_options.configDir);
    auto *keeper = new WindowGeometry(window, settingsPath(m_options.configDir)); // owned by the window
    keeper->restore();
}

bool AppContext::trayAvailable() const
{
    return TrayIcon::available();
}

QString AppContext::qtVersion() const
{
    return QString::fromLatin1(qVersion());
}

QString AppContext::platformName() const
{
    return QSysInfo::prettyProductName();
}

bool AppContext::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::FileOpen:
        // macOS delivers plaza:// links (CFBundleURLTypes) as an event, not as arguments.
        if (watched == qApp) {
            const QUrl url = static_cast<QFileOpenEvent *>(event)->url();
            if (url.scheme() == u"plaza") {
                if (const QString refused = openLink(url.toString()); !refused.isEmpty())
                    qCWarning(lcApp) << "not a link Plaza can open:" << refused;
                return true;
            }
        }
        break;
    case QEvent::ShortcutOverride:
        // Text fields claim Ctrl+K ("delete to the end of the line" on X11 and macOS), so the
        // quick switcher would open everywhere but where people type. Swallowed here, the
        // override stays unaccepted and the window's Ctrl+K shortcut runs.
        if (const auto *key = static_cast<QKeyEvent *>(event);
            key->key() == Qt::Key_K && key->modifiers() == Qt::ControlModifier) {
            return true;
        }
        break;
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::Wheel:
        if (m_appLock)
            m_appLock->noteActivity();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

QString AppContext::openLink(const QString &link)
{
    const QString trimmed = link.trimmed();
    if (!trimmed.startsWith(QStringLiteral("plaza:"), Qt::CaseInsensitive))
        return QStringLiteral("unsupported");
    if (auto id = plaza::wallet::parsePayLink(trimmed); !id) {
        qCInfo(lcApp) << "refused a malformed plaza link:" << id.error().message;
        return QStringLiteral("malformed");
    }
    m_pendingLink = trimmed;
    Q_EMIT pendingLinkChanged();
    return {};
}

void AppContext::clearPendingLink()
{
    if (m_pendingLink.isEmpty())
        return;
    m_pendingLink.clear();
    Q_EMIT pendingLinkChanged();
}

void AppContext::requestPage(const QString &page)
{
    Q_EMIT pageRequested(page);
}

QVariantMap AppContext::parseAmount(const QString &text, const QString &currency) const
{
    QVariantMap result{{QStringLiteral("ok"), false}};
    const auto info = plaza::Currency::fromCode(currency);
    result.insert(QStringLiteral("decimals"), info ? info->exponent : 2);
    auto amount = plaza::Money::parse(text, currency, QLocale());
    if (!amount) {
        result.insert(QStringLiteral("reason"), amount.error().details.value(QStringLiteral("reason"),
                                                                             QStringLiteral("not_a_number")));
        return result;
    }
    if (amount->isZero()) {
        result.insert(QStringLiteral("reason"), QStringLiteral("zero"));
        return result;
    }
    if (amount->minor() > plaza::Money::kMaxApiAmount) {
        result.insert(QStringLiteral("reason"), QStringLiteral("too_large"));
        return result;
    }
    result.insert(QStringLiteral("ok"), true);
    result.insert(QStringLiteral("minor"), amount->minor());
    result.insert(QStringLiteral("formatted"), amount->format(QLocale()));
    return result;
}

QString AppContext::formatMoney(qint64 minor, const QString &currency) const
{
    return plaza::Money(minor, currency).format(QLocale());
}

QString AppContext::linkify(const QString &text) const
{
    // Escape everything first: the text is someone else's and must never be markup.
    static const QRegularExpression url(QStringLiteral("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)\\]]"));
    QString out;
    qsizetype last = 0;
    auto it = url.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last).toHtmlEscaped();
        const QString link = m.captured().toHtmlEscaped();
        out += QStringLiteral("<a href=\"%1\">%1</a>").arg(link);
        last = m.capturedEnd();
    }
    out += text.mid(last).toHtmlEscaped();
    out.replace(u'\n', QStringLiteral("<br>"));
    return out;
}

QString AppContext::initials(const QString &name) const
{
    return plaza::PeopleSearchModel::initialsOf(name);
}

void AppContext::copyText(const QString &text) const
{
    if (auto *clipboard = QGuiApplication::clipboard())
        clipboard->setText(text);
}

QString AppContext::clipboardText() const
{
    auto *clipboard = QGuiApplication::clipboard();
    return clipboard ? clipboard->text().trimmed() : QString();
}

void AppContext::exportCsv(plaza::wallet::TransactionsModel *model, const QUrl &file)
{
    if (!model) {
        Q_EMIT csvExported(tr("Nothing to export."));
        return;
    }
    exportCsvTask(model, localPath(file));
}

QCoro::Task<void> AppContext::exportCsvTask(QPointer<plaza::wallet::TransactionsModel> model, QString path)
{
    QPointer<AppContext> self(this);
    auto written = co_await model->exportCsv(path);
    if (!self)
        co_return;
    if (!written) {
        Q_EMIT csvExported(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), written.error().message));
        co_return;
    }
    qCInfo(lcApp) << "exported" << *written << "transactions to CSV";
    Q_EMIT csvExported(QString());
}

QString AppContext::saveQrCode(const QString &text, const QUrl &file) const
{
    const QImage image = QrImageProvider::render(text, 512);
    if (image.isNull())
        return tr("This link is too long for a QR code.");
    QSaveFile out(localPath(file));
    if (!out.open(QIODevice::WriteOnly) || !image.save(&out, "PNG") || !out.commit())
        return tr("Could not write %1: %2").arg(QDir::toNativeSeparators(localPath(file)), out.errorString());
    return {};
}

QString AppContext::writeFeedback(const QUrl &file) const
{
    const plaza::Status written = plaza::FeedbackReport::writeTo(localPath(file));
    if (!written)
        return tr("Could not write %1: %2").arg(QDir::toNativeSeparators(localPath(file)), written.error().message);
    qCInfo(lcApp) << "feedback report written";
    return {};
}

QUrl AppContext::suggestedFile(const QString &name) const
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    return QUrl::fromLocalFile(QDir(dir).filePath(name));
}
