// SPDX-License-Identifier: MIT
#include "protocol/endpoints.h"

#include <QUrl>

namespace plaza::protocol::endpoints {

namespace {

QString under(QStringView prefix, const QString &id, QStringView suffix = {})
{
    const QString encoded = segment(id);
    QString path;
    path.reserve(prefix.size() + encoded.size() + suffix.size());
    path.append(prefix).append(encoded).append(suffix);
    return path;
}

} // namespace

QString segment(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QString authRegister() { return QStringLiteral("/v1/auth/register"); }
QString authLogin() { return QStringLiteral("/v1/auth/login"); }
QString authLoginTotp() { return QStringLiteral("/v1/auth/login/totp"); }
QString authStepUp() { return QStringLiteral("/v1/auth/step-up"); }
QString accountSecurity() { return QStringLiteral("/v1/account/security"); }
QString totpSetup() { return QStringLiteral("/v1/account/2fa/setup"); }
QString totpConfirm() { return QStringLiteral("/v1/account/2fa/confirm"); }
QString totpDisable() { return QStringLiteral("/v1/account/2fa/disable"); }
QString authRefresh() { return QStringLiteral("/v1/auth/refresh"); }
QString authLogout() { return QStringLiteral("/v1/auth/logout"); }
QString webSocket() { return QStringLiteral("/v1/ws"); }
QString sessions() { return QStringLiteral("/v1/sessions"); }
QString session(const QString &sessionId) { return under(u"/v1/sessions/", sessionId); }
QString sessionsEndOthers() { return QStringLiteral("/v1/sessions/end-others"); }
QString accountPassword() { return QStringLiteral("/v1/account/password"); }
QString accountDelete() { return QStringLiteral("/v1/account/delete"); }
QString sync() { return QStringLiteral("/v1/sync"); }

QString users() { return QStringLiteral("/v1/users"); }
QString user(const QString &userId) { return under(u"/v1/users/", userId); }
QString userFollow(const QString &userId) { return under(u"/v1/users/", userId, u"/follow"); }
QString userPosts(const QString &userId) { return under(u"/v1/users/", userId, u"/posts"); }

QString conversations() { return QStringLiteral("/v1/conversations"); }
QString conversation(const QString &idOrHandle) { return under(u"/v1/conversations/", idOrHandle); }
QString conversationMessages(const QString &conversationId)
{
    return under(u"/v1/conversations/", conversationId, u"/messages");
}
QString conversationRead(const QString &conversationId) { return under(u"/v1/conversations/", conversationId, u"/read"); }
QString message(const QString &messageId) { return under(u"/v1/messages/", messageId); }
QString messageReaction(const QString &messageId, const QString &emoji)
{
    return under(u"/v1/messages/", messageId, u"/reactions/") + segment(emoji);
}
QString messageForward(const QString &messageId) { return under(u"/v1/messages/", messageId, u"/forward"); }

QString blocks() { return QStringLiteral("/v1/blocks"); }
QString block(const QString &userId) { return under(u"/v1/blocks/", userId); }
QString personMutes() { return QStringLiteral("/v1/mutes"); }
QString personMute(const QString &userId) { return under(u"/v1/mutes/", userId); }
QString conversationMute(const QString &conversationId) { return under(u"/v1/conversations/", conversationId, u"/mute"); }
QString conversationAccept(const QString &conversationId) { return under(u"/v1/conversations/", conversationId, u"/accept"); }
QString conversationMembers(const QString &conversationId) { return under(u"/v1/conversations/", conversationId, u"/members"); }
QString conversationMember(const QString &conversationId, const QString &user)
{
    return conversationMembers(conversationId) + under(u"/", user);
}
QString reports() { return QStringLiteral("/v1/reports"); }

QString posts() { return QStringLiteral("/v1/posts"); }
QString post(const QString &postId) { return under(u"/v1/posts/", postId); }
QString postReplies(const QString &postId) { return under(u"/v1/posts/", postId, u"/replies"); }
QString postLike(const QString &postId) { return under(u"/v1/posts/", postId, u"/like"); }
QString postRepost(const QString &postId) { return under(u"/v1/posts/", postId, u"/repost"); }
QString postBookmark(const QString &postId) { return under(u"/v1/posts/", postId, u"/bookmark"); }
QString bookmarks() { return QStringLiteral("/v1/bookmarks"); }
QString timelineHome() { return QStringLiteral("/v1/timeline/home"); }
QString timelineDiscover() { return QStringLiteral("/v1/timeline/discover"); }

QString wallet() { return QStringLiteral("/v1/wallet"); }
QString walletTopUps() { return QStringLiteral("/v1/wallet/top-ups"); }
QString transfers() { return QStringLiteral("/v1/transfers"); }
QString paymentRequests() { return QStringLiteral("/v1/payment-requests"); }
QString paymentRequest(const QString &requestId) { return under(u"/v1/payment-requests/", requestId); }
QString paymentRequestPay(const QString &requestId) { return under(u"/v1/payment-requests/", requestId, u"/pay"); }
QString paymentRequestCancel(const QString &requestId) { return under(u"/v1/payment-requests/", requestId, u"/cancel"); }
QString paymentRequestDecline(const QString &requestId) { return under(u"/v1/payment-requests/", requestId, u"/decline"); }

QString savings() { return QStringLiteral("/v1/savings"); }
QString savingsInterest() { return QStringLiteral("/v1/savings/interest"); }
QString savingsDeposits() { return QStringLiteral("/v1/savings/deposits"); }
QString savingsWithdrawals() { return QStringLiteral("/v1/savings/withdrawals"); }
QString savingsGoals() { return QStringLiteral("/v1/savings/goals"); }
QString savingsGoal(const QString &goalId) { return under(u"/v1/savings/goals/", goalId); }

QString uploads() { return QStringLiteral("/v1/uploads"); }
QString upload(const QString &uploadId) { return under(u"/v1/uploads/", uploadId); }
QString uploadComplete(const QString &uploadId) { return under(u"/v1/uploads/", uploadId, u"/complete"); }
QString media(const QString &mediaId) { return under(u"/v1/media/", mediaId); }
QString mediaContent(const QString &mediaId) { return under(u"/v1/media/", mediaId, u"/content"); }
QString mediaThumbnail(const QString &mediaId) { return under(u"/v1/media/", mediaId, u"/thumbnail"); }

} // namespace plaza::protocol::endpoints
