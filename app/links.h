// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>
#include <QtQml/qqml.h>

//! The `Links` singleton of QML: pages and plaza:// links handed to the window from outside
//! it — the command line, a second launch, macOS's open-URL event, the clipboard and a
//! clicked notification. main() makes the one instance; QML reaches it through create().
class Links : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    //! A plaza://pay link the window shows once signed in ("" when none waits).
    Q_PROPERTY(QString pendingLink READ pendingLink NOTIFY pendingLinkChanged)
public:
    //! No default argument: Qt 6.4's QML makes a default-constructible singleton itself rather
    //! than call create(), and the window would listen to an instance of its own.
    explicit Links(QObject *parent);
    ~Links() override;

    //! QML's factory: the instance main() made. The engine must not delete it.
    static Links *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

    [[nodiscard]] QString pendingLink() const { return m_pendingLink; }
    //! A plaza:// link from the desktop, a second launch or the clipboard. Returns "" when
    //! the window will show it (pendingLink), else the reason it was refused: a code for
    //! Errors.describeLink ("malformed", "unsupported").
    Q_INVOKABLE QString openLink(const QString &link);
    //! The window took pendingLink.
    Q_INVOKABLE void clearPendingLink();
    //! Asks the signed-in window to open \a page ("chat/<conversation id>", as --page
    //! takes it): a clicked notification. Emits pageRequested.
    void requestPage(const QString &page);

Q_SIGNALS:
    void pendingLinkChanged();
    //! The shell opens \a page (see requestPage()).
    void pageRequested(const QString &page);

protected:
    //! macOS delivers plaza:// links (CFBundleURLTypes) as a QFileOpenEvent to the application.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QString m_pendingLink;
};
