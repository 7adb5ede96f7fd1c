// SPDX-License-Identifier: MIT
#pragma once

#include "session/session.h"

#include <QObject>
#include <QString>
#include <QtQml/qqml.h>

//! The `App` singleton of QML: what the window needs from the desktop process —
//! the session and the choices made on the command line. main() creates the one
//! instance before the engine loads anything; QML reaches it through create().
class AppContext : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(App)
    QML_SINGLETON
    Q_PROPERTY(plaza::Session *session READ session CONSTANT)
    Q_PROPERTY(QString defaultServerUrl READ defaultServerUrl CONSTANT)
    Q_PROPERTY(QString themeMode READ themeMode CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)

public:
    //! \a themeMode is "system", "light" or "dark".
    AppContext(plaza::Session *session, QString defaultServerUrl, QString themeMode, QObject *parent = nullptr);
    ~AppContext() override;

    //! QML's factory: the instance main() made. The engine must not delete it.
    static AppContext *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    [[nodiscard]] plaza::Session *session() const { return m_session; }
    [[nodiscard]] QString defaultServerUrl() const { return m_defaultServerUrl; }
    [[nodiscard]] QString themeMode() const { return m_themeMode; }
    [[nodiscard]] QString version() const;

private:
    plaza::Session *m_session;
    QString m_defaultServerUrl;
    QString m_themeMode;
};
