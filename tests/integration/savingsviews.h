// SPDX-License-Identifier: MIT
#pragma once

#include "savings/goalsmodel.h"
#include "savings/savingsservice.h"
#include "savings/savingssummary.h"
#include "session/session.h"

#include <QTest>
#include <QVariantList>

namespace plaza::test {

//! The Savings tab's three objects wired as SavingsPage.qml wires them: the service (server,
//! writes, change stream), the summary (figures, charts) and the goals model.
struct SavingsViews {
    savings::SavingsService service;
    savings::SavingsSummary summary;
    savings::GoalsModel goals;

    explicit SavingsViews(Session *session)
    {
        service.setAccount(session);
        summary.setService(&service);
        goals.setService(&service);
    }

    //! SavingsService::refresh() to its end (the server's answer, or the cache alone).
    bool refreshed()
    {
        service.refresh();
        return !service.busy() || QTest::qWaitFor([&] { return !service.busy(); }, 15000);
    }

    //! The goals' rows as maps (GoalsModel::get), in the model's order.
    [[nodiscard]] QVariantList goalList() const
    {
        QVariantList list;
        for (int row = 0; row < goals.count(); ++row)
            list.append(goals.get(row));
        return list;
    }
};

} // namespace plaza::test
