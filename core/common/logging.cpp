// SPDX-License-Identifier: MIT
#include "logging.h"

#include "common/clock.h"

Q_LOGGING_CATEGORY(lcNet, "plaza.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWs, "plaza.ws", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "plaza.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcOutbox, "plaza.outbox", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDb, "plaza.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecurity, "plaza.security", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWallet, "plaza.wallet", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSavings, "plaza.savings", QtInfoMsg)
Q_LOGGING_CATEGORY(lcChat, "plaza.chat", QtInfoMsg)
Q_LOGGING_CATEGORY(lcFeed, "plaza.feed", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "plaza.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "plaza.server", QtInfoMsg)

#include <QDateTime>
#include <QMutex>
#include <QMutexLocker>

#include <deque>

namespace {

struct Ring
{
    QMutex mutex;
    std::deque<QString> lines;
    qsizetype capacity = 0;
    QtMessageHandler previous = nullptr;
};

Ring &ring()
{
    static Ring instance;
    return instance;
}

char typeLetter(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return 'D';
    case QtInfoMsg: return 'I';
    case QtWarningMsg: return 'W';
    case QtCriticalMsg: return 'C';
    case QtFatalMsg: return 'F';
    }
    return '?';
}

void record(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    Ring &r = ring();
    QtMessageHandler previous = nullptr;
    {
        const QString line = plaza::Clock::instance()->nowUtc().toString(Qt::ISODateWithMs) + u' '
            + QLatin1Char(typeLetter(type)) + u' '
            + QLatin1StringView(context.category ? context.category : "default") + u": " + message;
        QMutexLocker lock(&r.mutex);
        r.lines.push_back(line);
        while (qsizetype(r.lines.size()) > r.capacity)
            r.lines.pop_front();
        previous = r.previous;
    }
    if (previous)
        previous(type, context, message);
}

} // namespace

namespace plaza::logging {

void installRingBuffer(qsizetype capacity)
{
    Ring &r = ring();
    QMutexLocker lock(&r.mutex);
    r.capacity = qMax<qsizetype>(capacity, 1);
    while (qsizetype(r.lines.size()) > r.capacity)
        r.lines.pop_front();
    if (!r.previous)
        r.previous = qInstallMessageHandler(record); // Qt hands back its default handler if none was set
}

QStringList recentLines(qsizetype count)
{
    Ring &r = ring();
    QMutexLocker lock(&r.mutex);
    const qsizetype size = qsizetype(r.lines.size());
    const qsizetype first = (count < 0 || count >= size) ? 0 : size - count;
    QStringList result;
    result.reserve(size - first);
    for (qsizetype i = first; i < size; ++i)
        result.append(r.lines[size_t(i)]);
    return result;
}

void clearRecentLines()
{
    Ring &r = ring();
    QMutexLocker lock(&r.mutex);
    r.lines.clear();
}

} // namespace plaza::logging
