// SPDX-License-Identifier: MIT
// singleinstance_helper --data-dir DIR [args…]: a launch of "Plaza" reduced to SingleInstance,
// for tst_singleinstance to start as real, separate processes. It says what it became:
//   "primary <socket>"  then "received: <arg>|<arg>|…" for every later launch's arguments
//                       (an argument "quit" makes it exit 0 after printing);
//   "secondary"         exit 0, its arguments were delivered;
//   "unavailable: why"  exit 3.
#include "singleinstance.h"

#include <QCoreApplication>

#include <cstdio>

namespace {
void say(const QString &line)
{
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.size() < 2 || args.at(0) != u"--data-dir") {
        std::fprintf(stderr, "usage: singleinstance_helper --data-dir DIR [args...]\n");
        return 2;
    }
    const QString dataDir = args.at(1);
    args = args.mid(2);

    SingleInstance instance(dataDir);
    switch (instance.start(args, 5000)) {
    case SingleInstance::Role::Secondary:
        say(QStringLiteral("secondary"));
        return 0;
    case SingleInstance::Role::Unavailable:
        say(QStringLiteral("unavailable: ") + instance.errorString());
        return 3;
    case SingleInstance::Role::Primary:
        break;
    }
    QObject::connect(&instance, &SingleInstance::messageReceived, &app, [](const QStringList &received) {
        say(QStringLiteral("received: ") + received.join(u'|'));
        if (received.contains(u"quit"))
            QCoreApplication::quit();
    });
    say(QStringLiteral("primary ") + instance.fullServerName());
    return QCoreApplication::exec();
}
