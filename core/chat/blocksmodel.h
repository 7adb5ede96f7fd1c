// SPDX-License-Identifier: MIT
#pragma once

#include "chat/peoplelistmodel.h"
#include "chat/safetyactions.h"

#include <QPointer>

namespace plaza::chat {

//! The people the user blocked (docs/api.md "Safety"), newest block first, from the cache's
//! blocks table (PeopleListModel: offline too, rows follow by user id). refresh() asks the
//! server (GET /v1/blocks, SafetyActions::syncBlocks), which rewrites the table; block.changed
//! events and blocks from any window change it as well.
//!
//! plaza_core has no QML: the app registers it (QML_FOREIGN) and sets `safety`.
class BlocksModel : public PeopleListModel
{
    Q_OBJECT
    Q_PROPERTY(plaza::chat::SafetyActions *safety READ safety WRITE setSafety NOTIFY safetyChanged)
public:
    explicit BlocksModel(QObject *parent = nullptr);
    ~BlocksModel() override;

    [[nodiscard]] SafetyActions *safety() const { return m_safety; }
    void setSafety(SafetyActions *safety);

Q_SIGNALS:
    void safetyChanged();

protected:
    [[nodiscard]] const storage::Cache *cache() const override;
    [[nodiscard]] QString query() const override;
    [[nodiscard]] QCoro::Task<Status> sync() override;

private:
    QPointer<SafetyActions> m_safety;
};

} // namespace plaza::chat
