// SPDX-License-Identifier: MIT
// Muting a person in the feed, in the real window (issue 17), in-process and offscreen, against
// the real plaza-server --demo as @amelie. The window is a new device of an account that muted
// @chloe elsewhere: Settings → Muted people lists her and her profile offers Unmute; unmuted
// from the other device, both follow. The profile of the author of her feed's first post offers
// "Mute @handle" with its explanation; muting it by keyboard (the server has the mute) flips
// the button and takes that person's posts out of the feed at once; Settings → Muted people
// lists them, and Unmute (by keyboard) empties the list and brings the posts back. Offline,
// Mute and Unmute are greyed and say they need a connection. Any QML warning fails it.
#include "demowindow.h"
#include "inprocessapp.h"
#include "links.h"
#include "qmlwarnings.h"
#include "apiprobe.h"
#include "common/testserver.h"
#include "session/session.h"

#include <QAbstractItemModel>
#include <QAccessible>
#include <QGuiApplication>
#include <QJsonArray>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>

Q_IMPORT_QML_PLUGIN(PlazaPlugin)
Q_IMPORT_QML_PLUGIN(Plaza_DesktopPlugin)

class PersonMuteUiTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void newDeviceKnowsTheMutes();
    void muteFromTheProfile();
    void mutedListUnmutes();
    void offlineSaysWhatNeedsAConnection();
    void cleanupTestCase();

private:
    QQuickItem *item(const QString &objectName) const { return m_demo.app->item(objectName); }
    QObject *popup(const QString &objectName) const { return m_demo.app->popup(objectName); }
    bool opened(const QString &popupName) const
    {
        QObject *p = popup(popupName);
        return p && p->property("opened").toBool();
    }
    bool shown(const QString &objectName) const
    {
        QQuickItem *found = item(objectName);
        return found && found->isVisible();
    }
    //! How many rows of the feed are by \a userId (or repost them); -1 without a feed.
    int feedRowsBy(const QString &userId) const;
    int feedRows() const;
    QStringList mutedOnServer();
    //! Gives \a target the keyboard focus and presses Space.
    void pressByKeyboard(QQuickItem *target);
    //! Opens the profile sheet of \a userId; its Mute button.
    QQuickItem *openProfile(const QString &userId);
    void closeSheet(const QString &popupName);
    static QString description(QQuickItem *item)
    {
        QAccessibleInterface *iface = item ? QAccessible::queryAccessibleInterface(item) : nullptr;
        return iface ? iface->text(QAccessible::Description) : QString();
    }

    QString m_token; //!< amelie's
    QString m_muted; //!< the id of the person muted
    QString m_handle;
    QString m_chloe; //!< the id of @chloe, muted before the window signed in
    plaza::test::DemoWindow m_demo;
};

void PersonMuteUiTest::initTestCase()
{
    QString why;
    QVERIFY2(m_demo.open(QStringLiteral("PlazaPersonMuteTest"), QSize(1280, 800), &why), qPrintable(why));
    // Another device of amelie's muted @chloe before this window ever signed in.
    m_token = m_demo.login(QStringLiteral("amelie"));
    QVERIFY(!m_token.isEmpty());
    const auto muted = m_demo.api->send("PUT", QStringLiteral("/v1/mutes/@chloe"), {}, m_token);
    QCOMPARE(muted.status, 200);
    m_chloe = muted.json.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString();
    QVERIFY(m_chloe.startsWith(QStringLiteral("u_")));
    QVERIFY2(m_demo.signIn(QStringLiteral("amelie"), QStringLiteral("a passphrase for the mute test"), &why), qPrintable(why));
}

void PersonMuteUiTest::cleanup()
{
    const QString warnings = m_demo.takeWarnings();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings));
}

int PersonMuteUiTest::feedRows() const
{
    QQuickItem *list = item(QStringLiteral("feedList"));
    auto *model = list ? list->property("model").value<QAbstractItemModel *>() : nullptr;
    return model ? model->rowCount() : -1;
}

int PersonMuteUiTest::feedRowsBy(const QString &userId) const
{
    QQuickItem *list = item(QStringLiteral("feedList"));
    auto *model = list ? list->property("model").value<QAbstractItemModel *>() : nullptr;
    if (!model)
        return -1;
    const int authorRole = model->roleNames().key("authorId", -1);
    int n = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(authorRole).toString() == userId)
            ++n;
    }
    return n;
}

QStringList PersonMuteUiTest::mutedOnServer()
{
    QStringList ids;
    const auto list = m_demo.api->get(QStringLiteral("/v1/mutes"), m_token);
    for (const QJsonValue &v : list.json.value(QStringLiteral("items")).toArray())
        ids.append(v.toObject().value(QStringLiteral("user")).toObject().value(QStringLiteral("id")).toString());
    return ids;
}

void PersonMuteUiTest::pressByKeyboard(QQuickItem *target)
{
    QVERIFY(target);
    QTRY_VERIFY_WITH_TIMEOUT(target->isVisible() && target->isEnabled(), 10000);
    target->forceActiveFocus(Qt::TabFocusReason);
    QTRY_VERIFY(target->hasActiveFocus());
    QTest::keyClick(m_demo.window, Qt::Key_Space);
}

QQuickItem *PersonMuteUiTest::openProfile(const QString &userId)
{
    QObject *sheet = popup(QStringLiteral("profileSheet"));
    if (!sheet || !QMetaObject::invokeMethod(sheet, "show", Q_ARG(QVariant, userId)))
        return nullptr;
    QQuickItem *button = nullptr;
    const bool shownAtLast = QTest::qWaitFor([&] {
        return opened(QStringLiteral("profileSheet")) && (button = item(QStringLiteral("profileMuteButton"))) && button->isVisible();
    }, 15000);
    return shownAtLast ? button : nullptr;
}

void PersonMuteUiTest::closeSheet(const QString &popupName)
{
    QTest::keyClick(m_demo.window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!opened(popupName), 5000);
}

void PersonMuteUiTest::newDeviceKnowsTheMutes()
{
    // This device never muted anyone: the list and the profile know @chloe from the server.
    QQuickItem *button = openProfile(m_chloe);
    QVERIFY(button);
    QTRY_COMPARE_WITH_TIMEOUT(button->property("text").toString(), QStringLiteral("Unmute @chloe"), 15000);
    QCOMPARE(item(QStringLiteral("profileMuteExplanation"))->property("text").toString(),
             QStringLiteral("Their posts are hidden from your feed. They weren't told."));
    closeSheet(QStringLiteral("profileSheet"));
    m_demo.app->links->requestPage(QStringLiteral("settings/muted"));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("settingsSheet")), 10000);
    QQuickItem *row = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((row = item(QStringLiteral("mutedRow_") + m_chloe)) && row->isVisible(), 15000);
    QVERIFY2(row->property("detail").toString().startsWith(QStringLiteral("@chloe · Muted ")), qPrintable(row->property("detail").toString()));
    QVERIFY(!shown(QStringLiteral("mutedEmpty")));
    QVERIFY(!shown(QStringLiteral("mutedOffline")));
    // Unmuted on the other device: person_mute.changed empties the list here.
    QCOMPARE(m_demo.api->del(QStringLiteral("/v1/mutes/@chloe"), m_token).status, 204);
    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("mutedEmpty")), 20000);
    QVERIFY(!item(QStringLiteral("mutedRow_") + m_chloe) || !item(QStringLiteral("mutedRow_") + m_chloe)->isVisible());
    closeSheet(QStringLiteral("settingsSheet"));
    button = openProfile(m_chloe);
    QVERIFY(button);
    QTRY_COMPARE_WITH_TIMEOUT(button->property("text").toString(), QStringLiteral("Mute @chloe"), 10000);
    closeSheet(QStringLiteral("profileSheet"));
}

void PersonMuteUiTest::muteFromTheProfile()
{
    // The profile of the author of the newest post in her feed by someone else.
    m_demo.app->links->requestPage(QStringLiteral("feed"));
    QTRY_VERIFY_WITH_TIMEOUT(feedRows() > 0, 20000);
    const QString self = m_demo.api->get(QStringLiteral("/v1/me"), m_token).json.value(QStringLiteral("id")).toString();
    QVERIFY(!self.isEmpty());
    {
        QQuickItem *list = item(QStringLiteral("feedList"));
        auto *model = list->property("model").value<QAbstractItemModel *>();
        const int authorRole = model->roleNames().key("authorId", -1);
        for (int row = 0; row < model->rowCount() && m_muted.isEmpty(); ++row) {
            const QString author = model->index(row, 0).data(authorRole).toString();
            if (author.startsWith(QStringLiteral("u_")) && author != self)
                m_muted = author;
        }
    }
    QVERIFY(!m_muted.isEmpty());
    QObject *sheet = popup(QStringLiteral("profileSheet"));
    QVERIFY(sheet);
    QVERIFY(QMetaObject::invokeMethod(sheet, "show", Q_ARG(QVariant, m_muted)));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("profileSheet")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(feedRowsBy(m_muted) > 0, 20000);
    QQuickItem *button = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((button = item(QStringLiteral("profileMuteButton"))) && button->isVisible(), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(button->property("text").toString().startsWith(QStringLiteral("Mute @")), 10000);
    m_handle = button->property("text").toString().mid(QStringLiteral("Mute @").size());
    QVERIFY(!m_handle.isEmpty());
    QCOMPARE(item(QStringLiteral("profileMuteExplanation"))->property("text").toString(),
             QStringLiteral("You won't see their posts in your feed. They won't be told."));

    pressByKeyboard(button);
    // The button flips at once; the note says so once the server agreed.
    QTRY_COMPARE_WITH_TIMEOUT(button->property("text").toString(), QStringLiteral("Unmute @") + m_handle, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(item(QStringLiteral("profileMuteExplanation"))->property("text").toString(),
                              QStringLiteral("Muted. Their posts left your feed."), 15000);
    QCOMPARE(button->property("text").toString(), QStringLiteral("Unmute @") + m_handle);
    QCOMPARE(mutedOnServer(), QStringList{m_muted});
    // The feed leaves them out at once (from the cache), the rest stays.
    QTRY_COMPARE_WITH_TIMEOUT(feedRowsBy(m_muted), 0, 10000);
    QVERIFY(feedRows() > 0);
    closeSheet(QStringLiteral("profileSheet"));
}

void PersonMuteUiTest::mutedListUnmutes()
{
    QVERIFY(!m_muted.isEmpty());
    m_demo.app->links->requestPage(QStringLiteral("settings/muted"));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("settingsSheet")), 10000);
    QQuickItem *row = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((row = item(QStringLiteral("mutedRow_") + m_muted)) && row->isVisible(), 15000);
    QVERIFY(!shown(QStringLiteral("mutedEmpty")));
    QVERIFY2(row->property("detail").toString().startsWith(u'@' + m_handle + QStringLiteral(" · Muted ")),
             qPrintable(row->property("detail").toString()));
    pressByKeyboard(item(QStringLiteral("unmutePerson_") + m_muted));
    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("mutedEmpty")), 15000);
    QVERIFY(!item(QStringLiteral("mutedRow_") + m_muted) || !item(QStringLiteral("mutedRow_") + m_muted)->isVisible());
    QCOMPARE(mutedOnServer(), QStringList());
    QCOMPARE(item(QStringLiteral("mutedNote"))->property("text").toString(),
             QStringLiteral("Unmuted. Their posts are back in your feed."));
    // Their posts are back in the feed.
    QTRY_VERIFY_WITH_TIMEOUT(feedRowsBy(m_muted) > 0, 15000);
    closeSheet(QStringLiteral("settingsSheet"));
}

void PersonMuteUiTest::offlineSaysWhatNeedsAConnection()
{
    QVERIFY(!m_muted.isEmpty());
    // Muted again (from the other device), then the server goes away.
    QCOMPARE(m_demo.api->send("PUT", QStringLiteral("/v1/mutes/%1").arg(m_muted), {}, m_token).status, 200);
    m_demo.app->links->requestPage(QStringLiteral("settings/muted"));
    QTRY_VERIFY_WITH_TIMEOUT(opened(QStringLiteral("settingsSheet")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("mutedRow_") + m_muted), 20000);
    QVERIFY(m_demo.server->stop());
    QTRY_VERIFY_WITH_TIMEOUT(!m_demo.app->session->online(), 20000);
    // The list stays, says it may be out of date, and Unmute is greyed with the reason.
    QTRY_VERIFY_WITH_TIMEOUT(shown(QStringLiteral("mutedOffline")), 10000);
    QCOMPARE(item(QStringLiteral("mutedOffline"))->property("text").toString(),
             QStringLiteral("You're offline: this list may be out of date, and unmuting needs a connection."));
    QVERIFY(shown(QStringLiteral("mutedRow_") + m_muted));
    QQuickItem *unmute = item(QStringLiteral("unmutePerson_") + m_muted);
    QVERIFY(unmute && !unmute->isEnabled());
    QCOMPARE(description(unmute), QStringLiteral("Needs a connection"));
    closeSheet(QStringLiteral("settingsSheet"));
    // So does the profile's Unmute.
    QQuickItem *button = openProfile(m_muted);
    QVERIFY(button);
    QTRY_COMPARE_WITH_TIMEOUT(button->property("text").toString(), QStringLiteral("Unmute @") + m_handle, 10000);
    QVERIFY(!button->isEnabled());
    QCOMPARE(description(button), QStringLiteral("Needs a connection"));
    QCOMPARE(item(QStringLiteral("profileMuteExplanation"))->property("text").toString(),
             QStringLiteral("You're offline. Unmuting needs a connection."));
    closeSheet(QStringLiteral("profileSheet"));
}

void PersonMuteUiTest::cleanupTestCase()
{
    m_demo.close();
}

QTEST_MAIN(PersonMuteUiTest)
#include "tst_personmute.moc"
