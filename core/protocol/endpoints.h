// SPDX-License-Identifier: MIT
#pragma once

// The API's paths (docs/api.md), built in one place. Every id goes into its path segment
// percent-encoded, so an id a user could influence ("a/../b", "x?y") names nothing but
// itself: the server decodes each segment after splitting the path and answers 404.

#include <QString>

namespace plaza::protocol::endpoints {

//! \a value percent-encoded for one path segment (everything but A–Z a–z 0–9 - . _ ~).
[[nodiscard]] QString segment(const QString &value);

// Accounts.
[[nodiscard]] QString authRegister();
[[nodiscard]] QString authLogin();
//! The second step of a sign-in with two-factor on: the challenge and the code.
[[nodiscard]] QString authLoginTotp();
//! A password or code exchanged for a short-lived step-up token (money moves).
[[nodiscard]] QString authStepUp();
//! Two-factor enrolment and the step-up threshold.
[[nodiscard]] QString accountSecurity();
[[nodiscard]] QString totpSetup();
[[nodiscard]] QString totpConfirm();
[[nodiscard]] QString totpDisable();
[[nodiscard]] QString authRefresh();
[[nodiscard]] QString authLogout();
[[nodiscard]] QString webSocket();
[[nodiscard]] QString sync();
//! The caller's sessions (signed-in devices), one of them, and "end all but mine".
[[nodiscard]] QString sessions();
[[nodiscard]] QString session(const QString &sessionId);
[[nodiscard]] QString sessionsEndOthers();
//! The account itself: change its password, delete it.
[[nodiscard]] QString accountPassword();
[[nodiscard]] QString accountDelete();

// People.
[[nodiscard]] QString users();
[[nodiscard]] QString user(const QString &userId);
[[nodiscard]] QString userFollow(const QString &userId);
[[nodiscard]] QString userPosts(const QString &userId);

// Chat.
[[nodiscard]] QString conversations();
//! A conversation by id, or the one with a person by "@handle".
[[nodiscard]] QString conversation(const QString &idOrHandle);
[[nodiscard]] QString conversationMessages(const QString &conversationId);
[[nodiscard]] QString conversationRead(const QString &conversationId);
//! One message: PATCH edits it, DELETE deletes it for everyone.
[[nodiscard]] QString message(const QString &messageId);
//! PUT adds, DELETE removes the caller's \a emoji on a message.
[[nodiscard]] QString messageReaction(const QString &messageId, const QString &emoji);
[[nodiscard]] QString messageForward(const QString &messageId);

// Safety (docs/api.md "Safety").
//! GET: the people the caller blocked.
[[nodiscard]] QString blocks();
//! PUT blocks, DELETE unblocks \a userId.
[[nodiscard]] QString block(const QString &userId);
//! GET: the people the caller muted in the feed.
[[nodiscard]] QString personMutes();
//! PUT mutes, DELETE unmutes \a userId ("u_…" or "@handle") in the feed.
[[nodiscard]] QString personMute(const QString &userId);
//! PUT mutes (with {"until"}), DELETE unmutes a conversation for the caller.
[[nodiscard]] QString conversationMute(const QString &conversationId);
[[nodiscard]] QString conversationAccept(const QString &conversationId);
//! Groups (docs/api.md "Groups"): the members, and one member ("u_…" or "@handle").
[[nodiscard]] QString conversationMembers(const QString &conversationId);
[[nodiscard]] QString conversationMember(const QString &conversationId, const QString &user);
//! POST: a report of a message, post, person or payment request.
[[nodiscard]] QString reports();

// Feed.
[[nodiscard]] QString posts();
[[nodiscard]] QString post(const QString &postId);
[[nodiscard]] QString postReplies(const QString &postId);
[[nodiscard]] QString postLike(const QString &postId);
[[nodiscard]] QString postRepost(const QString &postId);
//! PUT/DELETE: the caller's bookmark of a post.
[[nodiscard]] QString postBookmark(const QString &postId);
//! GET: the caller's bookmarks, newest first.
[[nodiscard]] QString bookmarks();
[[nodiscard]] QString timelineHome();
[[nodiscard]] QString timelineDiscover();

// Wallet.
[[nodiscard]] QString wallet();
[[nodiscard]] QString walletTopUps();
[[nodiscard]] QString transfers();
[[nodiscard]] QString paymentRequests();
[[nodiscard]] QString paymentRequest(const QString &requestId);
[[nodiscard]] QString paymentRequestPay(const QString &requestId);
[[nodiscard]] QString paymentRequestCancel(const QString &requestId);
[[nodiscard]] QString paymentRequestDecline(const QString &requestId);

// Savings.
[[nodiscard]] QString savings();
[[nodiscard]] QString savingsInterest();
[[nodiscard]] QString savingsDeposits();
[[nodiscard]] QString savingsWithdrawals();
[[nodiscard]] QString savingsGoals();
[[nodiscard]] QString savingsGoal(const QString &goalId);

// Media.
[[nodiscard]] QString uploads();
[[nodiscard]] QString upload(const QString &uploadId);
[[nodiscard]] QString uploadComplete(const QString &uploadId);
[[nodiscard]] QString media(const QString &mediaId);
[[nodiscard]] QString mediaContent(const QString &mediaId);
[[nodiscard]] QString mediaThumbnail(const QString &mediaId);

} // namespace plaza::protocol::endpoints
