// SPDX-License-Identifier: MIT
// SingleInstance across real processes (singleinstance_helper): a second launch hands its
// plaza:// link to the first and exits 0; data folders are separate instances; a socket left
// by a first instance killed with SIGKILL is replaced; launches racing each other elect one.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

namespace {

constexpr int kWaitMs = 15000;

class Helper
{
public:
    explicit Helper(const QString &dataDir, const QStringList &args = {})
    {
        m_process.setProgram(QStringLiteral(SINGLEINSTANCE_HELPER));
        m_process.setArguments(QStringList{QStringLiteral("--data-dir"), dataDir} + args);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
    }
    ~Helper()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(kWaitMs);
        }
    }

    //! The next line the helper prints, or an empty string on timeout or exit.
    QString nextLine()
    {
        QDeadlineTimer deadline(kWaitMs);
        while (!m_process.canReadLine() && !deadline.hasExpired()) {
            if (!m_process.waitForReadyRead(int(deadline.remainingTime())) && m_process.state() == QProcess::NotRunning)
                break;
        }
        if (!m_process.canReadLine())
            return {};
        return QString::fromUtf8(m_process.readLine()).trimmed();
    }

    bool finishedWith(int code)
    {
        if (m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(kWaitMs))
            return false;
        return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == code;
    }

    QProcess &process() { return m_process; }

private:
    QProcess m_process;
};

} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The helpers' sockets and lock files go to a temp folder of this run (TMPDIR is what
        // QDir::tempPath() reads), so the ones killed on purpose leave nothing in /tmp.
        QVERIFY(m_temp.isValid());
        qputenv("TMPDIR", QFile::encodeName(m_temp.path()));
        QCOMPARE(QDir::tempPath(), QDir(m_temp.path()).canonicalPath());
    }

    void secondLaunchHandsItsLinkToTheFirst()
    {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        Helper first(data.path());
        QVERIFY(first.nextLine().startsWith(u"primary "));

        const QString link = QStringLiteral("plaza://pay/8c1f7a52-4e0b-4d6e-9a57-1f0c2d3b4a59");
        Helper second(data.path(), {link});
        QCOMPARE(second.nextLine(), QStringLiteral("secondary"));
        QVERIFY(second.finishedWith(0));
        QCOMPARE(first.nextLine(), QStringLiteral("received: ") + link);

        // Several arguments, non-ASCII and empty ones included, arrive whole and in order.
        Helper third(data.path(), {QStringLiteral("--lang"), QStringLiteral("fr"), QStringLiteral("café ☕"),
                                   QString(), QStringLiteral("quit")});
        QCOMPARE(third.nextLine(), QStringLiteral("secondary"));
        QVERIFY(third.finishedWith(0));
        QCOMPARE(first.nextLine(), QStringLiteral("received: --lang|fr|café ☕||quit"));
        QVERIFY(first.finishedWith(0));

        // The first exited cleanly: the next launch is a primary again.
        Helper fourth(data.path());
        QVERIFY(fourth.nextLine().startsWith(u"primary "));
    }

    void dataFoldersAreSeparateInstances()
    {
        QTemporaryDir one, two;
        QVERIFY(one.isValid() && two.isValid());
        Helper first(one.path());
        QVERIFY(first.nextLine().startsWith(u"primary "));
        Helper second(two.path());
        QVERIFY(second.nextLine().startsWith(u"primary "));
        // The same folder spelt differently is the same instance.
        Helper third(one.path() + QStringLiteral("/./"), {QStringLiteral("x")});
        QCOMPARE(third.nextLine(), QStringLiteral("secondary"));
        QCOMPARE(first.nextLine(), QStringLiteral("received: x"));
    }

    void socketLeftByAKilledInstanceIsReplaced()
    {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        Helper first(data.path());
        const QString line = first.nextLine();
        QVERIFY2(line.startsWith(u"primary "), qPrintable(line));
        const QString socketPath = line.mid(8);

        first.process().kill(); // SIGKILL: no chance to remove its socket
        QVERIFY(first.process().waitForFinished(kWaitMs));
#ifdef Q_OS_UNIX
        QVERIFY2(QFileInfo::exists(socketPath), "the killed instance should have left its socket behind");
#endif

        Helper second(data.path());
        QVERIFY(second.nextLine().startsWith(u"primary "));
        Helper third(data.path(), {QStringLiteral("plaza://pay/after-crash")});
        QCOMPARE(third.nextLine(), QStringLiteral("secondary"));
        QVERIFY(third.finishedWith(0));
        QCOMPARE(second.nextLine(), QStringLiteral("received: plaza://pay/after-crash"));
    }

    void racingLaunchesElectOnePrimary()
    {
        QTemporaryDir data;
        QVERIFY(data.isValid());
        constexpr int kLaunches = 5;
        std::vector<std::unique_ptr<Helper>> helpers;
        for (int i = 0; i < kLaunches; ++i)
            helpers.push_back(std::make_unique<Helper>(data.path(), QStringList{QString::number(i)}));

        Helper *primary = nullptr;
        int secondaries = 0;
        for (auto &helper : helpers) {
            const QString line = helper->nextLine();
            if (line.startsWith(u"primary ")) {
                QVERIFY2(!primary, "two primaries");
                primary = helper.get();
            } else {
                QCOMPARE(line, QStringLiteral("secondary"));
                QVERIFY(helper->finishedWith(0));
                ++secondaries;
            }
        }
        QVERIFY(primary);
        QCOMPARE(secondaries, kLaunches - 1);
        QStringList received;
        for (int i = 0; i < secondaries; ++i)
            received.append(primary->nextLine());
        QCOMPARE(received.size(), kLaunches - 1);
        for (const QString &r : received)
            QVERIFY2(r.startsWith(u"received: "), qPrintable(r));
    }

private:
    QTemporaryDir m_temp{QDir::tempPath() + QStringLiteral("/plaza-singleinstance-XXXXXX")};
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
