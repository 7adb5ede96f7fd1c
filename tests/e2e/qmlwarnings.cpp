// SPDX-License-Identifier: MIT
#include "qmlwarnings.h"

#include <QMutex>
#include <QRegularExpression>

namespace plaza::test {

namespace {

const QRegularExpression &enginePattern()
{
    static const QRegularExpression re(QStringLiteral(
        "\\.qml:\\d+|^QML \\w+|Binding loop|is not installed|is not a type|QQmlComponent|QQmlApplicationEngine"
        "|TypeError|ReferenceError|Unable to assign"));
    return re;
}

QMutex g_mutex;
QStringList g_seen;
QtMessageHandler g_previous = nullptr;
int g_recorders = 0;

void record(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (isQmlWarning(type, context.category, message)) {
        const QMutexLocker locker(&g_mutex);
        g_seen.append(message);
    }
    if (g_previous)
        g_previous(type, context, message);
}

} // namespace

bool isQmlWarning(QtMsgType type, const char *category, const QString &message)
{
    if (type == QtDebugMsg || type == QtInfoMsg)
        return false;
    const QLatin1StringView name(category ? category : "");
    if (name.startsWith(QLatin1StringView("qt.qml")) || name == QLatin1StringView("qml") || name == QLatin1StringView("js"))
        return true;
    return enginePattern().match(message).hasMatch();
}

QStringList qmlWarningsIn(const QString &output)
{
    QStringList found;
    static const QRegularExpression category(QStringLiteral("^(qt\\.qml[\\w.]*|qml|js): "));
    for (const QString &line : output.split(u'\n', Qt::SkipEmptyParts)) {
        if (category.match(line).hasMatch() || enginePattern().match(line).hasMatch())
            found.append(line);
    }
    return found;
}

QmlWarningRecorder::QmlWarningRecorder()
{
    const QMutexLocker locker(&g_mutex);
    if (g_recorders++ == 0)
        g_previous = qInstallMessageHandler(record);
}

QmlWarningRecorder::~QmlWarningRecorder()
{
    const QMutexLocker locker(&g_mutex);
    if (--g_recorders == 0) {
        qInstallMessageHandler(g_previous);
        g_previous = nullptr;
    }
}

QStringList QmlWarningRecorder::take()
{
    const QMutexLocker locker(&g_mutex);
    QStringList seen;
    seen.swap(g_seen);
    return seen;
}

} // namespace plaza::test
