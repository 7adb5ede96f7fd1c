// SPDX-License-Identifier: MIT
#include "result.h"

#include "errorcodes.h"

#include <array>

namespace plaza {

namespace {
struct CodeName {
    ErrorCode code;
    const char16_t *name;
};
constexpr std::array kNames{
    CodeName{ErrorCode::InvalidJson, u"invalid_json"},
    CodeName{ErrorCode::ValidationFailed, u"validation_failed"},
    CodeName{ErrorCode::InvalidAmount, u"invalid_amount"},
    CodeName{ErrorCode::Unauthorized, u"unauthorized"},
    CodeName{ErrorCode::Forbidden, u"forbidden"},
    CodeName{ErrorCode::NotFound, u"not_found"},
    CodeName{ErrorCode::Conflict, u"conflict"},
    CodeName{ErrorCode::IdempotencyKeyReused, u"idempotency_key_reused"},
    CodeName{ErrorCode::PayloadTooLarge, u"payload_too_large"},
    CodeName{ErrorCode::InsufficientFunds, u"insufficient_funds"},
    CodeName{ErrorCode::LimitExceeded, u"limit_exceeded"},
    CodeName{ErrorCode::CurrencyMismatch, u"currency_mismatch"},
    CodeName{ErrorCode::SelfPayment, u"self_payment"},
    CodeName{ErrorCode::RecipientUnavailable, u"recipient_unavailable"},
    CodeName{ErrorCode::CardDeclined, u"card_declined"},
    CodeName{ErrorCode::RateLimited, u"rate_limited"},
    CodeName{ErrorCode::ResyncRequired, u"resync_required"},
    CodeName{ErrorCode::Internal, u"internal"},
    CodeName{ErrorCode::Network, u"network"},
    CodeName{ErrorCode::Timeout, u"timeout"},
    CodeName{ErrorCode::Tls, u"tls"},
    CodeName{ErrorCode::Protocol, u"protocol"},
    CodeName{ErrorCode::Storage, u"storage"},
    CodeName{ErrorCode::CacheLocked, u"cache_locked"},
    CodeName{ErrorCode::KeychainUnavailable, u"keychain_unavailable"},
    CodeName{ErrorCode::Cancelled, u"cancelled"},
    CodeName{ErrorCode::Unknown, u"unknown"},
};
} // namespace

QString errorCodeName(ErrorCode code)
{
    for (const auto &entry : kNames) {
        if (entry.code == code)
            return QString::fromUtf16(entry.name);
    }
    return QStringLiteral("unknown");
}

QStringList errorCodeNames()
{
    QStringList names;
    names.reserve(qsizetype(kNames.size()));
    for (const auto &entry : kNames)
        names.append(QString::fromUtf16(entry.name));
    return names;
}

ErrorCode errorCodeFromName(QStringView name)
{
    for (const auto &entry : kNames) {
        if (name == QStringView(entry.name))
            return entry.code;
    }
    return ErrorCode::Unknown;
}

} // namespace plaza
