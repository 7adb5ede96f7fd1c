// SPDX-License-Identifier: MIT
#include "largeaccount.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace plaza::bench {

namespace {

QByteArray key()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

bool loaded(const char *what, const LoadResult &r, int expected)
{
    say(QStringLiteral("  made %1 %2 in %3 s (%4/s)")
            .arg(r.done).arg(QLatin1String(what)).arg(r.seconds, 0, 'f', 1).arg(r.perSecond(), 0, 'f', 0));
    if (r.failed > 0 || r.done != expected) {
        say(QStringLiteral("FAIL: %1 of %2 %3 were refused").arg(r.failed).arg(expected).arg(QLatin1String(what)));
        return false;
    }
    return true;
}

} // namespace

bool makeLargeAccount(quint16 port, int messages, int transfers, int posts, LargeAccount *made)
{
    const Account big = registerAccount(port, QStringLiteral("big"));
    const Account friendly = registerAccount(port, QStringLiteral("friendly"));
    made->big = big;
    made->friendly = friendly;
    if (big.token.isEmpty() || friendly.token.isEmpty()) {
        say(QStringLiteral("FAIL: could not register"));
        return false;
    }
    say(QStringLiteral("making %1 messages, %2 transactions and %3 posts through the API").arg(messages).arg(transfers).arg(posts));

    // The conversation, then messages from both sides.
    const QJsonObject conversationBody{{QStringLiteral("member_ids"), QJsonArray{QString::fromLatin1(friendly.id)}}};
    const HttpAnswer conversation = exchange(port, httpRequest("POST", "/v1/conversations", big.token,
                                                               QJsonDocument(conversationBody).toJson(QJsonDocument::Compact)));
    const QByteArray conversationId = conversation.json().value(QStringLiteral("id")).toString().toLatin1();
    if (conversationId.isEmpty()) {
        say(QStringLiteral("FAIL: no conversation (%1)").arg(conversation.status));
        return false;
    }
    const QByteArray messagesPath = "/v1/conversations/" + conversationId + "/messages";
    if (!loaded("messages",
                runLoad(port, 8, messages,
                        [&](int i) {
                            const Account &from = i % 3 == 0 ? big : friendly;
                            return httpRequest("POST", messagesPath, from.token,
                                               R"({"client_id":")" + key() + R"(","text":"Message )" + QByteArray::number(i) +
                                                   R"( about lunch, the weekend and the café on the corner"})");
                        },
                        201),
                messages))
        return false;

    // Money: the friend tops up once and sends a cent at a time (a transaction and a wallet
    // update in big's log each).
    if (exchange(port, httpRequest("POST", "/v1/wallet/top-ups", friendly.token,
                                   R"({"amount":{"amount":)" + QByteArray::number(transfers + 100) +
                                       R"(,"currency":"EUR"},"card_token":"tok_visa"})",
                                   {"Idempotency-Key: " + key()}))
            .status != 201) {
        say(QStringLiteral("FAIL: top-up refused"));
        return false;
    }
    if (!loaded("transfers",
                runLoad(port, 8, transfers,
                        [&](int) {
                            return httpRequest("POST", "/v1/transfers", friendly.token,
                                               R"({"to":")" + big.id + R"(","amount":{"amount":1,"currency":"EUR"},"note":"lunch"})",
                                               {"Idempotency-Key: " + key()});
                        },
                        201),
                transfers))
        return false;

    if (!loaded("posts",
                runLoad(port, 8, posts,
                        [&](int i) {
                            const Account &from = i % 2 == 0 ? big : friendly;
                            return httpRequest("POST", "/v1/posts", from.token,
                                               R"({"client_id":")" + key() + R"(","text":"Post number )" + QByteArray::number(i) +
                                                   R"(: what I saw today in the park"})");
                        },
                        201),
                posts))
        return false;

    return true;
}

} // namespace plaza::bench
